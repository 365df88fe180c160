// Read path of GET /api/v1/models/{model}/latency: the latencies logged with the predictions in [from, to),
// read in time order a page at a time and bucketed on the way (lib/serving/latency.ts), so memory holds one
// page and one bucket per version. The same SQL runs on SQLite and PostgreSQL; ordering by "ts" alone lets both
// walk the (modelId, ts) / (modelId, versionId, ts) index without sorting.
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { LatencyBuckets } from "./latency";
import type { LatencyResponse } from "./latency-schemas";

const PAGE = 10_000;

type Row = { versionId: number; ts: unknown; latencyMs: number };

export async function readLatency(
  database: Database,
  q: { model: string; from: number; to: number; stepMs: number; version?: string },
  opts: { pageSize?: number } = {},
): Promise<LatencyResponse> {
  const page = opts.pageSize ?? PAGE;
  const model = await database.db.model.findUnique({
    where: { name: q.model },
    include: { versions: { orderBy: { name: "asc" } } },
  });
  if (!model) throw new HttpError(404, `model "${q.model}" not found`);
  const versions = q.version ? model.versions.filter((v) => v.name === q.version) : model.versions;
  if (q.version && versions.length === 0)
    throw new HttpError(404, `model "${q.model}" has no version "${q.version}"`);

  const { raw } = database;
  const base = `SELECT "versionId", "ts", "latencyMs" FROM "Prediction"
      WHERE "modelId" = ? ${q.version ? `AND "versionId" = ?` : ""} AND "latencyMs" IS NOT NULL`;
  const pageSql = `${base} AND "ts" >= ? AND "ts" < ? ORDER BY "ts" LIMIT ${page}`;
  const instantSql = `${base} AND "ts" = ?`;
  const scope = [model.id, ...(q.version ? [versions[0]!.id] : [])];

  const buckets = new LatencyBuckets<number>(q.from, q.to, q.stepMs);
  const add = (rows: Row[]) => {
    for (const r of rows) buckets.add(Number(r.versionId), raw.readTime(r.ts), Number(r.latencyMs));
  };
  let cursor = q.from;
  for (;;) {
    const rows = await raw.query<Row>(pageSql, [...scope, raw.time(cursor), raw.time(q.to)]);
    if (rows.length < page) {
      add(rows);
      break;
    }
    const last = raw.readTime(rows[rows.length - 1]!.ts);
    if (raw.readTime(rows[0]!.ts) === last) {
      // A whole page at one instant: read every row of that instant, then go on after it (times are whole ms).
      add(await raw.query<Row>(instantSql, [...scope, raw.time(last)]));
      cursor = last + 1;
    } else {
      // The page may end part-way through its last instant: that instant is read again with the next page.
      add(rows.filter((r) => raw.readTime(r.ts) < last));
      cursor = last;
    }
  }
  const points = buckets.finish();
  return {
    model: model.name,
    from: new Date(q.from).toISOString(),
    to: new Date(q.to).toISOString(),
    step: q.stepMs / 1000,
    versions: versions.map((v) => ({ version: v.name, points: points.get(v.id) ?? [] })),
  };
}
