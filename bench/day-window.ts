// What a new prediction costs the quality rollups once a day is full (docs/scaling.md): for N predictions (85 %
// labeled) of one model version inside one UTC day, the recompute of its 5-minute bucket, its hour (merged from 12
// buckets) and the day (merged from 24 hours), against the baseline of re-reading the whole day from raw rows as
// the 1d window did before buckets; each with the growth of this process' RSS while it runs. The target: flat,
// ≤ 1 s at every size. BENCH_DAY_WINDOW_ROWS (default 100000,400000,1000000) sets the sizes.
import { connectDatabase } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { insertIgnoreStatements } from "../lib/ingest/insert";
import { PREDICTION_COLUMNS } from "../lib/ingest/predictions";
import { ROLLUP_WINDOWS, windowStart } from "../lib/jobs/windows";
import { addSample, computeQualityMetrics, createQualityState } from "../lib/quality";
import { recomputeQualityWindow } from "../lib/rollups/quality-window";
import { loadSamples } from "../lib/rollups/samples";
import type { BenchRow } from "./promql";
import { benchRows, labelValues, predictionValues } from "./rows";

const DAY = 86_400_000;
const CHUNK = 50_000;

export const DAY_WINDOW_SIZES = (process.env.BENCH_DAY_WINDOW_ROWS ?? "100000,400000,1000000")
  .split(",")
  .map(Number);

type Cost = { seconds: number; rssMiB: number };

/** Wall time of `work` and the growth of this process' RSS while it runs (sampled every 20 ms). */
async function timed(work: () => Promise<void>): Promise<Cost> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, rssMiB: (peak - before) / 2 ** 20 };
}

/**
 * Seeds `n` predictions of a new version into yesterday's UTC day, builds its rollups, then measures the
 * recompute one more prediction causes against re-reading the whole day from raw rows.
 */
async function measure(url: string, n: number): Promise<{ incremental: Cost; fromRaw: Cost }> {
  await migrate(url);
  const database = await connectDatabase(url);
  try {
    const { raw, db } = database;
    const name = `bench-day-${n}`;
    const model = await db.model.create({ data: { name, task: "binary", taskSource: "set" } });
    const version = await db.modelVersion.create({ data: { modelId: model.id, name: "v1" } });
    const day = windowStart(Date.now() - DAY, "1d");
    const now = Date.now();
    for (let offset = 0; offset < n; offset += CHUNK) {
      const size = Math.min(CHUNK, n - offset);
      const rows = benchRows(size, {
        model: name,
        start: day + (offset / n) * (DAY - 60_000),
        spanMs: (size / n) * (DAY - 60_000),
        prefix: `d${offset}`,
        seed: offset + 1,
      });
      const ids = { modelId: model.id, versionId: version.id };
      const predictions = predictionValues(raw, ids, rows, now);
      const labels = labelValues(raw, model.id, rows, 30_000, now);
      await raw.batch([
        ...insertIgnoreStatements(raw.flavour, "Prediction", PREDICTION_COLUMNS, predictions),
        ...insertIgnoreStatements(
          raw.flavour,
          "Label",
          ["modelId", "id", "label", "ts", "receivedAt"],
          labels,
        ),
      ]);
    }
    const ids = { modelId: model.id, versionId: version.id };
    // One-time build: every bucket from raw rows, every hour from its buckets, the day from its hours.
    for (let b = day; b < day + DAY; b += ROLLUP_WINDOWS["5m"])
      await recomputeQualityWindow(database, { ...ids, window: "5m", windowStart: b });
    for (let h = day; h < day + DAY; h += ROLLUP_WINDOWS["1h"])
      await recomputeQualityWindow(database, { ...ids, window: "1h", windowStart: h });
    await recomputeQualityWindow(database, { ...ids, window: "1d", windowStart: day });

    // What one more prediction costs now: its bucket, its hour and the day.
    const last = day + DAY - 30_000;
    const incremental = await timed(async () => {
      await recomputeQualityWindow(database, { ...ids, window: "5m", windowStart: windowStart(last, "5m") });
      await recomputeQualityWindow(database, { ...ids, window: "1h", windowStart: windowStart(last, "1h") });
      await recomputeQualityWindow(database, { ...ids, window: "1d", windowStart: day });
    });
    // What it cost before buckets: the whole day's rows read and folded again.
    const fromRaw = await timed(async () => {
      const state = createQualityState();
      for (const s of await loadSamples(database, { ...ids, from: day, to: day + DAY }))
        addSample(state, s, { task: "binary", positiveClass: "1" });
      computeQualityMetrics(state, { task: "binary", positiveClass: "1" });
    });
    return { incremental, fromRaw };
  } finally {
    await database.close();
  }
}

/** `databaseUrl(n)`: a fresh database for each size. */
export async function dayWindowBench(
  label: string,
  databaseUrl: (n: number) => Promise<string>,
  log: (m: string) => void,
): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  for (const n of DAY_WINDOW_SIZES) {
    log(`${label}: 1d quality window of ${n.toLocaleString("en")} predictions…`);
    const { incremental, fromRaw } = await measure(await databaseUrl(n), n);
    const cost = (c: Cost) => `${c.seconds.toFixed(2)} s, +${c.rssMiB.toFixed(0)} MiB RSS`;
    out.push({
      measure: `quality recompute after a new prediction (bucket + hour + day), day of ${n.toLocaleString("en")} predictions, ${label}`,
      vigil: cost(incremental),
      baseline: `whole day from raw rows: ${cost(fromRaw)}`,
      ratio: `${(fromRaw.seconds / incremental.seconds).toFixed(0)}× faster`,
      target: "≤ 1 s at every size",
      pass: incremental.seconds <= 1,
    });
  }
  return out;
}
