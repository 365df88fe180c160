// POST /api/v1/shadows/{id}/backfill: run a shadow over past predictions with ts in [from, to). The range and
// its progress live on the Shadow row (backfillFrom/To/Total/Done/State); the shadow job does the work
// (run-job.ts), counting backfillDone per batch and setting the state to done when nothing is left in range.
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { markShadowRun } from "../jobs/mark";
import type { BackfillInfo } from "./backfill-schemas";
import { countUnanswered } from "./select";

export function backfillOf(row: {
  backfillFrom: Date | null;
  backfillTo: Date | null;
  backfillState: string | null;
  backfillTotal: number;
  backfillDone: number;
}): BackfillInfo {
  const state = row.backfillState as BackfillInfo["state"];
  return {
    from: row.backfillFrom?.toISOString() ?? null,
    to: row.backfillTo?.toISOString() ?? null,
    state,
    total: row.backfillTotal,
    done: row.backfillDone,
    progress:
      state === null
        ? null
        : row.backfillTotal > 0
          ? row.backfillDone / row.backfillTotal
          : state === "done"
            ? 1
            : 0,
  };
}

/** Starts (or restarts) the shadow's backfill over [from, to) and marks its job. */
export async function startBackfill(
  database: Database,
  id: number,
  range: { from: number; to: number },
): Promise<BackfillInfo> {
  const shadow = await database.db.shadow.findUnique({ where: { id } });
  if (!shadow) throw new HttpError(404, `shadow ${id} not found`);
  const total = await countUnanswered(database, { shadowId: id, modelId: shadow.modelId, ...range });
  const { raw } = database;
  const now = Date.now();
  await raw.batch([
    {
      sql: `UPDATE "Shadow" SET "backfillFrom" = ?, "backfillTo" = ?, "backfillTotal" = ?, "backfillDone" = 0,
            "backfillState" = 'running', "updatedAt" = ? WHERE "id" = ?`,
      params: [raw.time(range.from), raw.time(range.to), total, raw.time(now), id],
    },
    ...markShadowRun(raw, id, now),
  ]);
  return backfillOf({
    backfillFrom: new Date(range.from),
    backfillTo: new Date(range.to),
    backfillState: "running",
    backfillTotal: total,
    backfillDone: 0,
  });
}

/** The shadow's backfill (for GET …/backfill and the shadow's info). */
export async function getBackfill(database: Database, id: number): Promise<BackfillInfo> {
  const shadow = await database.db.shadow.findUnique({ where: { id } });
  if (!shadow) throw new HttpError(404, `shadow ${id} not found`);
  return backfillOf(shadow);
}
