// The shadow job: predictions ingested through the real route are run through the fixture ONNX models by the
// real worker code (onnxruntime in worker threads); every prediction is answered exactly once, scores equal
// onnxruntime's and the numpy references, bad rows are recorded as errors, sampling, pause/resume, a worker
// that stops after one batch, backfill progress, and the hourly shadow series.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postLabels } from "@/app/api/v1/labels/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import { GET as getBackfill, POST as postBackfill } from "@/app/api/v1/shadows/[id]/backfill/route";
import type { Database } from "@/lib/db/client";
import { markShadowRun, SHADOW_RUN_JOB } from "@/lib/jobs/mark";
import { runUntilIdle } from "@/lib/jobs/runner";
import { forgetActiveShadows } from "@/lib/shadow/active";
import { type ShadowConfigInput, shadowConfigSchema } from "@/lib/shadow/config";
import { encodeRows } from "@/lib/shadow/encode";
import { InferencePool } from "@/lib/shadow/pool";
import { runShadowJob } from "@/lib/shadow/run-job";
import { type CandidateRow, inSample } from "@/lib/shadow/select";
import { checkConfig, loadSession, ort, signatureOf } from "@/lib/shadow/signature";
import { storeModelFile } from "@/lib/shadow/store";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

type Row = Record<string, unknown>;
const reference = JSON.parse(readFileSync("tests/fixtures/shadow/reference-outputs.json", "utf8")) as {
  tolerance: number;
  batch: { rows: Row[]; truthClickProbability: number[] };
  models: Record<string, { outputs: { probabilities: number[][] } }>;
};
const ROWS = reference.batch.rows;
const TRUTH = reference.batch.truthClickProbability;
const PROD = reference.models["recommender-prod.onnx"]!.outputs.probabilities;
const MODEL_PATH = "tests/fixtures/shadow/recommender-prod.onnx";

const dataDir = mkdtempSync(join(tmpdir(), "vigil-shadow-job-"));
let database: Database;
beforeAll(async () => {
  database = await useTestDatabase({ VIGIL_DATA_DIR: dataDir });
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const worker = { owner: "test-worker", leaseMs: 60_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOUR = 3_600_000;
const BASE = Date.parse("2026-11-01T00:00:00Z");

const configFor = (name: string, extra: Partial<ShadowConfigInput> = {}): ShadowConfigInput => ({
  name,
  inputs: { features: ["user_age", "items_in_cart", "price", "session_minutes", "country", "device"] },
  output: "probabilities",
  encodings: {
    country: { type: "onehot", categories: ["DE", "FR", "US", "GB", "ES", "IT"] },
    device: { type: "onehot", categories: ["mobile", "desktop", "tablet"] },
  },
  ...extra,
});

async function modelId(name: string): Promise<number> {
  const model = await database.db.model.upsert({ where: { name }, create: { name }, update: {} });
  return model.id;
}

/** A shadow as the upload route makes it (file stored by sha256, config checked), and its job marked. */
async function createShadow(model: string, config: ShadowConfigInput, file = MODEL_PATH): Promise<number> {
  const stored = await storeModelFile(new Uint8Array(readFileSync(file)));
  const signature = await signatureOf(stored.path);
  const parsed = shadowConfigSchema.parse(config);
  checkConfig(parsed, signature);
  await sleep(5); // predictions received in this millisecond are not "since the shadow was created"
  const shadow = await database.db.shadow.create({
    data: {
      modelId: await modelId(model),
      name: parsed.name,
      fileSha256: stored.sha256,
      fileBytes: stored.bytes,
      config: JSON.stringify(parsed),
      signature: JSON.stringify(signature),
    },
  });
  await database.raw.batch(markShadowRun(database.raw, shadow.id));
  return shadow.id;
}

async function ingest(
  model: string,
  rows: Array<{ id: string; ts: number; features: Row; prediction: number; score: number }>,
) {
  await sleep(5);
  const predictions = rows.map((r) => ({
    id: r.id,
    model,
    version: "v1",
    timestamp: r.ts,
    features: r.features,
    prediction: r.prediction,
    score: r.score,
  }));
  for (let i = 0; i < predictions.length; i += 1000) {
    const res = await call(postPredictions, {
      path: "/api/v1/predictions",
      body: { predictions: predictions.slice(i, i + 1000) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

/** The fixture's 200 shoppers as production predictions, one a minute from `start`, ids `<prefix>-<i>`. */
const fixtureRows = (prefix: string, start = BASE, count = ROWS.length) =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    ts: start + i * 60_000,
    features: ROWS[i % ROWS.length]!,
    prediction: TRUTH[i % ROWS.length]! >= 0.5 ? 1 : 0,
    score: TRUTH[i % ROWS.length]!,
  }));

interface Answer {
  predictionId: string;
  status: string;
  prediction: string | null;
  score: number | null;
  scores: string | null;
  latencyMs: number | null;
  error: string | null;
}
const answers = async (shadowId: number) =>
  (await database.db.shadowPrediction.findMany({
    where: { shadowId },
    orderBy: { predictionId: "asc" },
  })) as Answer[];

const index = (id: string) => Number(id.slice(id.lastIndexOf("-") + 1));

describe("shadow job", () => {
  let shadowA: number;

  it("answers every new prediction once, with onnxruntime's and numpy's scores", async () => {
    shadowA = await createShadow("shop", configFor("candidate-a", { batchSize: 64 }));
    const int8 = await createShadow("shop", configFor("int8"), "tests/fixtures/shadow/recommender-int8.onnx");
    await ingest("shop", fixtureRows("p"));
    await runUntilIdle(database, worker);

    // The quantized model too (QDQ), to the numpy reference.
    const int8Rows = await answers(int8);
    expect(int8Rows).toHaveLength(ROWS.length);
    const INT8 = reference.models["recommender-int8.onnx"]!.outputs.probabilities;
    for (const r of int8Rows)
      expect(Math.abs(r.score! - INT8[index(r.predictionId)]![1]!)).toBeLessThanOrEqual(reference.tolerance);
    await database.db.shadow.update({ where: { id: int8 }, data: { status: "paused" } });
    forgetActiveShadows(database);

    const rows = await answers(shadowA);
    expect(rows).toHaveLength(ROWS.length);
    expect(new Set(rows.map((r) => r.predictionId)).size).toBe(ROWS.length);
    expect(rows.every((r) => r.status === "ok" && r.error === null)).toBe(true);

    // Direct onnxruntime on the same encoded rows, in this thread.
    const stored = await storeModelFile(new Uint8Array(readFileSync(MODEL_PATH)));
    const config = shadowConfigSchema.parse(configFor("candidate-a"));
    const plan = checkConfig(config, await signatureOf(stored.path));
    const encoded = encodeRows(config, plan, ROWS);
    const session = await loadSession(stored.path);
    const { Tensor } = await ort();
    const feed = encoded.feeds.features!;
    const out = await session.run({ features: new Tensor(feed.type, feed.data, feed.dims) });
    const direct = out.probabilities!.data as Float32Array;
    await session.release();

    for (const r of rows) {
      const i = index(r.predictionId);
      const p1 = PROD[i]![1]!;
      expect(Math.abs(r.score! - direct[i * 2 + 1]!)).toBeLessThanOrEqual(1e-7);
      expect(Math.abs(r.score! - p1)).toBeLessThanOrEqual(reference.tolerance);
      const scores = JSON.parse(r.scores!) as Record<string, number>;
      expect(Math.abs(scores["0"]! - PROD[i]![0]!)).toBeLessThanOrEqual(reference.tolerance);
      expect(Math.abs(scores["1"]! - p1)).toBeLessThanOrEqual(reference.tolerance);
      expect(JSON.parse(r.prediction!)).toBe(p1 >= 0.5 ? 1 : 0);
      expect(r.latencyMs).toBeGreaterThan(0);
    }
    expect(await database.db.job.count()).toBe(0);
    expect((await database.db.shadow.findUniqueOrThrow({ where: { id: shadowA } })).lastError).toBeNull();
  });

  it("ingest marks the job of every active shadow of the model", async () => {
    const jobs = await database.db.job.findMany({ where: { kind: SHADOW_RUN_JOB } });
    expect(jobs).toEqual([]);
    await ingest("shop", fixtureRows("mark", BASE, 3));
    expect((await database.db.job.findMany({ where: { kind: SHADOW_RUN_JOB } })).map((j) => j.key)).toEqual([
      `${SHADOW_RUN_JOB}:${shadowA}`,
    ]);
    await runUntilIdle(database, worker);
    expect((await answers(shadowA)).filter((r) => r.predictionId.startsWith("mark-"))).toHaveLength(3);
  });

  it("writes the hourly shadow series: agreement, score difference, accuracy, latency", async () => {
    const series = await database.raw.query<{ name: string; labels: string; ts: unknown; value: number }>(
      `SELECT s."name", s."labels", p."ts", p."value" FROM "Series" s JOIN "SeriesPoint" p ON p."seriesId" = s."id"
       WHERE s."name" LIKE 'vigil_shadow_%' ORDER BY s."name", p."ts"`,
    );
    const of = (name: string) =>
      series.filter((s) => s.name === name && JSON.parse(s.labels).shadow === "candidate-a");
    const hours = [0, 1, 2, 3].map((h) => BASE + h * HOUR);
    for (const name of ["vigil_shadow_agreement", "vigil_shadow_score_diff", "vigil_shadow_latency_ms"])
      expect(of(name).map((p) => Number(p.ts))).toEqual(hours);
    expect(JSON.parse(of("vigil_shadow_agreement")[0]!.labels)).toMatchObject({
      model: "shop",
      shadow: "candidate-a",
    });
    // Expected from the references: rows of hour h are i in [60h, 60h + 60) (plus the 3 "mark" rows in hour 0).
    for (const [h, start] of hours.entries()) {
      const ids = Array.from({ length: 200 }, (_, i) => i).filter((i) => Math.floor(i / 60) === h);
      const all = h === 0 ? [...ids, 0, 1, 2] : ids;
      const agree = all.filter((i) => (PROD[i]![1]! >= 0.5 ? 1 : 0) === (TRUTH[i]! >= 0.5 ? 1 : 0)).length;
      const diff = all.reduce((s, i) => s + Math.abs(PROD[i]![1]! - TRUTH[i]!), 0) / all.length;
      const point = (name: string) => of(name).find((p) => Number(p.ts) === start)!.value;
      expect(point("vigil_shadow_agreement")).toBeCloseTo(agree / all.length, 12);
      expect(point("vigil_shadow_score_diff")).toBeCloseTo(diff, 6);
      expect(point("vigil_shadow_latency_ms")).toBeGreaterThan(0);
    }
    expect(of("vigil_shadow_accuracy")).toEqual([]); // no labels yet

    // Labels for hour 1: label ingest marks the active shadows' bucket jobs of the labeled rows itself (each bucket
    // then marks its hour).
    const labeled = Array.from({ length: 60 }, (_, k) => 60 + k);
    const res = await call(postLabels, {
      path: "/api/v1/labels",
      body: { labels: labeled.map((i) => ({ id: `p-${i}`, model: "shop", label: TRUTH[i]! > 0.4 ? 1 : 0 })) },
    });
    expect(res.status).toBe(200);
    const marked = await database.db.job.findMany({
      where: { kind: "shadow-bucket" },
      select: { key: true },
    });
    const buckets = Array.from(
      { length: 12 },
      (_, k) => `shadow-bucket:${shadowA}:${BASE + HOUR + k * 300_000}`,
    );
    expect(marked.map((j) => j.key)).toEqual(expect.arrayContaining(buckets));
    await runUntilIdle(database, worker);
    const [accuracy] = await database.raw.query<{ value: number; ts: unknown }>(
      `SELECT p."value", p."ts" FROM "Series" s JOIN "SeriesPoint" p ON p."seriesId" = s."id" WHERE s."name" = 'vigil_shadow_accuracy' AND s."labels" LIKE '%candidate-a%'`,
    );
    const correct = labeled.filter((i) => (PROD[i]![1]! >= 0.5 ? 1 : 0) === (TRUTH[i]! > 0.4 ? 1 : 0)).length;
    expect(Number(accuracy!.ts)).toBe(BASE + HOUR);
    expect(accuracy!.value).toBeCloseTo(correct / 60, 12);
  });

  it("records a row that cannot be encoded as an error with its message; the others succeed", async () => {
    const rows = fixtureRows("bad", BASE, 20);
    rows[7] = { ...rows[7]!, features: { ...rows[7]!.features, price: "expensive" } };
    await ingest("shop", rows);
    await runUntilIdle(database, worker);
    const got = (await answers(shadowA)).filter((r) => r.predictionId.startsWith("bad-"));
    expect(got).toHaveLength(20);
    const bad = got.find((r) => r.predictionId === "bad-7")!;
    expect(bad.status).toBe("error");
    expect(bad.error).toMatch(/price/);
    expect(bad.error).toMatch(/not a number/);
    expect(bad.score).toBeNull();
    const good = got.filter((r) => r.predictionId !== "bad-7");
    expect(good.every((r) => r.status === "ok")).toBe(true);
    for (const r of good)
      expect(Math.abs(r.score! - PROD[index(r.predictionId)]![1]!)).toBeLessThanOrEqual(1e-5);
  });

  it("several shadows per model; sampleRate 0.5 skips about half, deterministically", async () => {
    const half = await createShadow("shop", configFor("candidate-half", { sampleRate: 0.5 }));
    await ingest("shop", fixtureRows("s", BASE, 400));
    await runUntilIdle(database, worker);
    const got = (await answers(half)).filter((r) => r.predictionId.startsWith("s-"));
    expect(got).toHaveLength(400);
    const ok = got.filter((r) => r.status === "ok");
    expect(ok.length).toBeGreaterThan(160);
    expect(ok.length).toBeLessThan(240);
    for (const r of got) expect(r.status).toBe(inSample(r.predictionId, 0.5) ? "ok" : "skipped");
    expect(got.filter((r) => r.status === "skipped").every((r) => r.score === null)).toBe(true);
    // The first shadow answered the same rows too.
    expect((await answers(shadowA)).filter((r) => r.predictionId.startsWith("s-"))).toHaveLength(400);
  });

  it("a paused shadow makes no progress; resumed, it answers what arrived meanwhile", async () => {
    await database.db.shadow.update({ where: { id: shadowA }, data: { status: "paused" } });
    forgetActiveShadows(database); // as PATCH …/shadows/{id} does (else ingest's cache lags ≤ 5 s)
    await ingest("shop", fixtureRows("paused", BASE, 30));
    await runUntilIdle(database, worker);
    expect((await answers(shadowA)).filter((r) => r.predictionId.startsWith("paused-"))).toHaveLength(0);
    await database.db.shadow.update({ where: { id: shadowA }, data: { status: "active" } });
    await database.raw.batch(markShadowRun(database.raw, shadowA));
    await runUntilIdle(database, worker);
    expect((await answers(shadowA)).filter((r) => r.predictionId.startsWith("paused-"))).toHaveLength(30);
  });

  it("a worker stopping after one batch: the next run neither repeats nor skips a row", async () => {
    const id = await createShadow("resume", configFor("small-batches", { batchSize: 16 }));
    await ingest("resume", fixtureRows("r", BASE, 100));
    const first = await runShadowJob(database, { shadowId: id }, { maxBatches: 1 });
    expect(first).toMatchObject({ evaluated: 16, batches: 1, more: true });
    expect(await answers(id)).toHaveLength(16);
    let evaluated = first.evaluated;
    for (;;) {
      const next = await runShadowJob(database, { shadowId: id }, { maxBatches: 2 });
      evaluated += next.evaluated;
      if (!next.more) break;
    }
    expect(evaluated).toBe(100);
    await runUntilIdle(database, worker); // nothing left: the queued job answers nothing new
    const got = await answers(id);
    expect(got).toHaveLength(100);
    expect(new Set(got.map((r) => r.predictionId)).size).toBe(100);
    expect(got.every((r) => r.status === "ok")).toBe(true);
  });

  it("backfills a past range with progress, then reports done", async () => {
    // Predictions from before the shadow existed: the follow mode leaves them alone.
    await ingest("history", fixtureRows("h", BASE, 80));
    const id = await createShadow("history", configFor("late", { batchSize: 25 }));
    await runUntilIdle(database, worker);
    expect(await answers(id)).toHaveLength(0);

    const path = `/api/v1/shadows/${id}/backfill`;
    const params = { id: String(id) };
    expect((await call(postBackfill, { path, params, body: { from: BASE + HOUR, to: BASE } })).status).toBe(
      400,
    );
    expect(
      (await call(postBackfill, { path, params: { id: "999999" }, body: { from: BASE, to: BASE + 1 } }))
        .status,
    ).toBe(404);
    const from = new Date(BASE + 10 * 60_000).toISOString();
    const to = BASE + 70 * 60_000; // rows 10..69: 60 rows
    const started = await call(postBackfill, { path, params, body: { from, to } });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.backfill).toMatchObject({ state: "running", total: 60, done: 0, progress: 0 });

    const one = await runShadowJob(database, { shadowId: id }, { maxBatches: 1 });
    expect(one).toMatchObject({ evaluated: 25, more: true });
    const mid = await call(getBackfill, { path, params });
    expect(mid.body.backfill).toMatchObject({ state: "running", total: 60, done: 25 });
    expect((mid.body.backfill as { progress: number }).progress).toBeCloseTo(25 / 60, 12);

    await runUntilIdle(database, worker);
    const end = await call(getBackfill, { path, params });
    expect(end.body.backfill).toMatchObject({
      state: "done",
      total: 60,
      done: 60,
      progress: 1,
      from,
      to: new Date(to).toISOString(),
    });
    const got = await answers(id);
    expect(got.map((r) => index(r.predictionId)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, k) => 10 + k),
    );
  });

  it("a run that dies mid-pipeline (batches on the thread, one failing to commit): every row answered once", async () => {
    const id = await createShadow("crash", configFor("crash", { batchSize: 10 }));
    await ingest("crash", fixtureRows("c", BASE, 100));
    const pool = new InferencePool(1);
    const poolRun = pool.run.bind(pool);
    let sent = 0;
    pool.run = (...a: Parameters<typeof poolRun>) => {
      sent++;
      return poolRun(...a);
    };
    const committing: number[] = [];
    const crash = (rows: CandidateRow[]) => {
      committing.push(sent);
      if (committing.length === 3) throw new Error(`simulated crash before committing ${rows[0]!.id}…`);
    };
    try {
      await expect(runShadowJob(database, { shadowId: id }, { pool, beforeCommit: crash })).rejects.toThrow(
        /simulated crash/,
      );
      // The pipeline: each batch's commit came after the next batch had been sent to the thread.
      expect(committing).toEqual([2, 3, 4]);
      expect(await answers(id)).toHaveLength(20); // batches 1 and 2; 3 and 4 were lost with the run
      expect((await database.db.shadow.findUniqueOrThrow({ where: { id } })).lastError).toMatch(/crash/);

      let evaluated = 0;
      for (;;) {
        const next = await runShadowJob(database, { shadowId: id }, { pool, maxBatches: 3 });
        evaluated += next.evaluated;
        if (!next.more) break;
      }
      expect(evaluated).toBe(80); // the lost batches again, and the rest; nothing committed twice
      const got = await answers(id);
      expect(got.map((r) => r.predictionId).sort()).toEqual(
        Array.from({ length: 100 }, (_, i) => `c-${i}`).sort(),
      );
      expect(got.every((r) => r.status === "ok")).toBe(true);
      for (const r of got)
        expect(Math.abs(r.score! - PROD[index(r.predictionId) % 200]![1]!)).toBeLessThanOrEqual(1e-5);
      expect((await database.db.shadow.findUniqueOrThrow({ where: { id } })).lastError).toBeNull();
    } finally {
      await pool.close();
    }
  });

  it("follow and backfill over the same rows: a row in flight in one mode is not taken by the other", async () => {
    const id = await createShadow("overlap", configFor("overlap", { batchSize: 10 }));
    await ingest("overlap", fixtureRows("o", BASE, 120)); // after the shadow: follow mode takes them too
    const path = `/api/v1/shadows/${id}/backfill`;
    const started = await call(postBackfill, {
      path,
      params: { id: String(id) },
      body: { from: BASE, to: BASE + 120 * 60_000 },
    });
    expect(started.body.backfill).toMatchObject({ state: "running", total: 120, done: 0 });
    let evaluated = 0;
    for (;;) {
      // Follow takes ids in order "o-0", "o-1", "o-10", "o-100", …; backfill by ts: "o-0", "o-1", "o-2", …
      const next = await runShadowJob(database, { shadowId: id }, { maxBatches: 6 });
      evaluated += next.evaluated;
      const answered = (await answers(id)).length;
      expect(answered).toBe(evaluated);
      const progress = await call(getBackfill, { path, params: { id: String(id) } });
      expect((progress.body.backfill as { done: number }).done).toBe(answered);
      if (!next.more) break;
    }
    expect(evaluated).toBe(120);
    const end = await call(getBackfill, { path, params: { id: String(id) } });
    expect(end.body.backfill).toMatchObject({ state: "done", total: 120, done: 120 });
  });

  it("a shadow whose model file is gone fails the job with the reason on the shadow, recording nothing", async () => {
    const id = await createShadow("gone", configFor("gone"));
    const shadow = await database.db.shadow.update({
      where: { id },
      data: { fileSha256: "0".repeat(64) },
    });
    await ingest("gone", fixtureRows("g", BASE, 5));
    await runUntilIdle(database, worker); // fails, backs off
    expect(await answers(id)).toHaveLength(0);
    const after = await database.db.shadow.findUniqueOrThrow({ where: { id: shadow.id } });
    expect(after.lastError).toMatch(/could not be loaded/);
    const job = await database.db.job.findUniqueOrThrow({ where: { key: `${SHADOW_RUN_JOB}:${id}` } });
    expect(job.lastError).toMatch(/could not be loaded/);
    await database.db.job.deleteMany();
  });
});
