// Appending samples that come from outside (Prometheus remote write, file imports) with Prometheus' rule for
// a timestamp that already holds a sample: the identical sample again is a duplicate and is ignored (senders
// retry, imports get re-run), a different value is a conflict and the stored sample is kept. Unlike
// Prometheus' head block, any timestamp is accepted, in any order (as with an out-of-order window).
import type { Database } from "../db/client";
import { insertIgnoreStatements } from "../ingest/insert";
import { POINT_NUMBER } from "./store";

/** Columnar samples: series id (from seriesIds), epoch ms, value and kind (see encodePoint). */
export interface PointColumns {
  seriesIds: number[];
  ts: number[];
  values: number[];
  kinds: number[];
}

export interface Conflict {
  /** Index into the appended columns. */
  index: number;
  storedValue: number;
  storedKind: number;
}

export interface AppendResult {
  stored: number;
  duplicates: number;
  conflicts: Conflict[];
}

const COLUMNS = ["seriesId", "ts", "value", "kind"];

async function insertIgnoring(database: Database, p: PointColumns): Promise<number> {
  if (database.flavour === "postgres") {
    // One statement with four arrays: far fewer parameters and round trips than multi-row VALUES.
    const [count] = await database.raw.batch([
      {
        sql: `INSERT INTO "SeriesPoint" ("seriesId","ts","value","kind")
              SELECT * FROM unnest(?::int[], ?::bigint[], ?::float8[], ?::int[]) ON CONFLICT DO NOTHING`,
        params: [p.seriesIds, p.ts, p.values, p.kinds],
      },
    ]);
    return count!;
  }
  const rows = p.ts.map((ts, i) => [p.seriesIds[i], ts, p.values[i], p.kinds[i]]);
  const counts = await database.raw.batch(insertIgnoreStatements("sqlite", "SeriesPoint", COLUMNS, rows));
  return counts.reduce((a, b) => a + b, 0);
}

/** The stored (value, kind) at each appended (series, ts), by index. */
async function storedAt(database: Database, p: PointColumns): Promise<Map<number, [number, number]>> {
  const rows =
    database.flavour === "postgres"
      ? await database.raw.query<{ i: string | number; value: number | string; kind: number }>(
          `SELECT q.i - 1 AS i, p."value", p."kind"
             FROM unnest(?::int[], ?::bigint[]) WITH ORDINALITY AS q(s, t, i)
             JOIN "SeriesPoint" p ON p."seriesId" = q.s AND p."ts" = q.t`,
          [p.seriesIds, p.ts],
        )
      : await database.raw.query<{ i: number; value: number; kind: number }>(
          `SELECT j."key" AS i, p."value", p."kind" FROM json_each(?) j
             JOIN "SeriesPoint" p
               ON p."seriesId" = json_extract(j."value", '$[0]') AND p."ts" = json_extract(j."value", '$[1]')`,
          [JSON.stringify(p.ts.map((ts, i) => [p.seriesIds[i], ts]))],
        );
  return new Map(rows.map((r) => [Number(r.i), [Number(r.value), Number(r.kind)]]));
}

/** Inserts the samples in one transaction; never overwrites a stored sample. */
export async function appendPoints(database: Database, points: PointColumns): Promise<AppendResult> {
  const n = points.ts.length;
  if (n === 0) return { stored: 0, duplicates: 0, conflicts: [] };
  const stored = await insertIgnoring(database, points);
  if (stored === n) return { stored, duplicates: 0, conflicts: [] };
  // Some timestamps were taken (by an earlier request, or earlier in this one): tell duplicates from
  // conflicts by reading back what is stored there. Only retries and re-imports pay for this read.
  const existing = await storedAt(database, points);
  const conflicts: Conflict[] = [];
  for (let i = 0; i < n; i++) {
    const [storedValue, storedKind] = existing.get(i) ?? [points.values[i]!, points.kinds[i]!];
    const same =
      storedKind === points.kinds[i] && (storedKind !== POINT_NUMBER || storedValue === points.values[i]);
    if (!same) conflicts.push({ index: i, storedValue, storedKind });
  }
  return { stored, duplicates: n - stored - conflicts.length, conflicts };
}
