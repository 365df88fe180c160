// The time-series store: named series with labels, points (epoch ms, value). Upserting a point at the same
// timestamp replaces its value (rollups are recomputed when late data arrives). Samples from outside
// (remote write, imports) go through append.ts instead, which never overwrites.
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { canonicalLabels, type Labels, seriesKey } from "./labels";

export interface PointInput {
  name: string;
  labels: Labels;
  ts: number;
  value: number;
  /** a Prometheus stale marker (the value is ignored) */
  stale?: boolean;
}

/** SeriesPoint.kind: SQLite turns a NaN REAL into NULL, so NaN and Prometheus' stale marker are flags. */
export const POINT_NUMBER = 0;
export const POINT_NAN = 1;
export const POINT_STALE = 2;

/** The (value, kind) columns of one sample. */
export function encodePoint(value: number, stale = false): [number, number] {
  if (stale) return [0, POINT_STALE];
  return Number.isNaN(value) ? [0, POINT_NAN] : [value, POINT_NUMBER];
}

/** A series-id cache per database; cleared when it reaches this many entries, so churn cannot grow it. */
const CACHE_LIMIT = 500_000;
const idCache = new WeakMap<Database, Map<string, number>>();

/** Ids of the series (created when new), in the order given. Safe when several writers create one at once. */
export async function seriesIds(
  database: Database,
  wanted: Array<{ name: string; labels: Labels }>,
): Promise<number[]> {
  let cache = idCache.get(database);
  if (!cache || cache.size > CACHE_LIMIT) {
    cache = new Map();
    idCache.set(database, cache);
  }
  const keys = wanted.map((s) => seriesKey(s.name, s.labels));
  const missing = new Map<string, { name: string; labels: Labels }>();
  keys.forEach((key, i) => {
    if (!cache.has(key)) missing.set(key, wanted[i]!);
  });
  // Sorted: concurrent writers creating overlapping series lock their keys in one order (no deadlock).
  const fresh = [...missing].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (let i = 0; i < fresh.length; i += 500) {
    const part = fresh.slice(i, i + 500);
    // INSERT … ON CONFLICT DO NOTHING, then read: another writer may have created some of them meanwhile.
    await database.raw.batch([
      {
        sql: `INSERT INTO "Series" ("name","labels","key") VALUES ${part.map(() => "(?,?,?)").join(",")}
              ON CONFLICT ("key") DO NOTHING`,
        params: part.flatMap(([key, s]) => [s.name, canonicalLabels(s.labels), key]),
      },
    ]);
    const rows = await database.raw.query<{ id: number; key: string }>(
      `SELECT "id", "key" FROM "Series" WHERE "key" IN (${part.map(() => "?").join(",")})`,
      part.map(([key]) => key),
    );
    for (const row of rows) cache.set(row.key, Number(row.id));
  }
  return keys.map((key) => cache.get(key)!);
}

/** Statements that upsert the points; run them with raw.batch, alone or with other writes of one unit of work. */
export async function pointStatements(database: Database, points: PointInput[]): Promise<Statement[]> {
  if (points.length === 0) return [];
  const ids = await seriesIds(database, points);
  const statements: Statement[] = [];
  for (let i = 0; i < points.length; i += 500) {
    const part = points.slice(i, i + 500);
    statements.push({
      sql: `INSERT INTO "SeriesPoint" ("seriesId","ts","value","kind") VALUES ${part.map(() => "(?,?,?,?)").join(",")}
            ON CONFLICT ("seriesId","ts") DO UPDATE SET "value" = excluded."value", "kind" = excluded."kind"`,
      params: part.flatMap((p, j) => [ids[i + j]!, p.ts, ...encodePoint(p.value, p.stale)]),
    });
  }
  return statements;
}

export async function writePoints(database: Database, points: PointInput[]): Promise<void> {
  const statements = await pointStatements(database, points);
  if (statements.length > 0) await database.raw.batch(statements);
}
