// `npm run bench`: ingest and remote-write throughput vs the raw driver ceiling (SQLite and PostgreSQL) and
// quality read latency, printed as a table with ratios against baselines measured in the same run.
// Needs a production build (`npm run build`). PostgreSQL: BENCH_POSTGRES_URL (default the local server);
// set BENCH_POSTGRES_URL=skip to leave it out. BENCH_ROWS / BENCH_QUALITY_ROWS size the runs. The PromQL
// comparison with Prometheus 2.42 (bench/promql.ts) runs last; BENCH_PROMQL=skip leaves it out.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import pg from "pg";
import { alertsDeliveryBench } from "./alerts-delivery";
import { alertsEvalBench } from "./alerts-eval";
import { dayWindowBench } from "./day-window";
import { driftStattestBench } from "./drift";
import { DRIFT_DAYS, DRIFT_FEATURES, DRIFT_ROWS, driftLatency, seedDriftSketches } from "./drift-api";
import { httpIngest, postgresCeiling, sqliteCeiling } from "./ingest";
import { type BenchRow, promqlBench } from "./promql";
import { qualityLatency, seedQualityModel } from "./quality";
import {
  httpRemoteWrite,
  postgresSeriesCeiling,
  prometheusLoad,
  type RwLoad,
  requestBodies,
  sqliteSeriesCeiling,
} from "./remote-write";
import { benchRows } from "./rows";
import { startServer } from "./server";
import { shadowBench } from "./shadow";
import { storageBench } from "./storage";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const QUALITY_ROWS = Number(process.env.BENCH_QUALITY_ROWS ?? 1_000_000);
const RW_SERIES = 2_000;
/**
 * BENCH_ONLY=ingest,remote-write,quality,drift,shadow,promql,alerts-eval,alerts-delivery,storage,day-window runs
 * a subset (default: all).
 */
const only = new Set(
  (
    process.env.BENCH_ONLY ??
    "ingest,remote-write,quality,drift,shadow,promql,alerts-eval,alerts-delivery,storage,day-window"
  ).split(","),
);
const STORAGE_ROWS = Number(process.env.BENCH_STORAGE_ROWS ?? 1_000_000);
const RW_SAMPLES = Number(process.env.BENCH_RW_SAMPLES ?? 200_000);
const RW_ROUNDS = 3;
const PG_ADMIN = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const API_KEY = `vgl_bench_${randomBytes(16).toString("hex")}`;
const PORT = Number(process.env.BENCH_PORT ?? 3290);
const dir = "data/bench";
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const log = (m: string) => console.error(m);

const table: BenchRow[] = [];
const fmt = (n: number) => Math.round(n).toLocaleString("en");

async function ingestOn(label: string, databaseUrl: string, ceiling: () => Promise<number>) {
  const rows = benchRows(ROWS, {
    model: "bench-ingest",
    start: Date.now() - 86_400_000,
    spanMs: 86_400_000,
    prefix: "i",
  });
  log(`${label}: raw driver ceiling, ${fmt(ROWS)} rows…`);
  const raw = await ceiling();
  log(`${label}: HTTP ingest through the server, ${fmt(ROWS)} rows in 1000-row batches…`);
  const server = await startServer(databaseUrl, PORT, API_KEY);
  try {
    await httpIngest(server.url, API_KEY, rows.slice(0, 2000), 1); // warm up the route
    const vigil = await httpIngest(server.url, API_KEY, rows.slice(2000), 2);
    const ratio = vigil / raw;
    table.push({
      measure: `ingest rows/s, ${label}`,
      vigil: fmt(vigil),
      baseline: `${fmt(raw)} (raw driver)`,
      ratio: `${(ratio * 100).toFixed(0)}%`,
      target: "≥ 40%",
      pass: ratio >= 0.4,
    });
  } finally {
    await server.stop();
  }
}

/**
 * Best of RW_ROUNDS alternating rounds on each side (this shared machine's load swings by 2× within a minute):
 * each round sends a fresh hour range of the same series, so no sample is a duplicate of an earlier round.
 */
async function remoteWriteOn(
  label: string,
  databaseUrl: string,
  ceiling: (load: RwLoad, round: number) => Promise<number>,
) {
  const loads = Array.from({ length: RW_ROUNDS }, (_, round) =>
    prometheusLoad(RW_SERIES, RW_SAMPLES, Date.now() - round * 86_400_000),
  );
  // Encoded before any clock starts (and before the server, so no connection idles while this blocks).
  const warm = requestBodies(loads[0]!, 0, RW_SERIES);
  const bodies = loads.map((load, round) =>
    requestBodies(load, round === 0 ? RW_SERIES : 0, load.samples.length),
  );
  log(
    `${label}: ${RW_ROUNDS} rounds of ${fmt(RW_SAMPLES)} samples, raw series insert and through the server…`,
  );
  const server = await startServer(databaseUrl, PORT, API_KEY);
  let raw = 0;
  let vigil = 0;
  try {
    // The first scrape creates the series (once per series in a server's life): sent before any clock starts.
    await httpRemoteWrite(server.url, API_KEY, warm, RW_SERIES, 1);
    for (const [round, load] of loads.entries()) {
      raw = Math.max(raw, await ceiling(load, round));
      const sent = load.samples.length - (round === 0 ? RW_SERIES : 0);
      vigil = Math.max(vigil, await httpRemoteWrite(server.url, API_KEY, bodies[round]!, sent, 2));
    }
  } finally {
    await server.stop();
  }
  const ratio = vigil / raw;
  table.push({
    measure: `remote write samples/s (500 per request, 2 shards, best of ${RW_ROUNDS}), ${label}`,
    vigil: fmt(vigil),
    baseline: `${fmt(raw)} (raw series insert)`,
    ratio: `${(ratio * 100).toFixed(0)}%`,
    target: "≥ 50%",
    pass: ratio >= 0.5,
  });
}

async function freshPostgres(): Promise<string> {
  const name = `vigil_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgres(url: string) {
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
}

const rowsForCeiling = benchRows(ROWS, {
  model: "m",
  start: Date.now() - 86_400_000,
  spanMs: 86_400_000,
  prefix: "c",
});
if (only.has("ingest"))
  await ingestOn("SQLite", `file:${dir}/ingest.db`, () => sqliteCeiling(rowsForCeiling, `${dir}/raw.db`));
if (only.has("ingest") && PG_ADMIN !== "skip") {
  const url = await freshPostgres();
  try {
    await ingestOn("PostgreSQL", url, () => postgresCeiling(rowsForCeiling, PG_ADMIN));
  } finally {
    await dropPostgres(url);
  }
}

if (only.has("remote-write"))
  await remoteWriteOn("SQLite", `file:${dir}/rw.db`, (load) => sqliteSeriesCeiling(load, `${dir}/rw-raw.db`));
if (only.has("remote-write") && PG_ADMIN !== "skip") {
  const url = await freshPostgres();
  try {
    await remoteWriteOn("PostgreSQL", url, (load) => postgresSeriesCeiling(load, PG_ADMIN));
  } finally {
    await dropPostgres(url);
  }
}

/** A p50 row and a p95 row checked against a target in milliseconds. */
function latencyRows(measure: string, p50: number, p95: number, targetMs: number) {
  table.push({
    measure: `${measure}: p50`,
    vigil: `${p50.toFixed(1)} ms`,
    baseline: "—",
    ratio: "—",
    target: "—",
    pass: true,
  });
  table.push({
    measure: "… p95",
    vigil: `${p95.toFixed(1)} ms`,
    baseline: `${targetMs} ms (target)`,
    ratio: `${((p95 / targetMs) * 100).toFixed(0)}%`,
    target: `≤ ${targetMs} ms`,
    pass: p95 <= targetMs,
  });
}

async function qualityBench() {
  log(`quality: seeding ${fmt(QUALITY_ROWS)} predictions over 30 days…`);
  const now = Date.now();
  const qualityUrl = `file:${dir}/quality.db`;
  const { rollupSeconds } = await seedQualityModel(qualityUrl, QUALITY_ROWS, now, log);
  const server = await startServer(qualityUrl, PORT, API_KEY);
  try {
    const { p50, p95, windows } = await qualityLatency(server.url, API_KEY, now, 200);
    latencyRows(
      `GET /quality window=1h, 30 days (${windows} windows), ${fmt(QUALITY_ROWS)} predictions, SQLite`,
      p50,
      p95,
      100,
    );
    table.push({
      measure: `rollup build for ${fmt(QUALITY_ROWS)} predictions (worker, one process)`,
      vigil: `${rollupSeconds.toFixed(1)} s`,
      baseline: "—",
      ratio: "—",
      target: "—",
      pass: true,
    });
  } finally {
    await server.stop();
  }
}

if (only.has("quality")) await qualityBench();
async function driftBench() {
  table.push(...(await driftStattestBench(log)));
  const now = Date.now();
  const url = `file:${dir}/drift.db`;
  await seedDriftSketches(url, now, log);
  const server = await startServer(url, PORT, API_KEY, { VIGIL_DRIFT_EXACT_ROWS: "0" });
  try {
    const { p50, p95, peakRss } = await driftLatency(server.url, API_KEY, server.pid, now);
    const what = `${DRIFT_DAYS} days × ${DRIFT_FEATURES} features from sketches (${fmt(DRIFT_ROWS)} rows), SQLite`;
    latencyRows(`GET /drift, ${what}`, p50, p95, 200);
    table.push({
      measure: "… peak memory of the server process",
      vigil: peakRss === null ? "unavailable" : `${(peakRss / 2 ** 20).toFixed(0)} MiB`,
      baseline: "1 GiB (target)",
      ratio: peakRss === null ? "—" : `${((peakRss / 2 ** 30) * 100).toFixed(0)}%`,
      target: "< 1 GiB",
      pass: peakRss === null || peakRss < 2 ** 30,
    });
  } finally {
    await server.stop();
  }
}

if (only.has("drift")) await driftBench();
if (only.has("shadow")) table.push(...(await shadowBench(dir, PORT, API_KEY, log)));
if (only.has("promql")) table.push(...(await promqlBench(API_KEY, PORT, log)));
if (only.has("alerts-eval")) table.push(...(await alertsEvalBench(dir, log)));
if (only.has("alerts-delivery")) table.push(...(await alertsDeliveryBench(dir, log)));
if (only.has("storage")) {
  table.push(...(await storageBench("SQLite", `file:${dir}/storage.db`, STORAGE_ROWS, PORT, API_KEY, log)));
  if (PG_ADMIN !== "skip") {
    const url = await freshPostgres();
    try {
      table.push(...(await storageBench("PostgreSQL", url, STORAGE_ROWS, PORT, API_KEY, log)));
    } finally {
      await dropPostgres(url);
    }
  }
}

if (only.has("day-window")) {
  table.push(...(await dayWindowBench("SQLite", async (n) => `file:${dir}/day-${n}.db`, log)));
  if (PG_ADMIN !== "skip") {
    const urls: string[] = [];
    try {
      table.push(
        ...(await dayWindowBench(
          "PostgreSQL",
          async () => {
            urls.push(await freshPostgres());
            return urls.at(-1)!;
          },
          log,
        )),
      );
    } finally {
      for (const url of urls) await dropPostgres(url);
    }
  }
}

const header =
  "| measure | Vigil | baseline (same run) | ratio | target | result |\n|---|---|---|---|---|---|";
const lines = table.map(
  (r) =>
    `| ${r.measure} | ${r.vigil} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.pass ? "pass" : "FAIL"} |`,
);
const output = `${header}\n${lines.join("\n")}`;
console.log(output);
mkdirSync("bench/out", { recursive: true });
writeFileSync("bench/out/results.md", `${output}\n`);
process.exitCode = table.every((r) => r.pass) ? 0 : 1;
