// Label delays of a window as a mergeable sketch, so an hour's percentiles come from its 5-minute buckets and a
// day's from its hours without rereading raw rows. Exact (numpy's linear percentile) while a window holds at most
// DELAY_EXACT_CAP labeled predictions; past that, log buckets whose representative is within
// DELAY_RELATIVE_ACCURACY of every delay in them (the scheme of DDSketch), so a percentile is off by at most 1 %.
import { percentile } from "./samples";

export const DELAY_EXACT_CAP = 1024;
export const DELAY_RELATIVE_ACCURACY = 0.01;
/** Delays below this (seconds) count as zero: the log buckets need a positive floor. */
const ZERO_BELOW = 1e-3;
const GAMMA = (1 + DELAY_RELATIVE_ACCURACY) / (1 - DELAY_RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);

export interface DelaySketch {
  /** Every delay while there are at most DELAY_EXACT_CAP; null once bucketed. */
  exact: number[] | null;
  /** Bucketed: delays below ZERO_BELOW. */
  zero: number;
  /** Bucketed: bucket index (ceil(log_γ delay)) → count. */
  buckets: Record<string, number>;
}

export function emptyDelaySketch(): DelaySketch {
  return { exact: [], zero: 0, buckets: {} };
}

function bucketIndex(delay: number): number {
  return Math.ceil(Math.log(delay) / LOG_GAMMA);
}

function addBucketed(s: DelaySketch, delay: number, by = 1): void {
  if (delay < ZERO_BELOW) {
    s.zero += by;
    return;
  }
  const key = String(bucketIndex(delay));
  s.buckets[key] = (s.buckets[key] ?? 0) + by;
}

/** Turns an exact sketch into buckets (in place). */
function toBuckets(s: DelaySketch): void {
  if (s.exact === null) return;
  const values = s.exact;
  s.exact = null;
  for (const v of values) addBucketed(s, v);
}

export function addDelay(s: DelaySketch, delaySeconds: number): void {
  if (!Number.isFinite(delaySeconds) || delaySeconds < 0) return;
  if (s.exact !== null && s.exact.length < DELAY_EXACT_CAP) {
    s.exact.push(delaySeconds);
    return;
  }
  toBuckets(s);
  addBucketed(s, delaySeconds);
}

/** Adds `from` into `into` (in place); `from` is not modified. */
export function mergeDelaySketchInto(into: DelaySketch, from: DelaySketch): void {
  if (
    into.exact !== null &&
    from.exact !== null &&
    into.exact.length + from.exact.length <= DELAY_EXACT_CAP
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

export function delayCount(s: DelaySketch): number {
  if (s.exact !== null) return s.exact.length;
  let n = s.zero;
  for (const key of Object.keys(s.buckets)) n += s.buckets[key] ?? 0;
  return n;
}

/** The q-quantile (0..1): exact while the sketch is, else the representative of the bucket holding rank q·(n−1). */
export function delayPercentile(s: DelaySketch, q: number): number | null {
  if (s.exact !== null) return percentile(s.exact, q);
  const n = delayCount(s);
  if (n === 0) return null;
  const rank = Math.floor(q * (n - 1));
  if (rank < s.zero) return 0;
  let seen = s.zero;
  const indexes = Object.keys(s.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  for (const i of indexes) {
    seen += s.buckets[String(i)] ?? 0;
    // Every delay in bucket i lies in (γ^(i−1), γ^i]; 2γ^i/(γ+1) is within the relative accuracy of all of them.
    if (rank < seen) return (2 * GAMMA ** i) / (GAMMA + 1);
  }
  return null;
}

export function parseDelaySketch(text: string | null): DelaySketch {
  if (!text) return emptyDelaySketch();
  const parsed = JSON.parse(text) as Partial<DelaySketch>;
  return {
    exact: Array.isArray(parsed.exact) ? parsed.exact : null,
    zero: typeof parsed.zero === "number" ? parsed.zero : 0,
    buckets: parsed.buckets && typeof parsed.buckets === "object" ? parsed.buckets : {},
  };
}
