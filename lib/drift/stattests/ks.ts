// Kolmogorov–Smirnov, as Evidently's "ks" (evidently/legacy/calculations/stattests/ks_stattest.py):
// p_value = scipy.stats.ks_2samp(reference, current)[1] (two-sided, method "auto"); drift when p <= threshold
// (default 0.05). Numerical columns only.
//
// Weighted samples: the ECDF of a weighted sample is F(x) = Σ_{v <= x} w / Σ w, D = max |F_ref − F_cur| and the
// sample sizes are n = Σ w, which equals ks_2samp on the expanded samples. The exact method needs integral sizes;
// with non-integral Σ w the asymptotic method is used.

import { type KsPValue, ks2sampPValue } from "./scipy-ks";
import type { Numeric } from "./types";

/** Sorted values with their weights (null when unweighted). */
export interface Sorted {
  values: Float64Array;
  weights: Float64Array | null;
  total: number;
}

/**
 * Ascending copy of a float64 array (same order as Float64Array.prototype.sort: −0 before +0): an LSD radix
 * sort on the IEEE bit patterns, 4 passes of 16 bits (passes where every key has the same digit are skipped).
 * About twice as fast as the built-in sort on 1M values; small arrays use the built-in sort.
 */
export function sortFloat64(src: Float64Array): Float64Array {
  const n = src.length;
  if (n < 4096) return Float64Array.from(src).sort();
  let a = Float64Array.from(src);
  let b = new Float64Array(n);
  let au = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  let bu = new Uint32Array(b.buffer, b.byteOffset, 2 * n);
  const c0 = new Uint32Array(65536);
  const c1 = new Uint32Array(65536);
  const c2 = new Uint32Array(65536);
  const c3 = new Uint32Array(65536);
  // Map each double to an unsigned 64-bit key (words lo, hi; little-endian) ordered like the doubles.
  for (let j = 0; j < 2 * n; j += 2) {
    let lo = au[j]!;
    let hi = au[j + 1]!;
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
      au[j] = lo;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    au[j + 1] = hi;
    c0[lo & 0xffff]!++;
    c1[lo >>> 16]!++;
    c2[hi & 0xffff]!++;
    c3[hi >>> 16]!++;
  }
  const counts = [c0, c1, c2, c3];
  for (let pass = 0; pass < 4; pass++) {
    const c = counts[pass]!;
    let single = false;
    for (let d = 0; d < 65536; d++) {
      const v = c[d]!;
      if (v === n) single = true;
      if (v !== 0) break;
    }
    if (single) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const v = c[d]!;
      c[d] = sum;
      sum += v;
    }
    const high = pass >= 2;
    const shift = pass % 2 === 0 ? 0 : 16;
    for (let j = 0; j < 2 * n; j += 2) {
      const lo = au[j]!;
      const hi = au[j + 1]!;
      const d = ((high ? hi : lo) >>> shift) & 0xffff;
      const k = c[d]!++ * 2;
      bu[k] = lo;
      bu[k + 1] = hi;
    }
    [a, b] = [b, a];
    [au, bu] = [bu, au];
  }
  for (let j = 0; j < 2 * n; j += 2) {
    const hi = au[j + 1]!;
    if (hi & 0x80000000) {
      au[j + 1] = hi & 0x7fffffff;
    } else {
      au[j + 1] = ~hi;
      au[j] = ~au[j]!;
    }
  }
  return a;
}

export function sortNumeric(x: Numeric): Sorted {
  if (!x.weights) return { values: sortFloat64(x.values), weights: null, total: x.total };
  const n = x.values.length;
  const src = x.values;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => src[a]! - src[b]!);
  const values = new Float64Array(n);
  const weights = new Float64Array(n);
  const w = x.weights;
  for (let i = 0; i < n; i++) {
    values[i] = src[idx[i]!]!;
    weights[i] = w[idx[i]!]!;
  }
  return { values, weights, total: x.total };
}

/**
 * Unweighted D with integer bookkeeping: scipy's float cdf1 − cdf2 = i/n1 − j/n2 is only evaluated where the
 * exact difference i·n2 − j·n1 reaches a new extreme (ties between equal rationals keep the larger float, as
 * scipy's argmax over the floats would). Needs n1·n2 < 2^53.
 */
function ksStatisticCounts(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let hiK = Number.NEGATIVE_INFINITY;
  let hiF = Number.NEGATIVE_INFINITY;
  let loK = Number.POSITIVE_INFINITY;
  let loF = Number.POSITIVE_INFINITY;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < n1 && a[i]! <= v) i++;
    while (j < n2 && b[j]! <= v) j++;
    const k = i * n2 - j * n1;
    if (k >= hiK) {
      const f = i / n1 - j / n2;
      if (k > hiK || f > hiF) hiF = f;
      hiK = k;
    }
    if (k <= loK) {
      const f = i / n1 - j / n2;
      if (k < loK || f < loF) loF = f;
      loK = k;
    }
  }
  return Math.max(Math.min(Math.max(-loF, 0), 1), hiF);
}

/** The two-sided KS statistic D (scipy's cdf1 − cdf2 evaluated at every observation, max |·|). */
export function ksStatistic(a: Sorted, b: Sorted): number {
  if (!a.weights && !b.weights && a.values.length * b.values.length < 2 ** 53) {
    return ksStatisticCounts(a.values, b.values);
  }
  const av = a.values;
  const bv = b.values;
  const aw = a.weights;
  const bw = b.weights;
  const n1 = av.length;
  const n2 = bv.length;
  const t1 = a.total;
  const t2 = b.total;
  let i = 0;
  let j = 0;
  let c1 = 0;
  let c2 = 0;
  let maxS = Number.NEGATIVE_INFINITY;
  let minS = Number.POSITIVE_INFINITY;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && av[i]! <= bv[j]!) ? av[i]! : bv[j]!;
    if (aw) {
      while (i < n1 && av[i]! <= v) c1 += aw[i++]!;
    } else {
      while (i < n1 && av[i]! <= v) i++;
      c1 = i;
    }
    if (bw) {
      while (j < n2 && bv[j]! <= v) c2 += bw[j++]!;
    } else {
      while (j < n2 && bv[j]! <= v) j++;
      c2 = j;
    }
    const diff = c1 / t1 - c2 / t2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  return Math.max(Math.min(Math.max(-minS, 0), 1), maxS);
}

export interface KsResult extends KsPValue {}

export function ksTest(reference: Numeric, current: Numeric): KsResult {
  const d = ksStatistic(sortNumeric(reference), sortNumeric(current));
  return ks2sampPValue(d, reference.total, current.total);
}
