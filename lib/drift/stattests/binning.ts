// Evidently's binning (evidently/legacy/calculations/stattests/utils.py, get_binned_data) and numpy's
// histogram pieces it relies on (numpy/lib/histograms.py: histogram_bin_edges(bins="sturges"), histogram with
// explicit edges; numpy/core/function_base.py: linspace).
//
// get_binned_data(reference, current, type, n, feel_zeroes):
// - numerical column with more than 20 distinct reference values: edges = histogram_bin_edges(concat(reference,
//   current), "sturges"); shares = histogram counts / sample size;
// - otherwise: shares per distinct value over the union of both samples' values (count / sample size);
// - feel_zeroes (psi, kl_div; not jensenshannon): each sample's zero shares become min(non-zero share) / 1e6
//   when that minimum is <= 0.0001, else 0.0001.
//
// Weighted samples are binned as their expansion (each value repeated `weight` times): Sturges' rule uses
// x.size = Σ weights, histogram counts add weights, shares divide by Σ weights.
//
// Overflow: numpy cannot bin data whose range max − min overflows (±1e308: histogram_bin_edges computes NaN bins
// and raises). Vigil then bins the data scaled by 1/2 — an exact operation that leaves every share as numpy
// would compute it with an unbounded exponent.

import { compareCodePoints, type Numeric } from "./types";

/** Evidently's switch: histogram binning when the reference has more than this many distinct values. */
export const HISTOGRAM_MIN_REFERENCE_UNIQUE = 20;

export interface Edges {
  /** Bin edges in scaled units (value × scale). */
  edges: Float64Array;
  /** 1, or 1/2 when the data range overflows a double. */
  scale: number;
}

/** Distinct values (−0 merged with 0) with their total weight. */
export function numericCounts(x: Numeric): Map<number, number> {
  const counts = new Map<number, number>();
  const { values, weights } = x;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]! === 0 ? 0 : values[i]!;
    counts.set(v, (counts.get(v) ?? 0) + (weights ? weights[i]! : 1));
  }
  return counts;
}

/** Number of distinct values, counting stops once it exceeds `cap`. */
export function countUniqueUpTo(x: Numeric, cap: number): number {
  const seen = new Set<number>();
  const { values } = x;
  for (let i = 0; i < values.length; i++) {
    seen.add(values[i]!);
    if (seen.size > cap) break;
  }
  return seen.size;
}

/** np.linspace(first, last, num) with endpoint=True, float64. */
export function linspace(first: number, last: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = last - first;
  if (div > 0) {
    const step = delta / div;
    if (step === 0) {
      for (let i = 0; i < num; i++) out[i] = (i / div) * delta + first;
    } else {
      for (let i = 0; i < num; i++) out[i] = i * step + first;
    }
    out[num - 1] = last;
  } else if (num === 1) {
    out[0] = first;
  }
  return out;
}

function minMax(samples: readonly Numeric[]): { min: number; max: number; size: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let size = 0;
  for (const s of samples) {
    const v = s.values;
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    size += s.total;
  }
  return { min, max, size };
}

/** np.histogram_bin_edges(concat(samples), bins="sturges"), with the overflow rule above. */
export function sturgesEdges(samples: readonly Numeric[]): Edges {
  const mm = minMax(samples);
  if (mm.size === 0) return { edges: linspace(0, 1, 2), scale: 1 };
  const scale = Number.isFinite(mm.max - mm.min) ? 1 : 0.5;
  let first = mm.min * scale;
  let last = mm.max * scale;
  const ptp = last - first;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = ptp / (Math.log2(mm.size) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  return { edges: linspace(first, last, bins + 1), scale };
}

/**
 * np.histogram(x, edges)[0] (weighted: summed weights): bin i holds edges[i] <= v < edges[i+1], the last bin
 * also v == edges[last]; values outside the edges are not counted (as numpy's searchsorted path).
 */
export function histogram(x: Numeric, e: Edges): Float64Array {
  const { edges, scale } = e;
  const bins = edges.length - 1;
  const counts = new Float64Array(Math.max(bins, 0));
  if (bins < 1) return counts;
  const first = edges[0]!;
  const last = edges[bins]!;
  const step = (last - first) / bins;
  const guess = step > 0 && Number.isFinite(step);
  const { values, weights } = x;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]! * scale;
    if (v < first || v > last) continue;
    let i = guess ? Math.floor((v - first) / step) : 0;
    if (i < 0) i = 0;
    else if (i > bins - 1) i = bins - 1;
    while (i > 0 && v < edges[i]!) i--;
    while (i < bins - 1 && v >= edges[i + 1]!) i++;
    counts[i]! += weights ? weights[k]! : 1;
  }
  return counts;
}

/** Shares per key over the sorted union of keys (count / sample size; 0 where a sample lacks the key). */
export function keyedShares<K>(
  ref: Map<K, number>,
  refTotal: number,
  cur: Map<K, number>,
  curTotal: number,
  compare: (a: K, b: K) => number,
): { keys: K[]; reference: Float64Array; current: Float64Array } {
  const union = new Set<K>(ref.keys());
  for (const k of cur.keys()) union.add(k);
  const keys = [...union].sort(compare);
  const reference = new Float64Array(keys.length);
  const current = new Float64Array(keys.length);
  keys.forEach((k, i) => {
    reference[i] = (ref.get(k) ?? 0) / refTotal;
    current[i] = (cur.get(k) ?? 0) / curTotal;
  });
  return { keys, reference, current };
}

/** Evidently's zero-share replacement (np.place in get_binned_data), in place. */
export function fillZeroShares(shares: Float64Array): void {
  let minNonZero = Number.POSITIVE_INFINITY;
  let zeros = 0;
  for (let i = 0; i < shares.length; i++) {
    const s = shares[i]!;
    if (s === 0) zeros++;
    else if (s < minNonZero) minNonZero = s;
  }
  if (zeros === 0 || minNonZero === Number.POSITIVE_INFINITY) return;
  const fill = minNonZero <= 0.0001 ? minNonZero / 1e6 : 0.0001;
  for (let i = 0; i < shares.length; i++) if (shares[i] === 0) shares[i] = fill;
}

export const compareNumbers = (a: number, b: number): number => a - b;

export type BinnedInput =
  | { type: "numerical"; reference: Numeric; current: Numeric }
  | {
      type: "categorical";
      reference: { counts: Map<string, number>; total: number };
      current: { counts: Map<string, number>; total: number };
    };

/** get_binned_data: the reference and current shares per bin or per value. */
export function binnedShares(
  input: BinnedInput,
  fillZeroes: boolean,
): { reference: Float64Array; current: Float64Array } {
  let reference: Float64Array;
  let current: Float64Array;
  if (input.type === "numerical") {
    const { reference: r, current: c } = input;
    if (countUniqueUpTo(r, HISTOGRAM_MIN_REFERENCE_UNIQUE) > HISTOGRAM_MIN_REFERENCE_UNIQUE) {
      const edges = sturgesEdges([r, c]);
      reference = histogram(r, edges);
      current = histogram(c, edges);
      for (let i = 0; i < reference.length; i++) reference[i]! /= r.total;
      for (let i = 0; i < current.length; i++) current[i]! /= c.total;
    } else {
      ({ reference, current } = keyedShares(
        numericCounts(r),
        r.total,
        numericCounts(c),
        c.total,
        compareNumbers,
      ));
    }
  } else {
    const { reference: r, current: c } = input;
    ({ reference, current } = keyedShares(r.counts, r.total, c.counts, c.total, compareCodePoints));
  }
  if (fillZeroes) {
    fillZeroShares(reference);
    fillZeroShares(current);
  }
  return { reference, current };
}
