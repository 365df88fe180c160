// Deterministic demo data for the browser tests, sent through the public API like a real client would.
const HOUR = 3_600_000;

/** Small seeded PRNG (mulberry32) so every run seeds the same data. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Prediction {
  id: string;
  model: string;
  version: string;
  timestamp: string;
  features: Record<string, number | string>;
  prediction: number;
  score?: number;
  scores?: Record<string, number>;
  latencyMs: number;
}

export interface Label {
  id: string;
  model: string;
  label: number;
  timestamp: string;
}

export function recommenderData(now: number): { predictions: Prediction[]; labels: Label[] } {
  const rand = rng(42);
  const predictions: Prediction[] = [];
  const labels: Label[] = [];
  const versions = [
    { name: "v1", noise: 0.42 },
    { name: "v2", noise: 0.3 },
  ];
  for (const v of versions) {
    for (let i = 0; i < 192; i++) {
      const ts = now - 48 * HOUR + i * 15 * 60_000 + Math.floor(rand() * 60_000);
      const truth = rand() < 0.4 ? 1 : 0;
      const raw = truth === 1 ? 0.7 : 0.3;
      const score = Math.min(0.99, Math.max(0.01, raw + (rand() - 0.5) * 2 * v.noise));
      const id = `rec-${v.name}-${String(i).padStart(4, "0")}`;
      predictions.push({
        id,
        model: "recommender",
        version: v.name,
        timestamp: new Date(ts).toISOString(),
        features: { price: Math.round(rand() * 200), category: rand() < 0.5 ? "books" : "toys" },
        prediction: score >= 0.5 ? 1 : 0,
        score: Number(score.toFixed(4)),
        scores: { "0": Number((1 - score).toFixed(4)), "1": Number(score.toFixed(4)) },
        latencyMs: Number((5 + rand() * 20).toFixed(1)),
      });
      // Most predictions get labelled, 5–120 minutes later (never in the future).
      if (rand() < 0.85) {
        const labelTs = Math.min(now - 1000, ts + (5 + Math.floor(rand() * 115)) * 60_000);
        labels.push({ id, model: "recommender", label: truth, timestamp: new Date(labelTs).toISOString() });
      }
    }
  }
  return { predictions, labels };
}

export function rankerSizeData(now: number): { predictions: Prediction[]; labels: Label[] } {
  const rand = rng(7);
  const predictions: Prediction[] = [];
  const labels: Label[] = [];
  for (let i = 0; i < 96; i++) {
    const ts = now - 48 * HOUR + i * 30 * 60_000;
    const truth = 20 + rand() * 80;
    const id = `size-${String(i).padStart(4, "0")}`;
    predictions.push({
      id,
      model: "ranker-size",
      version: "v1",
      timestamp: new Date(ts).toISOString(),
      features: { items: Math.round(truth / 3) },
      prediction: Number((truth + (rand() - 0.5) * 12).toFixed(2)),
      latencyMs: Number((2 + rand() * 5).toFixed(1)),
    });
    if (rand() < 0.8) {
      const labelTs = Math.min(now - 1000, ts + 30 * 60_000);
      labels.push({
        id,
        model: "ranker-size",
        label: Number(truth.toFixed(2)),
        timestamp: new Date(labelTs).toISOString(),
      });
    }
  }
  return { predictions, labels };
}

export function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
