// The retention sweep: deletes raw rows older than each type's cutoff in small batches — one short
// transaction of at most `batchRows` rows each, with a pause between them — so ingest (which needs the same
// write lock on SQLite, and the same index pages on PostgreSQL) never waits behind a long delete. A sweep
// stops after `budgetMs` and reports whether it finished; the job then runs again soon to continue.
// Same SQL on SQLite and PostgreSQL.
import type { Database } from "../db/client";
import { DATA_TYPES, type DataType } from "./policy";

const DAY_MS = 86_400_000;

export interface SweepOptions {
  /** epoch ms cutoff per type (rows strictly older are deleted); null or absent keeps the type */
  cutoffs: Partial<Record<DataType, number | null>>;
  batchRows?: number;
  pauseMs?: number;
  /** stop starting new batches after this long */
  budgetMs?: number;
}

export interface SweepResult {
  deleted: Record<DataType, number>;
  /** true when every type is below its cutoff; false when the budget ran out first */
  done: boolean;
  durationMs: number;
}

interface Step {
  type: DataType;
  sql: string;
  params: unknown[];
}

/** Predictions and labels are deleted by whole UTC days, so a quality or drift window is never half-deleted. */
export function alignCutoff(type: DataType, cutoff: number): number {
  return type === "predictions" || type === "labels" ? Math.floor(cutoff / DAY_MS) * DAY_MS : cutoff;
}

/** The delete statements of one type, each removing at most `limit` of the oldest rows below the cutoff. */
async function stepsOf(database: Database, type: DataType, cutoff: number, limit: number): Promise<Step[]> {
  const { raw } = database;
  const t = raw.time(cutoff);
  const models = async () =>
    (await raw.query<{ id: number }>(`SELECT "id" FROM "Model" ORDER BY "id"`)).map((r) => r.id);
  const perModel = (table: string, tsColumn: string) => async () =>
    (await models()).map((modelId) => ({
      type,
      sql: `DELETE FROM "${table}" WHERE "modelId" = ? AND "id" IN (
              SELECT "id" FROM "${table}" WHERE "modelId" = ? AND "${tsColumn}" < ? ORDER BY "${tsColumn}" LIMIT ?)`,
      params: [modelId, modelId, t, limit],
    }));
  switch (type) {
    case "predictions": {
      // A shadow prediction is only meaningful next to its production prediction: both go together.
      const shadows = await raw.query<{ id: number }>(`SELECT "id" FROM "Shadow" ORDER BY "id"`);
      const shadowSteps = shadows.map((s) => ({
        type,
        sql: `DELETE FROM "ShadowPrediction" WHERE "shadowId" = ? AND "predictionId" IN (
                SELECT "predictionId" FROM "ShadowPrediction" WHERE "shadowId" = ? AND "ts" < ? ORDER BY "ts" LIMIT ?)`,
        params: [s.id, s.id, t, limit],
      }));
      return [...shadowSteps, ...(await perModel("Prediction", "ts")())];
    }
    case "labels":
      return perModel("Label", "ts")();
    case "events":
      return perModel("BusinessEvent", "ts")();
    case "series":
      return [
        {
          type,
          sql: `DELETE FROM "SeriesPoint" WHERE ("seriesId", "ts") IN (
                  SELECT "seriesId", "ts" FROM "SeriesPoint" WHERE "ts" < ? LIMIT ?)`,
          params: [cutoff, limit],
        },
      ];
    case "notifications":
      return [
        {
          type,
          // A pending notification is still to be delivered, however old: never deleted.
          sql: `DELETE FROM "AlertNotification" WHERE "id" IN (
                  SELECT "id" FROM "AlertNotification" WHERE "createdAt" < ? AND "status" <> 'pending' ORDER BY "id" LIMIT ?)`,
          params: [t, limit],
        },
        {
          type,
          sql: `DELETE FROM "AlertTransition" WHERE "id" IN (
                  SELECT "id" FROM "AlertTransition" WHERE "at" < ? ORDER BY "id" LIMIT ?)`,
          params: [t, limit],
        },
      ];
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function sweep(database: Database, opts: SweepOptions): Promise<SweepResult> {
  const batchRows = opts.batchRows ?? 1000;
  const pauseMs = opts.pauseMs ?? 5;
  const budgetMs = opts.budgetMs ?? 20_000;
  const started = performance.now();
  const deleted = Object.fromEntries(DATA_TYPES.map((t) => [t, 0])) as Record<DataType, number>;
  let done = true;
  outer: for (const type of DATA_TYPES) {
    const cutoff = opts.cutoffs[type];
    if (cutoff === null || cutoff === undefined) continue;
    for (const step of await stepsOf(database, type, alignCutoff(type, cutoff), batchRows)) {
      for (;;) {
        if (performance.now() - started > budgetMs) {
          done = false;
          break outer;
        }
        const [changes = 0] = await database.raw.batch([{ sql: step.sql, params: step.params }]);
        deleted[type] += changes;
        if (changes < batchRows) break;
        // Let waiting writers (ingest) in between two batches.
        await sleep(pauseMs);
      }
    }
  }
  return { deleted, done, durationMs: performance.now() - started };
}
