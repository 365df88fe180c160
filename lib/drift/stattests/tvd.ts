// Total variation distance, as Evidently's "TVD" (evidently/legacy/calculations/stattests/tvd_stattest.py and
// permutation_test in utils.py). It is a permutation test, not a distance threshold:
//   observed = 0.5 · Σ |ref_count/len(ref) − cur_count/len(cur)| over the union of values;
//   np.random.seed(0); 1000 times: new_reference = np.random.choice(reference + current, len(reference),
//   replace=False), new_current = the rest, stat = TVD(new_reference, new_current);
//   p = #(observed <= stat) / 1000; drift when p < threshold (default 0.1). Categorical columns only.
//
// The permutation depends on row order. Vigil's samples are counts, so the rows are taken grouped: the
// reference's categories in the Map's insertion order, each repeated count times, then the current's likewise.
// On data in that order the p-value equals Evidently's. TVDs are computed as Evidently computes them (float
// shares, numpy's pairwise np.sum) because the comparison observed <= stat decides mathematical ties by their
// rounding: an exact rational comparison gives visibly different p-values (e.g. 0.529 instead of 0.523).
// Evidently sums in Python-set order (hash-seeded per process); Vigil in sorted key order — in the fixtures the
// two never differed. Counts must be integers. Cost: 1000 × (len(ref) + len(cur)) draws.

import type { Keyed } from "./keyed";
import { MT19937 } from "./mt19937";
import { compareCodePoints } from "./types";

/** numpy's pairwise summation (np.sum / np.add.reduce on a contiguous float64 array). */
export function numpySum(a: Float64Array, start = 0, n = a.length): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= 128) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let j = 0; j < 8; j++) r[j] = a[start + j]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j]! += a[start + i + j]!;
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpySum(a, start, n2) + numpySum(a, start + n2, n - n2);
}

export const TVD_ITERATIONS = 1000;
export const TVD_SEED = 0;

export function tvdTest(reference: Keyed<string>, current: Keyed<string>): { tvd: number; pValue: number } {
  const R = reference.total;
  const C = current.total;
  if (!Number.isInteger(R) || !Number.isInteger(C)) {
    throw new Error("tvd: the permutation test needs integer category counts");
  }
  const index = new Map<string, number>();
  const keys: string[] = [];
  for (const k of [...reference.counts.keys(), ...current.counts.keys()]) {
    if (!index.has(k)) {
      index.set(k, keys.length);
      keys.push(k);
    }
  }
  const K = keys.length;
  const r = new Float64Array(K);
  const c = new Float64Array(K);
  for (const [k, n] of reference.counts) {
    if (!Number.isInteger(n)) throw new Error(`tvd: count ${n} for "${k}" is not an integer`);
    r[index.get(k)!] = n;
  }
  for (const [k, n] of current.counts) {
    if (!Number.isInteger(n)) throw new Error(`tvd: count ${n} for "${k}" is not an integer`);
    c[index.get(k)!] = n;
  }
  // TVD as Evidently computes it: 0.5 * np.sum(np.abs(r / R - c / C)), keys sorted.
  const order = [...keys].sort(compareCodePoints).map((k) => index.get(k)!);
  const terms = new Float64Array(K);
  const tvdOf = (rv: Float64Array, cv: Float64Array): number => {
    for (let t = 0; t < K; t++) {
      const i = order[t]!;
      terms[t] = Math.abs(rv[i]! / R - cv[i]! / C);
    }
    return 0.5 * numpySum(terms);
  };
  const tvd = tvdOf(r, c);

  const N = R + C;
  const codes = new Int32Array(N);
  let p = 0;
  for (const sample of [reference.counts, current.counts]) {
    for (const [k, n] of sample) {
      codes.fill(index.get(k)!, p, p + n);
      p += n;
    }
  }
  const totals = new Float64Array(K);
  for (let i = 0; i < K; i++) totals[i] = r[i]! + c[i]!;

  const rng = new MT19937(TVD_SEED);
  const arr = new Int32Array(N);
  const counts = new Float64Array(K);
  const rest = new Float64Array(K);
  let hits = 0;
  for (let it = 0; it < TVD_ITERATIONS; it++) {
    arr.set(codes);
    rng.shuffle(arr);
    counts.fill(0);
    for (let i = 0; i < R; i++) counts[arr[i]!]! += 1;
    for (let i = 0; i < K; i++) rest[i] = totals[i]! - counts[i]!;
    if (tvd <= tvdOf(counts, rest)) hits++;
  }
  return { tvd, pValue: hits / TVD_ITERATIONS };
}
