// One day's quality window recomputed from raw rows (docs/scaling.md): for N predictions (85 % labeled) of one
// model version inside one UTC day, the time of one recompute of its 1d window and the growth of this process'
// resident memory while it runs (sampled every 20 ms). No target: these are the figures behind the day-window
// limit in docs/scaling.md. BENCH_DAY_WINDOW_ROWS (default 100000,400000,1000000) sets the sizes.
import { connectDatabase } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { insertIgnoreStatements } from "../lib/ingest/insert";
import { PREDICTION_COLUMNS } from "../lib/ingest/predictions";
import { windowStart } from "../lib/jobs/windows";
import { recomputeQualityWindow } from "../lib/rollups/quality-window";
import type { BenchRow } from "./promql";
import { benchRows, labelValues, predictionValues } from "./rows";

const DAY = 86_400_000;
const CHUNK = 50_000;

export const DAY_WINDOW_SIZES = (process.env.BENCH_DAY_WINDOW_ROWS ?? "100000,400000,1000000")
  .split(",")
  .map(Number);

/** Seeds `n` predictions of a new version into yesterday's UTC day and recomputes that 1d window once. */
async function measure(url: string, n: number): Promise<{ seconds: number; rssMiB: number }> {
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
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    await recomputeQualityWindow(database, {
      modelId: model.id,
      versionId: version.id,
      window: "1d",
      windowStart: day,
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { seconds, rssMiB: (peak - before) / 2 ** 20 };
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
    const { seconds, rssMiB } = await measure(await databaseUrl(n), n);
    out.push({
      measure: `1d quality window recompute, ${n.toLocaleString("en")} predictions of one version, ${label}`,
      vigil: `${seconds.toFixed(1)} s`,
      baseline: `${((seconds * 1e6) / n).toFixed(1)} µs a row, +${rssMiB.toFixed(0)} MiB RSS (${Math.round((rssMiB * 2 ** 20) / n)} B a row)`,
      ratio: "—",
      target: "measured",
      pass: true,
    });
  }
  return out;
}
