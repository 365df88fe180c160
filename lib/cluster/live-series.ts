// Series a job wrote earlier and has not ended yet, so it can end those it no longer writes. Endpoint checks and
// the nvidia-smi collector keep no list of their series (unlike a scrape target's state row): the store itself
// says which exist, and a series whose latest point is a stale marker has ended already. As Prometheus' scrape
// loop, what a run no longer reports gets a stale marker at the run's time.
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { type Labels, seriesKey } from "../series/labels";
import { findSeries } from "../series/promql-source";
import { POINT_STALE, type PointInput, pointStatements } from "../series/store";

export interface NamedSeries {
  name: string;
  labels: Labels;
}

/** Series named one of `names` carrying every label of `labels`, whose latest point at or before `at` is not stale. */
export async function liveSeries(
  database: Database,
  names: readonly string[],
  labels: Labels,
  at: number,
): Promise<NamedSeries[]> {
  const matchers = Object.entries(labels).map(([name, value]) => ({ name, op: "=" as const, value }));
  const found = [];
  for (const name of names)
    found.push(...(await findSeries(database, [{ name: "__name__", op: "=", value: name }, ...matchers])));
  if (found.length === 0) return [];
  const rows = await database.raw.query<{ seriesId: number; kind: number }>(
    `SELECT p."seriesId", p."kind" FROM "SeriesPoint" p
     WHERE p."seriesId" IN (${found.map(() => "?").join(",")})
       AND p."ts" = (SELECT MAX(q."ts") FROM "SeriesPoint" q WHERE q."seriesId" = p."seriesId" AND q."ts" <= ?)`,
    [...found.map((s) => s.id), at],
  );
  const live = new Set(rows.filter((r) => Number(r.kind) !== POINT_STALE).map((r) => Number(r.seriesId)));
  return found.filter((s) => live.has(s.id)).map(({ name, labels }) => ({ name, labels }));
}

/**
 * Statements writing `points` and a stale marker at `at` for each of `previous` that `points` no longer has:
 * one unit of work with whatever else the caller writes (its state row).
 */
export async function replaceSeriesStatements(
  database: Database,
  points: PointInput[],
  previous: NamedSeries[],
  at: number,
): Promise<{ statements: Statement[]; ended: number }> {
  const current = new Set(points.map((p) => seriesKey(p.name, p.labels)));
  const ended = previous.filter((s) => !current.has(seriesKey(s.name, s.labels)));
  const statements = await pointStatements(database, [
    ...points,
    ...ended.map((s) => ({ name: s.name, labels: s.labels, ts: at, value: 0, stale: true })),
  ]);
  return { statements, ended: ended.length };
}
