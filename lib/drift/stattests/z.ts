// Two-proportion z-test, as Evidently's "z" (evidently/legacy/calculations/stattests/z_stattest.py):
// - both samples hold one and the same single value: p = 1;
// - else with keys = sorted union of values, each value maps to 0 when it equals keys[0], else 1;
//   p1, p2 = means of the mapped samples, P = (p1·n1 + p2·n2) / (n1 + n2),
//   z = (p1 − p2) / sqrt(P(1 − P)(1/n1 + 1/n2)), p = 2·(1 − Φ(|z|)) (scipy norm.cdf);
// drift when p < threshold (default 0.05). Keys sort as Python's sorted(): numbers numerically, strings by
// code point. Weighted samples / category counts: n = Σ weights, counts are summed weights.

import { type KeyedPair, unionKeys } from "./keyed";
import { ndtr } from "./special";

export function zTest<K>(pair: KeyedPair<K>): { z: number; pValue: number } {
  const ref = pair.reference;
  const cur = pair.current;
  if (ref.counts.size === 1 && cur.counts.size === 1) {
    const a = ref.counts.keys().next().value as K;
    const b = cur.counts.keys().next().value as K;
    if (pair.compare(a, b) === 0) return { z: 0, pValue: 1 };
  }
  const first = unionKeys(pair)[0]!;
  const n1 = ref.total;
  const n2 = cur.total;
  const p1 = (n1 - (ref.counts.get(first) ?? 0)) / n1;
  const p2 = (n2 - (cur.counts.get(first) ?? 0)) / n2;
  const P = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2));
  return { z, pValue: 2 * (1 - ndtr(Math.abs(z))) };
}
