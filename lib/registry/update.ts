// PATCH /api/v1/models/{model}: settings a person gives; a task set here is never overwritten by inference.
import type { z } from "zod";
import type { modelPatchBody } from "../api/contract";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { markQualityWindows } from "../jobs/mark";
import { WINDOW_NAMES } from "../jobs/windows";
import { classKey } from "../quality";

export async function updateModel(database: Database, name: string, patch: z.output<typeof modelPatchBody>) {
  const model = await database.db.model.findUnique({ where: { name } });
  if (!model) throw new HttpError(404, `model "${name}" not found`);
  const updated = await database.db.model.update({
    where: { id: model.id },
    data: {
      ...(patch.task !== undefined ? { task: patch.task, taskSource: "set" } : {}),
      ...(patch.positiveClass !== undefined
        ? { positiveClass: patch.positiveClass === null ? null : classKey(patch.positiveClass) }
        : {}),
      ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
    },
  });
  // Task or positive class change every stored figure: recompute all windows of the model.
  if (patch.task !== undefined || patch.positiveClass !== undefined)
    await remarkAllWindows(database, model.id);
  return {
    name: updated.name,
    displayName: updated.displayName,
    description: updated.description,
    owner: updated.owner,
    task: updated.task,
    taskSource: updated.taskSource as "set" | "inferred" | null,
    positiveClass: updated.positiveClass,
  };
}

async function remarkAllWindows(database: Database, modelId: number) {
  const rows = await database.raw.query<{ versionId: number; window: string; windowStart: unknown }>(
    `SELECT "versionId", "window", "windowStart" FROM "QualityRollup" WHERE "modelId" = ?`,
    [modelId],
  );
  const windows = rows
    .filter((r) => (WINDOW_NAMES as string[]).includes(r.window))
    .map((r) => ({
      modelId,
      versionId: Number(r.versionId),
      window: r.window as (typeof WINDOW_NAMES)[number],
      windowStart: database.raw.readTime(r.windowStart),
    }));
  if (windows.length > 0) await database.raw.batch(markQualityWindows(database.raw, windows));
}
