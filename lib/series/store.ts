// The time-series store: named series with labels, points (epoch ms, value). Upserting a point at the same
// timestamp replaces its value (rollups are recomputed when late data arrives).
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { canonicalLabels, type Labels, seriesKey } from "./labels";

export interface PointInput {
  name: string;
  labels: Labels;
  ts: number;
  value: number;
}

const idCache = new WeakMap<Database, Map<string, number>>();

async function seriesIds(
  database: Database,
  wanted: Array<{ name: string; labels: Labels }>,
): Promise<Map<string, number>> {
  const cache = idCache.get(database) ?? new Map<string, number>();
  idCache.set(database, cache);
  const out = new Map<string, number>();
  for (const s of wanted) {
    const key = seriesKey(s.name, s.labels);
    let id = cache.get(key);
    if (id === undefined) {
      // INSERT … ON CONFLICT DO NOTHING, then read: safe when several workers create the same series at once.
      await database.raw.batch([
        {
          sql: `INSERT INTO "Series" ("name","labels","key") VALUES (?,?,?) ON CONFLICT ("key") DO NOTHING`,
          params: [s.name, canonicalLabels(s.labels), key],
        },
      ]);
      const row = await database.db.series.findUniqueOrThrow({ where: { key }, select: { id: true } });
      id = row.id;
      cache.set(key, id);
    }
    out.set(key, id);
  }
  return out;
}

/** Statements that upsert the points; run them with raw.batch, alone or with other writes of one unit of work. */
export async function pointStatements(database: Database, points: PointInput[]): Promise<Statement[]> {
  if (points.length === 0) return [];
  const ids = await seriesIds(database, points);
  const statements: Statement[] = [];
  for (let i = 0; i < points.length; i += 500) {
    const part = points.slice(i, i + 500);
    statements.push({
      sql: `INSERT INTO "SeriesPoint" ("seriesId","ts","value") VALUES ${part.map(() => "(?,?,?)").join(",")}
            ON CONFLICT ("seriesId","ts") DO UPDATE SET "value" = excluded."value"`,
      params: part.flatMap((p) => [ids.get(seriesKey(p.name, p.labels))!, p.ts, p.value]),
    });
  }
  return statements;
}

export async function writePoints(database: Database, points: PointInput[]): Promise<void> {
  const statements = await pointStatements(database, points);
  if (statements.length > 0) await database.raw.batch(statements);
}
