// The 5-minute quality, drift and shadow buckets are kept only while their hour is likely to change: late labels mostly
// arrive within hours. Pruning keeps ~600 buckets per version instead of 288 a day forever; an older hour that a
// late label does touch recomputes its missing buckets from raw rows once (bounded by the hour:
// lib/rollups/quality-window.ts, lib/drift/window-job.ts, lib/shadow/window-job.ts).
import type { Database } from "../db/client";

export const BUCKET_KEEP_MS = 48 * 3_600_000;

/** Deletes buckets that started more than BUCKET_KEEP_MS before `now`; returns how many rows of each table. */
export async function pruneBuckets(
  database: Database,
  now = Date.now(),
): Promise<{ quality: number; drift: number; shadow: number }> {
  const before = database.raw.time(now - BUCKET_KEEP_MS);
  const [quality = 0, drift = 0, shadow = 0] = await database.raw.batch([
    { sql: `DELETE FROM "QualityRollup" WHERE "window" = '5m' AND "windowStart" < ?`, params: [before] },
    { sql: `DELETE FROM "DriftSketch" WHERE "window" = '5m' AND "windowStart" < ?`, params: [before] },
    { sql: `DELETE FROM "ShadowRollup" WHERE "window" = '5m' AND "windowStart" < ?`, params: [before] },
  ]);
  return { quality, drift, shadow };
}
