// Value counts over the union of two samples' distinct values — the shape Evidently's per-value tests use
// (value_counts() over get_unique_not_nan_values_list_from_series in evidently/legacy/calculations/stattests).

import { compareNumbers, numericCounts } from "./binning";
import { compareCodePoints, type Numeric } from "./types";

export interface Keyed<K> {
  counts: Map<K, number>;
  total: number;
}

export interface KeyedPair<K> {
  reference: Keyed<K>;
  current: Keyed<K>;
  compare: (a: K, b: K) => number;
}

export function numericKeyed(reference: Numeric, current: Numeric): KeyedPair<number> {
  return {
    reference: { counts: numericCounts(reference), total: reference.total },
    current: { counts: numericCounts(current), total: current.total },
    compare: compareNumbers,
  };
}

export function categoricalKeyed(reference: Keyed<string>, current: Keyed<string>): KeyedPair<string> {
  return { reference, current, compare: compareCodePoints };
}

/** The sorted union of both samples' keys (Evidently iterates a Python set; only summation order differs). */
export function unionKeys<K>(pair: KeyedPair<K>): K[] {
  const union = new Set<K>(pair.reference.counts.keys());
  for (const k of pair.current.counts.keys()) union.add(k);
  return [...union].sort(pair.compare);
}
