// Write path for POST /api/v1/predictions: validate rows, create models/versions, store, mark quality work.
import type { Database } from "../db/client";
import { markQualityWindows, markShadowRuns, qualityWindowsFor } from "../jobs/mark";
import { classKey, defaultPositiveClass, inferTask } from "../quality";
import { resolveVersions, versionKey } from "../registry/models";
import { activeShadows } from "../shadow/active";
import { isResponse, openBatch, storeBatch } from "./batch";
import { fastPredictionRow } from "./fast-rows";
import { type IngestResponse, type PredictionRow, predictionRow } from "./schemas";

export const PREDICTION_COLUMNS = [
  "modelId",
  "id",
  "versionId",
  "ts",
  "features",
  "prediction",
  "score",
  "scores",
  "variant",
  "latencyMs",
  "receivedAt",
];

export async function ingestPredictions(
  database: Database,
  body: unknown,
  maxRows: number,
): Promise<IngestResponse> {
  const batch = await openBatch(database, body, maxRows, {
    field: "predictions",
    schema: predictionRow,
    fast: fastPredictionRow,
  });
  if (isResponse(batch)) return batch;
  const { raw } = database;
  const { rows, modelIds, now } = batch;
  await inferMissingTasks(
    database,
    modelIds,
    rows.map((r) => r.row),
  );
  const versionIds = await resolveVersions(
    database,
    rows.map((r) => ({ modelId: modelIds.get(r.row.model)!, version: r.row.version })),
  );

  const values: unknown[][] = [];
  const perVersion = new Map<
    string,
    { modelId: number; versionId: number; timestamps: number[]; latest: number }
  >();
  for (const { row } of rows) {
    const modelId = modelIds.get(row.model)!;
    const key = versionKey(modelId, row.version);
    const versionId = versionIds.get(key)!;
    const ts = row.timestamp ?? now;
    values.push([
      modelId,
      row.id,
      versionId,
      raw.time(ts),
      JSON.stringify(row.features),
      JSON.stringify(row.prediction),
      row.score ?? null,
      row.scores ? JSON.stringify(row.scores) : null,
      row.variant ?? null,
      row.latencyMs ?? null,
      raw.time(now),
    ]);
    const group = perVersion.get(key) ?? { modelId, versionId, timestamps: [], latest: 0 };
    group.timestamps.push(ts);
    group.latest = Math.max(group.latest, ts);
    perVersion.set(key, group);
  }

  const groups = [...perVersion.values()].sort((a, b) => a.versionId - b.versionId);
  const marks = markQualityWindows(
    raw,
    groups.flatMap((g) => qualityWindowsFor(g.modelId, g.versionId, g.timestamps)),
    now,
  );
  // Every active shadow of the batch's models evaluates the new rows (one job upsert per shadow).
  const shadows = await activeShadows(database);
  const shadowIds = [...new Set(modelIds.values())].flatMap((id) => shadows.get(id) ?? []);
  marks.push(...markShadowRuns(raw, shadowIds, now));
  const touches = groups.map((g) => ({
    sql: `UPDATE "ModelVersion" SET "lastPredictionAt" = CASE WHEN "lastPredictionAt" IS NULL OR "lastPredictionAt" < ? THEN ? ELSE "lastPredictionAt" END WHERE "id" = ?`,
    params: [raw.time(g.latest), raw.time(g.latest), g.versionId],
  }));
  return storeBatch(database, batch, { table: "Prediction", columns: PREDICTION_COLUMNS, values }, [
    ...marks,
    ...touches,
  ]);
}

const taskKnown = new WeakMap<Database, Set<number>>();

/**
 * A model's task is inferred from its first predictions unless PATCH /models/{model} set it; for a binary
 * model the positive class is fixed then too (when the classes make it clear), so it never varies by window.
 */
async function inferMissingTasks(database: Database, modelIds: Map<string, number>, rows: PredictionRow[]) {
  const known = taskKnown.get(database) ?? new Set<number>();
  taskKnown.set(database, known);
  for (const [name, id] of modelIds) {
    if (known.has(id)) continue;
    const sample = rows.filter((r) => r.model === name).slice(0, 1000);
    const task = inferTask(sample);
    const classes = [...new Set(sample.map((r) => classKey(r.prediction)))];
    const positiveClass =
      task === "binary" && (classes.length === 2 || /^(0|1|true|false)$/.test(classes[0] ?? ""))
        ? defaultPositiveClass(classes)
        : null;
    await database.db.model.updateMany({
      where: { id, task: null },
      data: { task, taskSource: "inferred", ...(positiveClass ? { positiveClass } : {}) },
    });
    known.add(id);
  }
}
