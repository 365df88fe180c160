// The reference scenario (DESIGN.md): an e-commerce shop with a click recommender in an A/B test, a basket
// value regressor and a category router; diurnal traffic, late labels, and a price drift mid-history.
import { clamp } from "./random";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const MINUTE_MS = 60_000;

export const RECOMMENDER = "recommender";
export const BASKET = "basket-size";
export const ROUTER = "category-router";
export const CATEGORIES = ["electronics", "fashion", "home", "sports"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Scenario {
  /** Start of the history (the backfill's first instant). */
  originMs: number;
  /** `price` starts rising here (day 4 of a 7-day history) and reaches its new level `priceDriftRampMs` later. */
  driftStartMs: number;
  priceDriftRampMs: number;
  /** Mean price multiplier once the drift is complete (1.3 = +30 %). */
  priceDriftFactor: number;
  /** Predictions per hour across all models at the evening peak. */
  peakPerHour: number;
  /** UTC hour with the most traffic, and how much busier it is than the quietest hour. */
  peakHourUtc: number;
  peakToTrough: number;
  /** Fraction of traffic per model. */
  share: Readonly<Record<string, number>>;
  /** A/B test of the recommender: variant → version and the fraction of users in it. */
  variants: ReadonlyArray<{ variant: string; version: string; weight: number }>;
  /** Fraction of predictions that ever get a label, and how late labels arrive (lognormal). */
  labelRate: number;
  labelDelayMedianMs: number;
  labelDelaySigma: number;
  /** Fraction of clicks that end in a purchase. */
  purchaseRate: number;
}

export interface ScenarioOptions {
  nowMs: number;
  days?: number;
  /** Multiplies traffic; tests use less than 1 to stay fast. */
  rateScale?: number;
}

/**
 * The demo's scenario for a history of `days` ending at `nowMs`. The origin is aligned to the minute so
 * that runs started within the same minute produce the same rows (ids are derived from slot times).
 */
export function demoScenario({ nowMs, days = 7, rateScale = 1 }: ScenarioOptions): Scenario {
  const originMs = Math.floor((nowMs - days * DAY_MS) / MINUTE_MS) * MINUTE_MS;
  return {
    originMs,
    // Day 4 of 7: three sevenths into the history, whatever its length.
    driftStartMs: originMs + Math.round(((days * 3) / 7) * DAY_MS),
    priceDriftRampMs: 6 * HOUR_MS,
    priceDriftFactor: 1.3,
    // 2350/h at peak with a ×4 swing is ~1470/h on average: ~247k predictions for 7 days.
    peakPerHour: 2350 * rateScale,
    peakHourUtc: 20,
    peakToTrough: 4,
    share: { [RECOMMENDER]: 0.6, [BASKET]: 0.2, [ROUTER]: 0.2 },
    variants: [
      { variant: "A", version: "v1", weight: 0.7 },
      { variant: "B", version: "v2", weight: 0.3 },
    ],
    labelRate: 0.85,
    labelDelayMedianMs: 20 * MINUTE_MS,
    labelDelaySigma: 1.1,
    purchaseRate: 0.15,
  };
}

/** Amplitude of the daily sinusoid that gives the requested peak/trough ratio: (1+a)/(1-a) = ratio. */
function amplitude(s: Scenario): number {
  return (s.peakToTrough - 1) / (s.peakToTrough + 1);
}

/** Total predictions per hour at time `t`: a sinusoid over the UTC day, highest at `peakHourUtc`. */
export function ratePerHour(s: Scenario, t: number): number {
  const a = amplitude(s);
  const hour = (t % DAY_MS) / HOUR_MS;
  const mean = s.peakPerHour / (1 + a);
  return mean * (1 + a * Math.cos((2 * Math.PI * (hour - s.peakHourUtc)) / 24));
}

/** Traffic relative to the peak, 0..1: drives latency (the serving GPUs saturate in the evening). */
export function load(s: Scenario, t: number): number {
  return clamp(ratePerHour(s, t) / s.peakPerHour, 0, 1);
}

/** Price multiplier at time `t`: 1 before the drift, ramping linearly to `priceDriftFactor`. */
export function priceFactor(s: Scenario, t: number): number {
  const progress = clamp((t - s.driftStartMs) / s.priceDriftRampMs, 0, 1);
  return 1 + (s.priceDriftFactor - 1) * progress;
}
