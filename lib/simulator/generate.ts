// Turns the scenario into API rows for a span of time: predictions, labels (with the instant they become
// known) and business events. Pure: same scenario, interval and random stream → same rows.
import { basketValue, type Features, type Outcome, recommend, routeCategory } from "./models";
import { bernoulli, deriveSeed, lognormal, mulberry32, poisson, type Rng, round, weighted } from "./random";
import { BASKET, HOUR_MS, MINUTE_MS, RECOMMENDER, ROUTER, ratePerHour, type Scenario } from "./scenario";

export interface SimPrediction {
  id: string;
  model: string;
  version: string;
  timestamp: number;
  features: Features;
  prediction: number | string;
  score?: number;
  scores?: Record<string, number>;
  variant?: string;
  latencyMs: number;
}

/** `timestamp` is when the label became known; it may lie in the future, and is sent only once due. */
export interface SimLabel {
  id: string;
  model: string;
  label: number | string;
  timestamp: number;
}

export interface SimEvent {
  id: string;
  model: string;
  predictionId: string;
  name: "click" | "purchase";
  value: number;
  timestamp: number;
}

export interface Generated {
  predictions: SimPrediction[];
  labels: SimLabel[];
  events: SimEvent[];
}

/** Rows are generated per slot of this length; each slot has its own random stream (see generateSlot). */
export const SLOT_MS = MINUTE_MS;

const ID_PREFIX: Record<string, string> = { [RECOMMENDER]: "rec", [BASKET]: "bsk", [ROUTER]: "cat" };

function outcomeFor(
  rng: Rng,
  s: Scenario,
  model: string,
  t: number,
  version: string,
): Outcome<number | string, number | string> {
  if (model === RECOMMENDER) return recommend(rng, s, t, version);
  if (model === BASKET) return basketValue(rng, s, t);
  return routeCategory(rng, s, t);
}

/** Clicks follow a clicked recommendation within a minute or so; some clicks turn into purchases. */
function businessEvents(rng: Rng, s: Scenario, p: SimPrediction): SimEvent[] {
  const clickAt = p.timestamp + Math.round(lognormal(rng, 40_000, 0.8));
  const events: SimEvent[] = [
    { id: `${p.id}-click`, model: p.model, predictionId: p.id, name: "click", value: 1, timestamp: clickAt },
  ];
  // v2's recommendations also convert a little better: that is the A/B test's business result.
  const rate = s.purchaseRate * (p.version === "v2" ? 1.15 : 1);
  if (bernoulli(rng, rate)) {
    const quantity = 1 + poisson(rng, 0.4);
    events.push({
      id: `${p.id}-purchase`,
      model: p.model,
      predictionId: p.id,
      name: "purchase",
      value: round((p.features.price as number) * quantity, 2),
      timestamp: clickAt + Math.round(lognormal(rng, 8 * MINUTE_MS, 0.7)),
    });
  }
  return events;
}

/**
 * Everything the shop produces in [fromMs, toMs): a Poisson number of predictions per model at the
 * diurnal rate of the interval's midpoint, each with its label (for `labelRate` of them, arriving after a
 * lognormal delay) and, for clicked recommendations, click/purchase events. Ids derive from `fromMs`, so
 * intervals with distinct starts never collide and a replay of the same interval is idempotent.
 */
export function generateInterval(scenario: Scenario, fromMs: number, toMs: number, rng: Rng): Generated {
  const out: Generated = { predictions: [], labels: [], events: [] };
  const hours = (toMs - fromMs) / HOUR_MS;
  const total = ratePerHour(scenario, (fromMs + toMs) / 2) * hours;
  const variantWeights = Object.fromEntries(scenario.variants.map((v) => [v.variant, v.weight]));
  for (const [model, share] of Object.entries(scenario.share)) {
    const count = poisson(rng, total * share);
    const times = Array.from({ length: count }, () => fromMs + Math.floor(rng() * (toMs - fromMs))).sort(
      (a, b) => a - b,
    );
    times.forEach((t, i) => {
      const id = `${ID_PREFIX[model] ?? model}-${fromMs.toString(36)}-${i}`;
      let version = "v1";
      let variant: string | undefined;
      if (model === RECOMMENDER) {
        variant = weighted(rng, variantWeights);
        version = scenario.variants.find((v) => v.variant === variant)?.version ?? "v1";
      }
      const o = outcomeFor(rng, scenario, model, t, version);
      const p: SimPrediction = {
        id,
        model,
        version,
        timestamp: t,
        features: o.features,
        prediction: o.prediction,
        latencyMs: o.latencyMs,
      };
      if (o.score !== undefined) p.score = o.score;
      if (o.scores !== undefined) p.scores = o.scores;
      if (variant !== undefined) p.variant = variant;
      out.predictions.push(p);
      if (bernoulli(rng, scenario.labelRate)) {
        const delay = lognormal(rng, scenario.labelDelayMedianMs, scenario.labelDelaySigma);
        out.labels.push({ id, model, label: o.label, timestamp: t + Math.round(delay) });
      }
      if (model === RECOMMENDER && o.label === 1) out.events.push(...businessEvents(rng, scenario, p));
    });
  }
  return out;
}

/** One slot's rows, from a random stream that depends only on (seed, slot): any order of slots agrees. */
export function generateSlot(scenario: Scenario, seed: number, slotStartMs: number): Generated {
  const rng = mulberry32(deriveSeed(seed, Math.floor(slotStartMs / SLOT_MS)));
  return generateInterval(scenario, slotStartMs, slotStartMs + SLOT_MS, rng);
}

/** All slots that start in [fromMs, toMs), concatenated (fromMs should be slot-aligned). */
export function generateRange(scenario: Scenario, seed: number, fromMs: number, toMs: number): Generated {
  const out: Generated = { predictions: [], labels: [], events: [] };
  for (let t = fromMs; t < toMs; t += SLOT_MS) {
    const g = generateSlot(scenario, seed, t);
    out.predictions.push(...g.predictions);
    out.labels.push(...g.labels);
    out.events.push(...g.events);
  }
  return out;
}
