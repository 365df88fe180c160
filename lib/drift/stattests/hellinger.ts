// Hellinger distance, as Evidently's "hellinger" (evidently/legacy/calculations/stattests/hellinger_distance.py),
// which does its own binning (not get_binned_data) and no zero-share filling:
// - categorical: p = count / n per value, s = Σ_keys sqrt(p_ref · p_cur);
// - numerical: edges = np.histogram_bin_edges(<distinct values of both samples>, "sturges") — Sturges' rule on the
//   DISTINCT values (x.size = their number) —, density histograms h = count / (bin width_i · Σ count) of each
//   sample, s = Σ sqrt(h_ref · h_cur) · w with w = (max(edges) − min(edges)) / #bins;
// value = sqrt(1 − clip(s, 0, 1)); drift when >= threshold (0.1).
// Weighted samples: histogram counts and p add weights; the distinct values are those with a positive weight.

import { histogram, sturgesEdges } from "./binning";
import { type KeyedPair, unionKeys } from "./keyed";
import type { Numeric } from "./types";

function finish(s: number): number {
  const c = Math.min(Math.max(s, 0), 1);
  return Math.sqrt(1 - c);
}

export function hellingerCategorical<K>(pair: KeyedPair<K>): number {
  const keys = unionKeys(pair);
  let s = 0;
  for (const k of keys) {
    const p1 = (pair.reference.counts.get(k) ?? 0) / pair.reference.total;
    const p2 = (pair.current.counts.get(k) ?? 0) / pair.current.total;
    s += Math.sqrt(p1 * p2);
  }
  return finish(s);
}

export function hellingerNumerical(reference: Numeric, current: Numeric): number {
  const distinct = new Set<number>();
  for (const v of reference.values) distinct.add(v === 0 ? 0 : v);
  for (const v of current.values) distinct.add(v === 0 ? 0 : v);
  const keys = Float64Array.from(distinct);
  const edges = sturgesEdges([{ values: keys, weights: null, total: keys.length }]);
  const e = edges.edges;
  const bins = e.length - 1;
  const density = (x: Numeric): Float64Array => {
    const counts = histogram(x, edges);
    let total = 0;
    for (let i = 0; i < bins; i++) total += counts[i]!;
    for (let i = 0; i < bins; i++) counts[i] = counts[i]! / (e[i + 1]! - e[i]!) / total;
    return counts;
  };
  const h1 = density(reference);
  const h2 = density(current);
  const binWidth = (e[bins]! - e[0]!) / bins;
  let s = 0;
  for (let i = 0; i < bins; i++) s += Math.sqrt(h1[i]! * h2[i]!) * binWidth;
  return finish(s);
}
