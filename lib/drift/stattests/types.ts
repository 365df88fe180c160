// Types shared by the drift stat tests, and the normalisation every test applies to its inputs.

export type { ColumnType } from "../stattest-names";

import type { StatTestName } from "../stattest-names";

export type { StatTestName };

/**
 * Non-missing numerical values (finite float64; −0 counts as 0), optionally with a weight (a count) per value:
 * a weighted sample stands for the sample in which each value is repeated `weight` times. `missing` is the
 * number of missing values the caller removed (NaN, ±Infinity), reported back as a share.
 */
export interface NumericSample {
  values: Float64Array;
  weights?: Float64Array;
  missing?: number;
}

/** Category → count (the caller stringifies values). Zero counts are ignored. */
export interface CategoricalSample {
  counts: Map<string, number>;
  missing?: number;
}

export interface StatTestResult {
  stattest: StatTestName;
  /** As Evidently reports it (drift_score): the p-value for ks/chisquare/z/tvd, else the distance. */
  statistic: number;
  /** The test's own statistic: KS D, chi², z, the observed TVD, or the distance (same as `statistic`). */
  testStatistic: number;
  /** The p-value for ks/chisquare/z/tvd; null for the distance tests. */
  pValue: number | null;
  threshold: number;
  drifted: boolean;
  /** missing / (non-missing + missing) of each sample; 0 when a sample has no rows at all. */
  referenceMissingShare: number;
  currentMissingShare: number;
}

/** A numeric sample after validation: zero weights dropped, all-ones weights dropped, total = Σ weights. */
export interface Numeric {
  values: Float64Array;
  weights: Float64Array | null;
  total: number;
}

export function isNumericSample(s: NumericSample | CategoricalSample): s is NumericSample {
  return (s as NumericSample).values instanceof Float64Array;
}

export function isCategoricalSample(s: NumericSample | CategoricalSample): s is CategoricalSample {
  return (s as CategoricalSample).counts instanceof Map;
}

/** Validates a numeric sample and drops zero weights (a zero-weight value is absent from the sample). */
export function normalizeNumeric(sample: NumericSample, label: string): Numeric {
  const { values, weights } = sample;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new Error(
        `${label}: value ${values[i]} at index ${i} is not finite; pass NaN/±Infinity as missing values`,
      );
    }
  }
  if (!weights) return { values, weights: null, total: n };
  if (weights.length !== n) {
    throw new Error(`${label}: ${weights.length} weights for ${n} values`);
  }
  let total = 0;
  let zeros = 0;
  let ones = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`${label}: weight ${w} at index ${i} is not >= 0`);
    total += w;
    if (w === 0) zeros++;
    else if (w === 1) ones++;
  }
  if (ones === n) return { values, weights: null, total: n };
  if (zeros === 0) return { values, weights, total };
  const v = new Float64Array(n - zeros);
  const w = new Float64Array(n - zeros);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (weights[i]! > 0) {
      v[k] = values[i]!;
      w[k] = weights[i]!;
      k++;
    }
  }
  return { values: v, weights: w, total };
}

/** Validates category counts; returns the positive ones (insertion order kept) and their total. */
export function normalizeCounts(
  sample: CategoricalSample,
  label: string,
): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const [k, c] of sample.counts) {
    if (!(c >= 0) || !Number.isFinite(c)) throw new Error(`${label}: count ${c} for "${k}" is not >= 0`);
    if (c > 0) {
      counts.set(k, c);
      total += c;
    }
  }
  return { counts, total };
}

export function missingShare(missing: number | undefined, present: number, label: string): number {
  const m = missing ?? 0;
  if (!(m >= 0) || !Number.isFinite(m)) throw new Error(`${label}: missing count ${m} is not >= 0`);
  return m + present === 0 ? 0 : m / (m + present);
}

/** Python's sorted() order for str: by code point (JS' default sort compares UTF-16 code units). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      // A surrogate (astral code point, >= U+10000) sorts after any BMP character at or above U+E000.
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}
