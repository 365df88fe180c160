// Active shadows per model, for prediction ingest to mark their jobs: one small query every few seconds per
// process instead of one per ingest batch. A shadow created or resumed marks its own job, so the cache's lag
// only delays (never loses) work: the job's anti-join picks up every prediction it has not answered.
import type { Database } from "../db/client";

const TTL_MS = 5_000;
const cache = new WeakMap<Database, { at: number; byModel: Promise<Map<number, number[]>> }>();

/** Ids of the active shadows of each model (models without any are absent). */
export function activeShadows(database: Database, now = Date.now()): Promise<Map<number, number[]>> {
  const hit = cache.get(database);
  if (hit && now - hit.at < TTL_MS) return hit.byModel;
  const byModel = database.raw
    .query<{ id: number; modelId: number }>(
      `SELECT "id", "modelId" FROM "Shadow" WHERE "status" = 'active' ORDER BY "id"`,
    )
    .then((rows) => {
      const map = new Map<number, number[]>();
      for (const r of rows) {
        const list = map.get(Number(r.modelId)) ?? [];
        list.push(Number(r.id));
        map.set(Number(r.modelId), list);
      }
      return map;
    });
  cache.set(database, { at: now, byModel });
  byModel.catch(() => cache.delete(database));
  return byModel;
}

/** Drops the cache (after creating, pausing, resuming or deleting a shadow in this process). */
export function forgetActiveShadows(database: Database): void {
  cache.delete(database);
}
