// Which production predictions a shadow evaluates next. The position is not stored anywhere: it is "every
// prediction of the model with no ShadowPrediction row for this shadow yet" (an anti-join), so a restart
// resumes exactly where the last committed batch ended — nothing is evaluated twice (the rows of a committed
// batch exist) and nothing is skipped (a row without one is selected again, whatever order it arrived in).
import type { Database } from "../db/client";

export interface CandidateRow {
  id: string;
  ts: number;
  features: string;
  /** The order key (receivedAt in follow mode, ts in backfill mode), epoch ms: with `id`, a cursor. */
  key: number;
}

/**
 * Where the previous batch of this run ended. Without it every batch would walk all rows answered since the
 * start of the range again (quadratic); the anti-join stays the safety net: a run starts without a cursor,
 * and a cursor query that finds nothing is asked again without one before the work counts as done.
 */
export interface Cursor {
  key: number;
  id: string;
}

// The cursor's key replaces the range's lower bound (it is never below it) instead of adding a second one:
// given two lower bounds on the indexed column, SQLite seeks to the first and filters every index entry up to
// the cursor — batch k then walked k batches of entries again (~5 ms a query at 90,000 rows answered).
const lowerBound = (start: number, cursor: Cursor | undefined) => Math.max(start, cursor?.key ?? start);
const after = (column: string, cursor: Cursor | undefined) =>
  cursor ? `AND (p."${column}" > ? OR p."id" > ?)` : "";
const afterParams = (database: Database, cursor: Cursor | undefined) =>
  cursor ? [database.raw.time(cursor.key), cursor.id] : [];

const NOT_ANSWERED = `NOT EXISTS (SELECT 1 FROM "ShadowPrediction" s WHERE s."shadowId" = ? AND s."predictionId" = p."id")`;

/** Follow mode: predictions received since the shadow was created, oldest received first. */
export async function selectFollow(
  database: Database,
  q: { shadowId: number; modelId: number; since: number; limit: number; after?: Cursor },
): Promise<CandidateRow[]> {
  const { raw } = database;
  const rows = await raw.query<{ id: string; ts: unknown; features: string; receivedAt: unknown }>(
    `SELECT p."id", p."ts", p."features", p."receivedAt" FROM "Prediction" p
     WHERE p."modelId" = ? AND p."receivedAt" >= ? ${after("receivedAt", q.after)} AND ${NOT_ANSWERED}
     ORDER BY p."receivedAt", p."id" LIMIT ?`,
    [
      q.modelId,
      raw.time(lowerBound(q.since, q.after)),
      ...afterParams(database, q.after),
      q.shadowId,
      q.limit,
    ],
  );
  return rows.map((r) => ({
    id: r.id,
    ts: raw.readTime(r.ts),
    features: r.features,
    key: raw.readTime(r.receivedAt),
  }));
}

/** Backfill mode: predictions with ts in [from, to), oldest first. */
export async function selectBackfill(
  database: Database,
  q: { shadowId: number; modelId: number; from: number; to: number; limit: number; after?: Cursor },
): Promise<CandidateRow[]> {
  const { raw } = database;
  const rows = await raw.query<{ id: string; ts: unknown; features: string }>(
    `SELECT p."id", p."ts", p."features" FROM "Prediction" p
     WHERE p."modelId" = ? AND p."ts" >= ? AND p."ts" < ? ${after("ts", q.after)} AND ${NOT_ANSWERED}
     ORDER BY p."ts", p."id" LIMIT ?`,
    [
      q.modelId,
      raw.time(lowerBound(q.from, q.after)),
      raw.time(q.to),
      ...afterParams(database, q.after),
      q.shadowId,
      q.limit,
    ],
  );
  return rows.map((r) => {
    const ts = raw.readTime(r.ts);
    return { id: r.id, ts, features: r.features, key: ts };
  });
}

/** Predictions in [from, to) the shadow has not answered yet: a backfill's total. */
export async function countUnanswered(
  database: Database,
  q: { shadowId: number; modelId: number; from: number; to: number },
): Promise<number> {
  const { raw } = database;
  const [row] = await raw.query<{ n: unknown }>(
    `SELECT COUNT(*) AS "n" FROM "Prediction" p
     WHERE p."modelId" = ? AND p."ts" >= ? AND p."ts" < ? AND ${NOT_ANSWERED}`,
    [q.modelId, raw.time(q.from), raw.time(q.to), q.shadowId],
  );
  return Number(row?.n ?? 0);
}

/**
 * Whether the prediction is in the shadow's sample: FNV-1a (32 bit) of the id's UTF-16 code units with
 * MurmurHash3's finaliser, as a fraction of 2³², below sampleRate. Deterministic, so a restart samples the same rows, and shadows of one
 * model with one rate see the same predictions (comparable with each other).
 */
export function inSample(predictionId: string, sampleRate: number): boolean {
  if (sampleRate >= 1) return true;
  let h = 0x811c9dc5;
  for (let i = 0; i < predictionId.length; i++) {
    h ^= predictionId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // MurmurHash3's finaliser: ids that differ in their last character still spread over the whole range.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 4294967296 < sampleRate;
}
