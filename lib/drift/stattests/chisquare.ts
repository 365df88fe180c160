// Chi-square, as Evidently's "chisquare" (evidently/legacy/calculations/stattests/chisquare_stattest.py):
//   keys = union of both samples' distinct values; k_norm = len(current) / len(reference)
//   f_exp = reference count × k_norm; f_obs = current count; p_value = scipy.stats.chisquare(f_obs, f_exp)[1]
//   (Pearson's statistic, df = #keys − 1, chi2.sf); drift when p < threshold (default 0.05).
// A value absent from the reference has f_exp = 0, so the statistic is +∞ and p = 0 (scipy does the same).
// One key only: scipy returns NaN (df = 0); Vigil returns chi² = 0, p = 1 (both samples are 100% that value).
// Weighted samples / category counts: counts are summed weights.

import { type KeyedPair, unionKeys } from "./keyed";
import { chi2Sf } from "./special";

export function chiSquareTest<K>(pair: KeyedPair<K>): { chi2: number; pValue: number } {
  const keys = unionKeys(pair);
  const ref = pair.reference;
  const cur = pair.current;
  const kNorm = cur.total / ref.total;
  let stat = 0;
  for (const k of keys) {
    const exp = (ref.counts.get(k) ?? 0) * kNorm;
    const obs = cur.counts.get(k) ?? 0;
    stat += ((obs - exp) * (obs - exp)) / exp;
  }
  const df = keys.length - 1;
  if (df < 1) return { chi2: 0, pValue: 1 };
  return { chi2: stat, pValue: chi2Sf(stat, df) };
}
