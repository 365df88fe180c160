// Quality read latency: GET /quality?window=1h over 30 days for a model with 1M predictions (85% labeled).
// Rows are loaded straight into the database (this measures reads, not ingest), then the real worker code
// builds the rollups, then the real server answers HTTP requests.
import { connectDatabase, type Database } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { insertIgnoreStatements } from "../lib/ingest/insert";
import { PREDICTION_COLUMNS } from "../lib/ingest/predictions";
import { markQualityWindows, qualityWindowsFor } from "../lib/jobs/mark";
import { runUntilIdle } from "../lib/jobs/runner";
import { benchRows, labelValues, predictionValues } from "./rows";

const DAY = 86_400_000;

export async function seedQualityModel(
  url: string,
  n: number,
  now: number,
  log: (m: string) => void,
): Promise<{ rollupSeconds: number }> {
  await migrate(url);
  const database: Database = await connectDatabase(url);
  const { raw, db } = database;
  const model = await db.model.create({ data: { name: "bench-quality", task: "binary", taskSource: "set" } });
  const version = await db.modelVersion.create({ data: { modelId: model.id, name: "v1" } });
  const start = now - 30 * DAY;
  const chunk = 50_000;
  for (let offset = 0; offset < n; offset += chunk) {
    const rows = benchRows(Math.min(chunk, n - offset), {
      model: "bench-quality",
      start: start + (offset / n) * 30 * DAY,
      spanMs: (chunk / n) * 30 * DAY,
      prefix: `q${offset}`,
      seed: offset + 1,
    });
    const preds = predictionValues(raw, { modelId: model.id, versionId: version.id }, rows, now);
    // Labels agree with the prediction ~80% of the time; 85% of predictions are labeled, 10 minutes later.
    const labels = labelValues(raw, model.id, rows, 600_000, now);
    await raw.batch([
      ...insertIgnoreStatements(raw.flavour, "Prediction", PREDICTION_COLUMNS, preds),
      ...insertIgnoreStatements(raw.flavour, "Label", ["modelId", "id", "label", "ts", "receivedAt"], labels),
    ]);
    log(
      `  seeded ${Math.min(offset + chunk, n).toLocaleString("en")} / ${n.toLocaleString("en")} predictions`,
    );
  }
  const hours = Array.from({ length: 30 * 24 + 1 }, (_, h) => start + h * 3_600_000);
  await raw.batch(markQualityWindows(raw, qualityWindowsFor(model.id, version.id, hours)));
  const t0 = performance.now();
  const ran = await runUntilIdle(database, { owner: "bench", leaseMs: 600_000 });
  const rollupSeconds = (performance.now() - t0) / 1000;
  log(`  built ${ran} rollups in ${rollupSeconds.toFixed(1)} s`);
  await database.close();
  return { rollupSeconds };
}

export async function qualityLatency(
  url: string,
  apiKey: string,
  now: number,
  requests: number,
): Promise<{ p50: number; p95: number; windows: number }> {
  const from = new Date(now - 30 * DAY).toISOString();
  const to = new Date(now).toISOString();
  const target = `${url}/api/v1/models/bench-quality/quality?window=1h&from=${from}&to=${to}`;
  const headers = { authorization: `Bearer ${apiKey}` };
  let windows = 0;
  for (let i = 0; i < 10; i++) await (await fetch(target, { headers })).arrayBuffer(); // warm up
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    const res = await fetch(target, { headers });
    const body = (await res.json()) as { windows?: unknown[] };
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`quality request failed: ${res.status}`);
    windows = body.windows?.length ?? 0;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p95: at(0.95), windows };
}
