// Non-negative quantities of a window (label delays, shadow latencies) as a mergeable sketch, so an hour's
// percentiles come from its 5-minute buckets and a day's from its hours without rereading raw rows. Exact (numpy's
// linear percentile) while a window holds at most QUANTILE_EXACT_CAP values; past that, log buckets whose
// representative is within QUANTILE_RELATIVE_ACCURACY of every value in them (the scheme of DDSketch), so a
// percentile is off by at most 1 %.
import { percentile } from "./samples";

export const QUANTILE_EXACT_CAP = 1024;
export const QUANTILE_RELATIVE_ACCURACY = 0.01;
/** Values below this count as zero once bucketed: the log buckets need a positive floor. */
const ZERO_BELOW = 1e-3;
const GAMMA = (1 + QUANTILE_RELATIVE_ACCURACY) / (1 - QUANTILE_RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);

export interface QuantileSketch {
  /** Every value while there are at most QUANTILE_EXACT_CAP; null once bucketed. */
  exact: number[] | null;
  /** Bucketed: values below ZERO_BELOW. */
  zero: number;
  /** Bucketed: bucket index (ceil(log_γ value)) → count. */
  buckets: Record<string, number>;
}

export function emptyQuantileSketch(): QuantileSketch {
  return { exact: [], zero: 0, buckets: {} };
}

function bucketIndex(value: number): number {
  return Math.ceil(Math.log(value) / LOG_GAMMA);
}

function addBucketed(s: QuantileSketch, value: number): void {
  if (value < ZERO_BELOW) {
    s.zero += 1;
    return;
  }
  const key = String(bucketIndex(value));
  s.buckets[key] = (s.buckets[key] ?? 0) + 1;
}

/** Turns an exact sketch into buckets (in place). */
function toBuckets(s: QuantileSketch): void {
  if (s.exact === null) return;
  const values = s.exact;
  s.exact = null;
  for (const v of values) addBucketed(s, v);
}

export function addToSketch(s: QuantileSketch, value: number): void {
  if (!Number.isFinite(value) || value < 0) return;
  if (s.exact !== null && s.exact.length < QUANTILE_EXACT_CAP) {
    s.exact.push(value);
    return;
  }
  toBuckets(s);
  addBucketed(s, value);
}

/** Adds `from` into `into` (in place); `from` is not modified. */
export function mergeQuantileSketchInto(into: QuantileSketch, from: QuantileSketch): void {
  if (
    into.exact !== null &&
    from.exact !== null &&
    into.exact.length + from.exact.length <= QUANTILE_EXACT_CAP
  ) {
    into.exact.push(...from.exact);
    return;
  }
  toBuckets(into);
  if (from.exact !== null) {
    for (const v of from.exact) addBucketed(into, v);
    return;
  }
  into.zero += from.zero;
  for (const key of Object.keys(from.buckets))
    into.buckets[key] = (into.buckets[key] ?? 0) + (from.buckets[key] ?? 0);
}

export function sketchCount(s: QuantileSketch): number {
  if (s.exact !== null) return s.exact.length;
  let n = s.zero;
  for (const key of Object.keys(s.buckets)) n += s.buckets[key] ?? 0;
  return n;
}

/** The q-quantile (0..1): exact while the sketch is, else the representative of the bucket holding rank q·(n−1). */
export function sketchQuantile(s: QuantileSketch, q: number): number | null {
  if (s.exact !== null) return percentile(s.exact, q);
  const n = sketchCount(s);
  if (n === 0) return null;
  const rank = Math.floor(q * (n - 1));
  if (rank < s.zero) return 0;
  let seen = s.zero;
  const indexes = Object.keys(s.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  for (const i of indexes) {
    seen += s.buckets[String(i)] ?? 0;
    // Every value in bucket i lies in (γ^(i−1), γ^i]; 2γ^i/(γ+1) is within the relative accuracy of all of them.
    if (rank < seen) return (2 * GAMMA ** i) / (GAMMA + 1);
  }
  return null;
}

export function parseQuantileSketch(text: string | null): QuantileSketch {
  if (!text) return emptyQuantileSketch();
  const parsed = JSON.parse(text) as Partial<QuantileSketch>;
  return {
    exact: Array.isArray(parsed.exact) ? parsed.exact : null,
    zero: typeof parsed.zero === "number" ? parsed.zero : 0,
    buckets: parsed.buckets && typeof parsed.buckets === "object" ? parsed.buckets : {},
  };
}
