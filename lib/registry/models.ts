// Models and versions are created on first ingest. Ids are cached per process: they never change once made.
import type { Database } from "../db/client";

export interface ModelRef {
  id: number;
  name: string;
}

const modelCache = new WeakMap<Database, Map<string, number>>();
const versionCache = new WeakMap<Database, Map<string, number>>();

function cacheFor(store: WeakMap<Database, Map<string, number>>, database: Database) {
  let cache = store.get(database);
  if (!cache) {
    cache = new Map();
    store.set(database, cache);
  }
  return cache;
}

/** Concurrent first ingests may race on the unique name: retry once, then the row is there. */
async function findOrCreate<T>(find: () => Promise<T | null>, create: () => Promise<T>): Promise<T> {
  const found = await find();
  if (found) return found;
  try {
    return await create();
  } catch (error) {
    const again = await find();
    if (again) return again;
    throw error;
  }
}

/** Returns model name → id, creating missing models; `onCreate` is told which names were new. */
export async function resolveModels(
  database: Database,
  names: Iterable<string>,
): Promise<{ ids: Map<string, number>; created: string[] }> {
  const cache = cacheFor(modelCache, database);
  const ids = new Map<string, number>();
  const created: string[] = [];
  for (const name of new Set(names)) {
    let id = cache.get(name);
    if (id === undefined) {
      let isNew = false;
      const row = await findOrCreate(
        () => database.db.model.findUnique({ where: { name }, select: { id: true } }),
        async () => {
          isNew = true;
          return database.db.model.create({ data: { name }, select: { id: true } });
        },
      );
      if (isNew) created.push(name);
      id = row.id;
      cache.set(name, id);
    }
    ids.set(name, id);
  }
  return { ids, created };
}

export const versionKey = (modelId: number, version: string) => `${modelId}\u0000${version}`;

/** Returns versionKey(modelId, name) → version id, creating missing versions. */
export async function resolveVersions(
  database: Database,
  pairs: Iterable<{ modelId: number; version: string }>,
): Promise<Map<string, number>> {
  const cache = cacheFor(versionCache, database);
  const ids = new Map<string, number>();
  const wanted = new Map<string, { modelId: number; version: string }>();
  for (const p of pairs) wanted.set(versionKey(p.modelId, p.version), p);
  for (const [key, { modelId, version }] of wanted) {
    let id = cache.get(key);
    if (id === undefined) {
      const where = { modelId_name: { modelId, name: version } };
      const row = await findOrCreate(
        () => database.db.modelVersion.findUnique({ where, select: { id: true } }),
        () => database.db.modelVersion.create({ data: { modelId, name: version }, select: { id: true } }),
      );
      id = row.id;
      cache.set(key, id);
    }
    ids.set(key, id);
  }
  return ids;
}
