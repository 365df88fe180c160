// Remote-write throughput: a Prometheus-shaped load (one TimeSeries per sample, ~10 labels each, 500 samples
// per request as Prometheus 2.42's max_samples_per_send, 2 shards) POSTed to the real server, next to the raw
// series-insert ceiling of the same samples into the same table, measured in the same run.
import { randomBytes } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { migrate } from "../lib/db/migrate";
import { sqlitePath } from "../lib/db/url";
import { REMOTE_WRITE_HEADERS, type RwSeries, remoteWriteBody } from "../tests/helpers/remote-write";

export const SAMPLES_PER_REQUEST = 500;
const SCRAPE_MS = 15_000;

export interface RwLoad {
  /** Label sets, __name__ first as Prometheus sends them (sorted by name). */
  series: Array<Array<[string, string]>>;
  /** Samples in send order: a whole scrape of every series, then the next scrape. */
  samples: Array<{ series: number; ts: number; value: number }>;
}

/** `seriesCount` node-exporter-like series scraped every 15 s until `total` samples. */
export function prometheusLoad(seriesCount: number, total: number, endMs = Date.now()): RwLoad {
  const series: RwLoad["series"] = [];
  for (let i = 0; i < seriesCount; i++) {
    series.push([
      ["__name__", `node_cpu_seconds_total_${i % 25}`],
      ["cluster", "recsys-prod"],
      ["cpu", String(i % 64)],
      ["env", "production"],
      ["instance", `10.0.${i % 7}.${(i * 13) % 250}:9100`],
      ["job", "node"],
      ["mode", ["idle", "user", "system", "iowait"][i % 4]!],
      ["namespace", "serving"],
      ["pod", `recommender-${i % 40}`],
      ["region", "eu-west-1"],
    ]);
  }
  const scrapes = Math.ceil(total / seriesCount);
  const start = endMs - scrapes * SCRAPE_MS;
  const samples: RwLoad["samples"] = [];
  for (let k = 0; k < scrapes && samples.length < total; k++)
    for (let s = 0; s < seriesCount && samples.length < total; s++)
      samples.push({ series: s, ts: start + k * SCRAPE_MS + (s % 1000), value: k * 1.5 + s });
  return { series, samples };
}

/** The request bodies (snappy protobuf), made before the clock starts: sending is the client's cost. */
export function requestBodies(load: RwLoad, from: number, to: number): Uint8Array[] {
  const bodies: Uint8Array[] = [];
  for (let i = from; i < to; i += SAMPLES_PER_REQUEST) {
    const part = load.samples.slice(i, Math.min(i + SAMPLES_PER_REQUEST, to));
    const series: RwSeries[] = part.map((p) => ({
      labels: load.series[p.series]!,
      samples: [[p.ts, p.value]],
    }));
    bodies.push(new Uint8Array(remoteWriteBody(series)));
  }
  return bodies;
}

/** Samples/s accepted (HTTP 204) by POST /api/v1/write, `concurrency` requests in flight. */
export async function httpRemoteWrite(
  url: string,
  apiKey: string,
  bodies: Uint8Array[],
  samples: number,
  concurrency = 2,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const res = await fetch(`${url}/api/v1/write`, {
        method: "POST",
        headers: { ...REMOTE_WRITE_HEADERS, authorization: `Bearer ${apiKey}` },
        body: body as BodyInit,
      });
      if (res.status !== 204) throw new Error(`remote write failed: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return samples / ((performance.now() - started) / 1000);
}

function seriesRows(load: RwLoad) {
  return load.series.map((labels, id) => {
    const name = labels[0]![1];
    const rest = Object.fromEntries(labels.slice(1));
    return [id + 1, name, JSON.stringify(rest), `${name}${JSON.stringify(rest)}`];
  });
}

/**
 * better-sqlite3, WAL, series created beforehand, one prepared INSERT per sample in 500-sample transactions.
 * Called again with the same file, it adds to the same tables (as the server's database grows round by round).
 */
export async function sqliteSeriesCeiling(load: RwLoad, file: string): Promise<number> {
  const url = `file:${file}`;
  await migrate(url);
  const db = new BetterSqlite3(sqlitePath(url));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const addSeries = db.prepare(
    `INSERT INTO "Series" ("id","name","labels","key") VALUES (?,?,?,?) ON CONFLICT DO NOTHING`,
  );
  db.transaction(() => {
    for (const row of seriesRows(load)) addSeries.run(...row);
  })();
  const insert = db.prepare(
    `INSERT INTO "SeriesPoint" ("seriesId","ts","value","kind") VALUES (?,?,?,0) ON CONFLICT DO NOTHING`,
  );
  const batch = db.transaction((part: RwLoad["samples"]) => {
    for (const p of part) insert.run(p.series + 1, p.ts, p.value);
  });
  const started = performance.now();
  for (let i = 0; i < load.samples.length; i += SAMPLES_PER_REQUEST)
    batch(load.samples.slice(i, i + SAMPLES_PER_REQUEST));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return load.samples.length / seconds;
}

/** pg, series created beforehand, one INSERT … SELECT FROM unnest(arrays) per 500 samples. */
export async function postgresSeriesCeiling(load: RwLoad, adminUrl: string): Promise<number> {
  const name = `vigil_bench_rawrw_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await migrate(url.toString());
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const rows = seriesRows(load);
    await client.query(
      `INSERT INTO "Series" ("id","name","labels","key") SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
    );
    const started = performance.now();
    for (let i = 0; i < load.samples.length; i += SAMPLES_PER_REQUEST) {
      const part = load.samples.slice(i, i + SAMPLES_PER_REQUEST);
      await client.query(
        `INSERT INTO "SeriesPoint" ("seriesId","ts","value","kind")
         SELECT s, t, v, 0 FROM unnest($1::int[], $2::bigint[], $3::float8[]) AS u(s, t, v) ON CONFLICT DO NOTHING`,
        [part.map((p) => p.series + 1), part.map((p) => p.ts), part.map((p) => p.value)],
      );
    }
    const seconds = (performance.now() - started) / 1000;
    await client.end();
    return load.samples.length / seconds;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
