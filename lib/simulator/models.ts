// How each model of the scenario behaves: the hidden truth (what the user really does) and what the model
// predicts from the features. Quality differences between versions come from how noisy their view is.
import { bernoulli, clamp, lognormal, normal, poisson, type Rng, round, sigmoid, weighted } from "./random";
import { CATEGORIES, type Category, load, priceFactor, type Scenario } from "./scenario";

export type Features = Record<string, number | string>;

export interface Outcome<P, L> {
  features: Features;
  prediction: P;
  score?: number;
  scores?: Record<string, number>;
  latencyMs: number;
  label: L;
}

const COUNTRIES = { DE: 30, FR: 18, US: 20, GB: 14, ES: 10, IT: 8 } as const;
const DEVICES = { mobile: 58, desktop: 32, tablet: 10 } as const;
const DEVICE_CLICK_EFFECT: Record<string, number> = { mobile: 0.25, desktop: -0.1, tablet: 0 };

/** A shopper's session: the features every model sees. `price` is the recommended item's price in EUR. */
export function sampleShopper(rng: Rng, s: Scenario, t: number): Features {
  return {
    user_age: Math.round(clamp(normal(rng, 36, 12), 16, 85)),
    country: weighted(rng, COUNTRIES),
    device: weighted(rng, DEVICES),
    items_in_cart: poisson(rng, 1.6),
    price: round(lognormal(rng, 35, 0.5) * priceFactor(s, t), 2),
    session_minutes: round(lognormal(rng, 6, 0.8), 1),
  };
}

/** Serving latency: lognormal around the model's median, slower as the GPUs fill up at peak. */
function latency(rng: Rng, s: Scenario, t: number, medianMs: number): number {
  const saturation = 1 + 0.8 * load(s, t) ** 4;
  return round(lognormal(rng, medianMs, 0.35) * saturation, 1);
}

const RECOMMENDER_VERSIONS: Record<string, { noise: number; lift: number; latencyMs: number }> = {
  // v2 sees the user's intent more clearly (less noise) and recommends items users click more often (lift).
  v1: { noise: 1.55, lift: 0, latencyMs: 18 },
  v2: { noise: 0.8, lift: 0.15, latencyMs: 27 },
};

/**
 * Recommender (binary, positive class 1 = "clicked"). The truth is a logistic model of the features plus a
 * hidden intent; each version scores the same logit through its own noise. v1 was trained before the
 * price rise and extrapolates badly above ~50 EUR, so its noise grows with price: after the drift more
 * items are that expensive and v1's accuracy drops a little while v2 holds.
 */
export function recommend(rng: Rng, s: Scenario, t: number, version: string): Outcome<number, number> {
  const features = sampleShopper(rng, s, t);
  const v = RECOMMENDER_VERSIONS[version] ?? RECOMMENDER_VERSIONS.v1!;
  const price = features.price as number;
  const items = features.items_in_cart as number;
  const minutes = features.session_minutes as number;
  const intent = normal(rng, 0, 2.0);
  const logit =
    -0.75 +
    v.lift +
    0.3 * (items - 1.6) +
    0.45 * Math.log(minutes / 6) -
    0.6 * Math.log(price / 35) +
    (DEVICE_CLICK_EFFECT[features.device as string] ?? 0) +
    intent;
  const clicked = bernoulli(rng, sigmoid(logit)) ? 1 : 0;
  const outOfRange = version === "v1" ? 3 * clamp((price - 50) / 60, 0, 1) : 0;
  const score = round(sigmoid(logit + normal(rng, 0, v.noise + outOfRange)), 4);
  return {
    features,
    prediction: score >= 0.5 ? 1 : 0,
    score,
    latencyMs: latency(rng, s, t, v.latencyMs),
    label: clicked,
  };
}

/** Basket size (regression, EUR): the order value at checkout, predicted with ~15 % error. */
export function basketValue(rng: Rng, s: Scenario, t: number): Outcome<number, number> {
  const features = sampleShopper(rng, s, t);
  const items = Math.max(1, features.items_in_cart as number);
  features.items_in_cart = items;
  const expected = items * (features.price as number) * (features.device === "desktop" ? 1.1 : 1);
  const actual = round(expected * lognormal(rng, 1, 0.25), 2);
  const predicted = round(expected * lognormal(rng, 1.02, 0.15), 2);
  return {
    features,
    prediction: predicted,
    latencyMs: latency(rng, s, t, 8),
    label: actual,
  };
}

const CATEGORY_BASE: Record<Category, number> = { electronics: 0.2, fashion: 0.2, home: 0, sports: -0.4 };

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

function sampleIndex(rng: Rng, probabilities: number[]): number {
  let r = rng();
  for (let i = 0; i < probabilities.length; i++) {
    r -= probabilities[i]!;
    if (r < 0) return i;
  }
  return probabilities.length - 1;
}

/** Category router (multiclass): which shop section a search query belongs to, with per-class scores. */
export function routeCategory(rng: Rng, s: Scenario, t: number): Outcome<Category, Category> {
  const shopper = sampleShopper(rng, s, t);
  const age = shopper.user_age as number;
  const features: Features = {
    user_age: age,
    country: shopper.country as string,
    device: shopper.device as string,
    query_tokens: 1 + poisson(rng, 2.5),
  };
  const young = (40 - age) / 20;
  const truth = CATEGORIES.map(
    (c) =>
      CATEGORY_BASE[c] +
      (c === "electronics" || c === "sports" ? 0.5 * young : -0.3 * young) +
      normal(rng, 0, 2.0),
  );
  const actual = CATEGORIES[sampleIndex(rng, softmax(truth))]!;
  const seen = softmax(truth.map((l) => l + normal(rng, 0, 0.6)));
  const rounded = roundToSumOne(seen, 4);
  const scores: Record<string, number> = {};
  CATEGORIES.forEach((c, i) => {
    scores[c] = rounded[i]!;
  });
  const best = seen.indexOf(Math.max(...seen));
  return {
    features,
    prediction: CATEGORIES[best]!,
    scores,
    latencyMs: latency(rng, s, t, 12),
    label: actual,
  };
}

/**
 * Rounds probabilities to `digits` decimals keeping their sum exactly 1 (largest remainder), as a real
 * serving stack's softmax output would: rows that do not sum to 1 get no multiclass ROC AUC (scikit-learn
 * refuses them too).
 */
export function roundToSumOne(probabilities: number[], digits: number): number[] {
  const scale = 10 ** digits;
  const units = probabilities.map((p) => Math.floor(p * scale));
  let missing = scale - units.reduce((a, b) => a + b, 0);
  const byRemainder = probabilities
    .map((p, i) => ({ i, rest: p * scale - Math.floor(p * scale) }))
    .sort((a, b) => b.rest - a.rest);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    units[i]! += 1;
    missing -= 1;
  }
  return units.map((u) => u / scale);
}
