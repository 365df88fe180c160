// Serving latency as logged with each prediction (Prediction.latencyMs): time buckets of a fixed step, and per
// bucket and version the count and the 50th, 95th and 99th percentiles — linear interpolation between closest
// ranks, numpy's default `percentile` (pinned by tests/fixtures/serving/latency.json). Pure: the read path feeds
// rows in time order and gets finished buckets back, so only one bucket's values per version are held at once.

/** At most this many buckets per request (the chart has far fewer pixels). */
export const MAX_LATENCY_BUCKETS = 2000;

export const LATENCY_QUANTILES = [0.5, 0.95, 0.99] as const;

export interface LatencyPoint {
  /** Bucket start, ISO-8601: the bucket holds predictions with t ≤ ts < t + step. */
  t: string;
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * The q-th quantile (0 ≤ q ≤ 1) of values already sorted ascending: numpy.percentile(values, 100·q) with its
 * default linear method. NaN for an empty array.
 */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  if (a === b) return a;
  // numpy's _lerp, operation for operation (it interpolates from the nearer end), so results agree to the bit.
  const frac = pos - lo;
  const diff = b - a;
  return frac >= 0.5 ? b - diff * (1 - frac) : a + diff * frac;
}

/** Quantiles of unsorted values (the input is not changed). */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return qs.map((q) => sortedQuantile(sorted, q));
}

/** Number of buckets of `stepMs` that cover [from, to). */
export function bucketCount(fromMs: number, toMs: number, stepMs: number): number {
  return Math.max(0, Math.ceil((toMs - fromMs) / stepMs));
}

/** One bucket's point from its values (at least one). */
export function latencyPoint(startMs: number, values: ArrayLike<number>): LatencyPoint {
  const [p50, p95, p99] = quantiles(values, LATENCY_QUANTILES) as [number, number, number];
  return { t: new Date(startMs).toISOString(), count: values.length, p50, p95, p99 };
}

interface OpenBucket {
  index: number;
  values: number[];
}

/**
 * Buckets latencies per series (a version) over [from, to) with buckets at from + k·step. Rows must be added in
 * ascending time order per series; a series' bucket is finished as soon as a later one starts. Points come out
 * sorted by time per series; buckets without a row are left out (a gap in the chart).
 */
export class LatencyBuckets<K> {
  private readonly open = new Map<K, OpenBucket>();
  private readonly done = new Map<K, LatencyPoint[]>();

  constructor(
    private readonly fromMs: number,
    private readonly toMs: number,
    private readonly stepMs: number,
  ) {}

  add(series: K, tsMs: number, latencyMs: number): void {
    if (!Number.isFinite(latencyMs) || tsMs < this.fromMs || tsMs >= this.toMs) return;
    const index = Math.floor((tsMs - this.fromMs) / this.stepMs);
    const current = this.open.get(series);
    if (current && current.index === index) {
      current.values.push(latencyMs);
      return;
    }
    if (current) {
      if (index < current.index) throw new Error("latency rows must come in ascending time order");
      this.close(series, current);
    }
    this.open.set(series, { index, values: [latencyMs] });
  }

  /** Every series' points; call once, after the last row. */
  finish(): Map<K, LatencyPoint[]> {
    for (const [series, bucket] of this.open) this.close(series, bucket);
    this.open.clear();
    return this.done;
  }

  private close(series: K, bucket: OpenBucket): void {
    const list = this.done.get(series) ?? [];
    list.push(latencyPoint(this.fromMs + bucket.index * this.stepMs, bucket.values));
    this.done.set(series, list);
  }
}
