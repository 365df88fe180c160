import { mulberry32 } from "../lib/simulator/random";
// Deterministic prediction rows for benchmarks (~250 B each as JSON, 6 features like the demo's recommender).
export interface BenchRow {
  id: string;
  model: string;
  version: string;
  timestamp: number;
  features: Record<string, number | string>;
  prediction: number;
  score: number;
  latencyMs: number;
}

const COUNTRIES = ["DE", "FR", "US", "GB", "ES", "IT", "NL"];
const DEVICES = ["mobile", "desktop", "tablet"];

export function benchRows(
  n: number,
  opts: { model: string; start: number; spanMs: number; prefix: string; seed?: number },
): BenchRow[] {
  const rnd = mulberry32(opts.seed ?? 7);
  return Array.from({ length: n }, (_, i) => {
    const score = Math.round(rnd() * 1e6) / 1e6;
    return {
      id: `${opts.prefix}-${i}`,
      model: opts.model,
      version: i % 3 === 0 ? "v2" : "v1",
      timestamp: opts.start + Math.floor((i / n) * opts.spanMs),
      features: {
        user_age: 18 + Math.floor(rnd() * 60),
        country: COUNTRIES[i % COUNTRIES.length]!,
        device: DEVICES[i % DEVICES.length]!,
        items_in_cart: Math.floor(rnd() * 8),
        price: Math.round(rnd() * 20000) / 100,
        session_minutes: Math.round(rnd() * 6000) / 100,
      },
      prediction: score > 0.5 ? 1 : 0,
      score,
      latencyMs: Math.round(rnd() * 4000) / 100,
    };
  });
}

/** Anything that turns epoch ms into the database's time value (`Database["raw"]`). */
interface TimeWriter {
  time(ms: number): unknown;
}

/** Rows in PREDICTION_COLUMNS order (lib/ingest/predictions.ts), for benches that store rows directly. */
export function predictionValues(
  raw: TimeWriter,
  ids: { modelId: number; versionId: number },
  rows: BenchRow[],
  receivedAt: number,
): unknown[][] {
  return rows.map((r) => [
    ids.modelId,
    r.id,
    ids.versionId,
    raw.time(r.timestamp),
    JSON.stringify(r.features),
    JSON.stringify(r.prediction),
    r.score,
    null,
    null,
    r.latencyMs,
    raw.time(receivedAt),
  ]);
}

/**
 * Labels for 85 % of `rows` (17 of every 20), `delayMs` after the prediction, agreeing with it ~80 % of the
 * time; columns modelId, id, label, ts, receivedAt.
 */
export function labelValues(
  raw: TimeWriter,
  modelId: number,
  rows: BenchRow[],
  delayMs: number,
  receivedAt: number,
): unknown[][] {
  return rows.flatMap((r, i) =>
    i % 20 < 17
      ? [
          [
            modelId,
            r.id,
            JSON.stringify(i % 5 === 0 ? 1 - r.prediction : r.prediction),
            raw.time(r.timestamp + delayMs),
            raw.time(receivedAt),
          ],
        ]
      : [],
  );
}
