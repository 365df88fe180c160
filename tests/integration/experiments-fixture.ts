// Seeded rows for the experiment tests, with the per-variant sums they should produce computed here by hand
// (independently of lib/experiments' accumulation), so the tests can compare the API against them.
import { mulberry32, normal, round } from "@/lib/simulator/random";

export interface Seeded {
  predictions: Array<Record<string, unknown>>;
  labels: Array<Record<string, unknown>>;
  events: Array<Record<string, unknown>>;
  /** the assigned units, by variant index, with what each should contribute */
  units: Array<
    Array<{
      click: number;
      revenue: number;
      purchase: number;
      error: number;
      visits: number | null;
      latency: number;
      label: number | null;
      prediction: number;
      score: number;
    }>
  >;
  unassigned: number;
}

/** control (v1) and treatment (v2); treatment converts more and is slower. */
export function seedShop(model: string, startAt: number, counts: [number, number]): Seeded {
  const rng = mulberry32(7);
  const out: Seeded = { predictions: [], labels: [], events: [], units: [[], []], unassigned: 0 };
  const variants = ["control", "treatment"];
  const versions = ["v1", "v2"];
  let id = 0;
  // Before the start: never counted.
  out.predictions.push({
    id: `${model}-early`,
    model,
    version: "v1",
    variant: "control",
    timestamp: startAt - 1000,
    prediction: 1,
    score: 0.9,
  });
  counts.forEach((count, v) => {
    for (let i = 0; i < count; i++) {
      const pid = `${model}-${id++}`;
      const ts = startAt + Math.floor(rng() * 2.5 * 86_400_000);
      const visits = i % 7 === 3 ? null : Math.max(0, Math.round(normal(rng, 5, 2)));
      const intent = (visits ?? 5) / 10 + rng() * 0.6 + (v === 1 ? 0.08 : 0);
      const click = intent > 0.75 ? 1 : 0;
      const purchase = click && rng() < 0.5 ? 1 : 0;
      const revenue = purchase ? round(20 + 10 * (visits ?? 5) + rng() * 30, 2) : 0;
      const error = rng() < 0.02 + v * 0.01 ? 1 : 0;
      const latency = round(10 + v * 5 + rng() * 10, 1);
      const score = round(Math.min(0.99, Math.max(0.01, intent - 0.25 + (rng() - 0.5) * 0.4)), 3);
      const prediction = score >= 0.5 ? 1 : 0;
      const label = rng() < 0.7 ? click : null;
      // Every 10th unit carries no variant: it is assigned by its version.
      const row: Record<string, unknown> = {
        id: pid,
        model,
        version: versions[v],
        timestamp: ts,
        prediction,
        score,
        latencyMs: latency,
        features: visits === null ? { device: "m" } : { visits, device: "m" },
      };
      if (i % 10 !== 0) row.variant = variants[v];
      out.predictions.push(row);
      if (label !== null) out.labels.push({ id: pid, model, label, timestamp: ts + 60_000 });
      if (click)
        out.events.push({
          id: `${pid}-c`,
          model,
          predictionId: pid,
          name: "click",
          value: 1,
          timestamp: ts + 1000,
        });
      if (purchase)
        out.events.push({
          id: `${pid}-p`,
          model,
          predictionId: pid,
          name: "purchase",
          value: revenue,
          timestamp: ts + 2000,
        });
      if (error)
        out.events.push({
          id: `${pid}-e`,
          model,
          predictionId: pid,
          name: "error",
          value: 1,
          timestamp: ts + 10,
        });
      out.units[v]!.push({ click, revenue, purchase, error, visits, latency, label, prediction, score });
    }
  });
  // Not in the experiment: an unknown variant key, and a version no variant serves.
  out.predictions.push({
    id: `${model}-ghost`,
    model,
    version: "v1",
    variant: "ghost",
    timestamp: startAt + 5000,
    prediction: 0,
    score: 0.1,
  });
  out.predictions.push({
    id: `${model}-v3`,
    model,
    version: "v3",
    timestamp: startAt + 6000,
    prediction: 0,
    score: 0.1,
  });
  out.unassigned = 2;
  return out;
}
