// Shadow job throughput, for two models in the same run: the tiny fixture model (recommender-prod.onnx,
// 13 → 16 → 2, ~0.2 µs a row: the job is DB-bound, its ratio is printed but has no target) and a realistically
// sized one (recommender-mlp.onnx, 13 → 256 → 256 → 2: the target row). For each: a backfill of
// BENCH_SHADOW_ROWS (default 100,000) predictions through the real server and its embedded worker process
// (POST /api/v1/shadows/{id}/backfill → polled until done, 100 ms), against raw InferenceSession.run throughput
// of the same model and batch size (256) in this process, same session options as lib/shadow/pool.ts (CPU,
// graphOptimizationLevel "basic", one intra-op thread), rows encoded before the clock. While the backfills run,
// the web process's event-loop delay is read from its own GET /metrics (prom-client's
// nodejs_eventloop_lag_p99_seconds, node's monitorEventLoopDelay, reset at each scrape: one scrape before the
// backfills, one after), and GET /api/health is sent every 10 ms: its round trip's p99 is an upper bound of
// that delay that also includes HTTP and this process's own scheduling.
// BENCH_SHADOW_PROFILE=1 also runs the job in-process on a second database and prints where its time goes.
import { readFileSync } from "node:fs";
import { performance as perfHooks } from "node:perf_hooks";
import type { InferenceSession, Tensor } from "onnxruntime-node";
import { connectDatabase, type Database } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { insertIgnoreStatements } from "../lib/ingest/insert";
import { PREDICTION_COLUMNS } from "../lib/ingest/predictions";
import { RETENTION_JOB } from "../lib/jobs/mark";
import { type ShadowConfig, shadowConfigSchema } from "../lib/shadow/config";
import { encodeRows } from "../lib/shadow/encode";
import { checkConfig, ort, readSignature } from "../lib/shadow/signature";
import type { BenchRow as TableRow } from "./promql";
import { benchRows, predictionValues } from "./rows";
import { startServer } from "./server";

const FIXTURES = "tests/fixtures/shadow";
const CONFIG_FILE = `${FIXTURES}/recommender.config.json`;
const MODEL = "bench-shadow";
const DAY = 86_400_000;
const CHUNK = 50_000;

interface ShadowModel {
  file: string;
  /** What the table says about the model. */
  shape: string;
  /** The target applies (inference cost representative of a real model), or the job is DB-bound. */
  target: boolean;
}
const SHADOW_MODELS: ShadowModel[] = [
  { file: "recommender-prod.onnx", shape: "13→16→2, tiny", target: false },
  { file: "recommender-mlp.onnx", shape: "13→256→256→2", target: true },
];
const modelPath = (m: ShadowModel) => `${FIXTURES}/${m.file}`;

export const SHADOW_ROWS = Number(process.env.BENCH_SHADOW_ROWS ?? 100_000);

const fmt = (n: number) => Math.round(n).toLocaleString("en");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The rows of chunk `offset` (deterministic: the seed and the baseline regenerate the same ones). */
function chunkRows(offset: number, n: number, start: number) {
  return benchRows(Math.min(CHUNK, n - offset), {
    model: MODEL,
    start: start + (offset / n) * 7 * DAY,
    spanMs: (Math.min(CHUNK, n - offset) / n) * 7 * DAY,
    prefix: `s${offset}`,
    seed: offset + 1,
  });
}

/** n predictions over the 7 days before `now`, features as the recommender fixtures take them. */
export async function seedShadowModel(
  url: string,
  n: number,
  now: number,
  log: (m: string) => void,
): Promise<{ from: number; to: number }> {
  await migrate(url);
  const database = await connectDatabase(url);
  const { raw, db } = database;
  const model = await db.model.create({ data: { name: MODEL, task: "binary", taskSource: "set" } });
  const version = await db.modelVersion.create({ data: { modelId: model.id, name: "v1" } });
  const start = now - 7 * DAY;
  for (let offset = 0; offset < n; offset += CHUNK) {
    const ids = { modelId: model.id, versionId: version.id };
    const preds = predictionValues(raw, ids, chunkRows(offset, n, start), now);
    await raw.batch(insertIgnoreStatements(raw.flavour, "Prediction", PREDICTION_COLUMNS, preds));
  }
  log(`  seeded ${fmt(n)} predictions`);
  await database.close();
  return { from: start, to: now };
}

/** The fixture config, named after the model (two shadows of one model need two names). */
function loadConfig(model?: ShadowModel): ShadowConfig {
  const config = JSON.parse(readFileSync(CONFIG_FILE, "utf8")) as { name: string };
  if (model) config.name = model.file.replace(/\.onnx$/, "");
  return shadowConfigSchema.parse(config);
}

/** The features of the n seeded rows, in order. */
function seededFeatures(n: number, now: number): Array<Record<string, unknown>> {
  const features: Array<Record<string, unknown>> = [];
  for (let offset = 0; offset < n; offset += CHUNK)
    for (const r of chunkRows(offset, n, now - 7 * DAY)) features.push(r.features);
  return features;
}

/** Raw session.run rows/s over the same rows in batches of batchSize, encoded before the clock. */
export async function rawInference(
  model: ShadowModel,
  n: number,
  now: number,
): Promise<{ rowsPerSec: number; batchSize: number; microsPerRow: number }> {
  const config = loadConfig();
  const ortm = await ort();
  const session: InferenceSession = await ortm.InferenceSession.create(modelPath(model), {
    executionProviders: ["cpu"],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: "basic",
    logSeverityLevel: 3,
  });
  const plan = checkConfig(config, readSignature(session));
  const features = seededFeatures(n, now);
  const batches: Array<Record<string, Tensor>> = [];
  for (let i = 0; i < features.length; i += config.batchSize) {
    const { feeds } = encodeRows(config, plan, features.slice(i, i + config.batchSize));
    batches.push(
      Object.fromEntries(
        Object.entries(feeds).map(([name, t]) => [name, new ortm.Tensor(t.type, t.data as never, t.dims)]),
      ),
    );
  }
  for (let i = 0; i < Math.min(20, batches.length); i++) await session.run(batches[i]!, [plan.output.name]);
  const t0 = performance.now();
  for (const feeds of batches) await session.run(feeds, [plan.output.name]);
  const seconds = (performance.now() - t0) / 1000;
  await session.release();
  const rowsPerSec = features.length / seconds;
  return { rowsPerSec, batchSize: config.batchSize, microsPerRow: 1e6 / rowsPerSec };
}

/**
 * The web process's event-loop delay p99 in ms since its previous GET /metrics (prom-client resets the
 * monitorEventLoopDelay histogram at each scrape; the first scrape also starts it).
 */
async function eventLoopP99Ms(url: string, apiKey: string): Promise<number> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${apiKey}` } });
  if (res.status !== 200) throw new Error(`GET /metrics: ${res.status}`);
  const line = (await res.text()).split("\n").find((l) => l.startsWith("nodejs_eventloop_lag_p99_seconds "));
  if (!line) throw new Error("GET /metrics has no nodejs_eventloop_lag_p99_seconds");
  return Number(line.split(" ")[1]) * 1000;
}

/** Sequential GET /api/health every 10 ms until stopped; the round trips in ms. */
function healthProbe(url: string): { stop: () => Promise<number[]> } {
  let pinging = true;
  const rtts: number[] = [];
  const pinger = (async () => {
    while (pinging) {
      const t = performance.now();
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      rtts.push(performance.now() - t);
      await sleep(10);
    }
  })();
  return {
    stop: async () => {
      pinging = false;
      await pinger;
      return rtts;
    },
  };
}

async function uploadShadow(url: string, apiKey: string, model: ShadowModel): Promise<number> {
  const form = new FormData();
  form.append("file", new Blob([readFileSync(modelPath(model))]), model.file);
  form.append("config", JSON.stringify(loadConfig(model)));
  const created = await fetch(`${url}/api/v1/models/${MODEL}/shadows`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}` },
    body: form,
  });
  if (created.status !== 201) throw new Error(`shadow upload: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { shadow: { id: number } }).shadow.id;
}

/**
 * Waits until every marked job is done (the retention sweep's job is always there: it reschedules itself),
 * 100 ms polls, at most 2 min.
 */
async function workerIdle(database: Database): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [row] = await database.raw.query<{ n: unknown }>(
      `SELECT COUNT(*) AS "n" FROM "Job" WHERE "kind" <> ?`,
      [RETENTION_JOB],
    );
    if (Number(row?.n ?? 0) === 0) return;
    if (Date.now() > deadline) throw new Error(`the worker still has ${row?.n} jobs after 2 min`);
    await sleep(100);
  }
}

/** Backfills [from, to) for the shadow and polls until done: rows and seconds. */
async function backfillThroughServer(
  url: string,
  apiKey: string,
  shadowId: number,
  range: { from: number; to: number },
  log: (m: string) => void,
): Promise<{ rows: number; seconds: number }> {
  const auth = { authorization: `Bearer ${apiKey}` };
  const t0 = performance.now();
  const started = await fetch(`${url}/api/v1/shadows/${shadowId}/backfill`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ from: range.from, to: range.to + 1 }),
  });
  if (started.status !== 200 && started.status !== 202)
    throw new Error(`backfill: ${started.status} ${await started.text()}`);
  let info: { state: string; total: number; done: number };
  let lastLog = t0;
  for (;;) {
    await sleep(100);
    const res = await fetch(`${url}/api/v1/shadows/${shadowId}/backfill`, { headers: auth });
    info = ((await res.json()) as { backfill: typeof info }).backfill;
    if (info.state === "done") break;
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`  backfill ${fmt(info.done)} / ${fmt(info.total)}`);
    }
    if (performance.now() - t0 > 600_000)
      throw new Error(`backfill not done after 10 min: ${JSON.stringify(info)}`);
  }
  return { rows: info.total, seconds: (performance.now() - t0) / 1000 };
}

export async function shadowBench(
  dir: string,
  port: number,
  apiKey: string,
  log: (m: string) => void,
): Promise<TableRow[]> {
  const now = Date.now();
  const n = SHADOW_ROWS;
  const raws: Array<Awaited<ReturnType<typeof rawInference>>> = [];
  for (const model of SHADOW_MODELS) {
    log(`shadow: raw InferenceSession.run of ${model.file} over ${fmt(n)} rows…`);
    raws.push(await rawInference(model, n, now));
    log(`  ${fmt(raws.at(-1)!.rowsPerSec)} rows/s (${raws.at(-1)!.microsPerRow.toFixed(2)} µs a row)`);
  }
  log(`shadow: seeding ${fmt(n)} predictions, then one backfill per model through the server's worker…`);
  const url = `file:${dir}/shadow.db`;
  const range = await seedShadowModel(url, n, now, log);
  // A 100 ms poll (default 1 s): the worker's pick-up of the job is not a second of a ~3 s measurement.
  const server = await startServer(url, port, apiKey, {
    VIGIL_EMBEDDED_WORKER: "1",
    VIGIL_WORKER_POLL_MS: "100",
    VIGIL_DATA_DIR: `${dir}/shadow-data`,
  });
  const database = await connectDatabase(url);
  const jobs: Array<{ rows: number; seconds: number }> = [];
  let rtts: number[] = [];
  let loopP99 = Number.NaN;
  try {
    const ids: number[] = [];
    for (const model of SHADOW_MODELS) ids.push(await uploadShadow(server.url, apiKey, model));
    await eventLoopP99Ms(server.url, apiKey); // starts (or resets) the web process's histogram
    const probe = healthProbe(server.url);
    try {
      for (const [i, model] of SHADOW_MODELS.entries()) {
        // Each backfill starts on an idle worker: the creations' follow runs and the previous backfill's
        // series jobs (one per hour answered) are done.
        await workerIdle(database);
        jobs.push(await backfillThroughServer(server.url, apiKey, ids[i]!, range, log));
        log(`  ${model.file}: ${fmt(jobs[i]!.rows)} rows in ${jobs[i]!.seconds.toFixed(1)} s`);
      }
    } finally {
      rtts = await probe.stop();
    }
    loopP99 = await eventLoopP99Ms(server.url, apiKey);
  } finally {
    await database.close();
    await server.stop();
  }
  rtts.sort((a, b) => a - b);
  const at = (q: number) => rtts[Math.min(rtts.length - 1, Math.floor(q * rtts.length))]!;
  const [p50, p99] = [at(0.5), at(0.99)];
  log(`  health p50 ${p50.toFixed(1)} ms over ${rtts.length} pings`);
  if (process.env.BENCH_SHADOW_PROFILE === "1")
    for (const model of SHADOW_MODELS) await profileInProcess(dir, n, model, log);
  const rows: TableRow[] = SHADOW_MODELS.map((model, i) => {
    const job = jobs[i]!.rows / jobs[i]!.seconds;
    const raw = raws[i]!;
    const ratio = job / raw.rowsPerSec;
    return {
      measure: `shadow job rows/s, ${model.file} (${model.shape}, ${raw.microsPerRow.toFixed(2)} µs a row), batch ${raw.batchSize}, backfill of ${fmt(jobs[i]!.rows)}, worker process, SQLite${model.target ? "" : " — DB-bound: no target"}`,
      vigil: fmt(job),
      baseline: `${fmt(raw.rowsPerSec)} (raw InferenceSession.run)`,
      ratio: `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)}%`,
      target: model.target ? "≥ 70%" : "—",
      pass: !model.target || ratio >= 0.7,
    };
  });
  rows.push({
    measure:
      "… event-loop delay p99 of the web process during the backfills (its nodejs_eventloop_lag_p99_seconds)",
    vigil: `${loopP99.toFixed(1)} ms`,
    baseline: "50 ms (target)",
    ratio: `${((loopP99 / 50) * 100).toFixed(0)}%`,
    target: "≤ 50 ms",
    pass: loopP99 <= 50,
  });
  rows.push({
    measure: `… health round trip p99 meanwhile (an upper bound: adds HTTP and the client; ${rtts.length} pings, p50 ${p50.toFixed(1)} ms)`,
    vigil: `${p99.toFixed(1)} ms`,
    baseline: "—",
    ratio: "—",
    target: "measured",
    pass: true,
  });
  return rows;
}

/**
 * One backfill with runShadowJob in this process, its time split: the job's thread (event-loop utilisation:
 * select = queries, commit = batches, the rest JSON.parse, encoding, decoding, building statements) and the
 * inference thread (session.run time from the pool's replies). With the stages overlapped, the busier of the
 * two threads bounds the throughput.
 */
export async function profileInProcess(dir: string, n: number, model: ShadowModel, log: (m: string) => void) {
  process.env.VIGIL_DATA_DIR = `${dir}/shadow-profile-data`;
  const { env } = await import("../lib/config/env");
  const { createShadow } = await import("../lib/shadow/upload");
  const { startBackfill } = await import("../lib/shadow/backfill");
  const { runShadowJob } = await import("../lib/shadow/run-job");
  const { InferencePool } = await import("../lib/shadow/pool");
  const url = `file:${dir}/shadow-profile-${model.file}.db`;
  const range = await seedShadowModel(url, n, Date.now(), () => {});
  const database: Database = await connectDatabase(url);
  const form = new FormData();
  form.append("file", new Blob([readFileSync(modelPath(model))]), model.file);
  form.append("config", JSON.stringify(loadConfig(model)));
  const shadow = await createShadow(
    database,
    MODEL,
    new Request("http://bench/", { method: "POST", body: form }),
    env().VIGIL_MAX_MODEL_BYTES,
  );
  await startBackfill(database, shadow.id, { from: range.from, to: range.to + 1 });
  const t = { select: 0, commit: 0, run: 0, calls: 0 };
  const raw = database.raw;
  const timed = <A extends unknown[], R>(f: (...a: A) => Promise<R>, key: "select" | "commit") =>
    (async (...a: A) => {
      const s = performance.now();
      try {
        return await f(...a);
      } finally {
        t[key] += performance.now() - s;
      }
    }) as typeof f;
  raw.query = timed(raw.query.bind(raw), "select") as typeof raw.query;
  raw.batch = timed(raw.batch.bind(raw), "commit");
  const pool = new InferencePool(1);
  const poolRun = pool.run.bind(pool);
  pool.run = async (...a: Parameters<typeof poolRun>) => {
    const r = await poolRun(...a);
    t.calls++;
    t.run += r.latencyMs;
    return r;
  };
  // Load the session in the thread before the clock (as the server's first batch has, long before the last).
  await runShadowJob(database, { shadowId: shadow.id }, { pool, maxBatches: 1 });
  Object.assign(t, { select: 0, commit: 0, run: 0, calls: 0 });
  const elu0 = perfHooks.eventLoopUtilization();
  const s0 = performance.now();
  let evaluated = 0;
  for (;;) {
    const r = await runShadowJob(database, { shadowId: shadow.id }, { pool, budgetMs: 600_000 });
    evaluated += r.evaluated;
    if (!r.more) break;
  }
  const total = performance.now() - s0;
  const busy = perfHooks.eventLoopUtilization(elu0).active;
  await pool.close();
  await database.close();
  const ms = (v: number) => `${v.toFixed(0)} ms (${((v / total) * 100).toFixed(0)}%)`;
  const perRow = (v: number) => `${((v * 1000) / evaluated).toFixed(1)} µs a row`;
  log(
    `shadow profile, ${model.file} (in-process, ${fmt(evaluated)} rows, ${fmt(evaluated / (total / 1000))} rows/s, ${total.toFixed(0)} ms): ` +
      `job thread busy ${ms(busy)} = ${perRow(busy)}: select ${ms(t.select)}, commit ${ms(t.commit)}, ` +
      `parse/encode/decode/statements/messages ${ms(busy - t.select - t.commit)}; ` +
      `inference thread: session.run ${ms(t.run)} = ${perRow(t.run)} over ${t.calls} calls`,
  );
}
