// Distances over binned shares (see binning.ts for get_binned_data):
// - psi (evidently/legacy/calculations/stattests/psi.py): zero shares filled;
//   Σ (ref − cur) · ln(ref / cur); drift when >= threshold (0.1).
// - kl_div (kl_div.py): zero shares filled; scipy.stats.entropy(ref, cur) — both share vectors renormalised to
//   sum 1 (after the fill they sum to slightly more than 1), Σ rel_entr, natural log; drift when >= 0.1.
// - jensenshannon (jensenshannon.py): zero shares NOT filled; scipy.spatial.distance.jensenshannon(ref, cur)
//   with base None (natural log): p, q renormalised, m = (p + q)/2, sqrt((Σ rel_entr(p, m) + Σ rel_entr(q, m))/2);
//   drift when >= 0.1.

export function relEntr(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

export function psiValue(ref: Float64Array, cur: Float64Array): number {
  let s = 0;
  for (let i = 0; i < ref.length; i++) s += (ref[i]! - cur[i]!) * Math.log(ref[i]! / cur[i]!);
  return s;
}

export function klDivergence(ref: Float64Array, cur: Float64Array): number {
  const sp = sum(ref);
  const sq = sum(cur);
  let s = 0;
  for (let i = 0; i < ref.length; i++) s += relEntr((1.0 * ref[i]!) / sp, (1.0 * cur[i]!) / sq);
  return s;
}

export function jensenShannonDistance(ref: Float64Array, cur: Float64Array): number {
  const sp = sum(ref);
  const sq = sum(cur);
  let left = 0;
  let right = 0;
  for (let i = 0; i < ref.length; i++) {
    const p = ref[i]! / sp;
    const q = cur[i]! / sq;
    const m = (p + q) / 2.0;
    left += relEntr(p, m);
    right += relEntr(q, m);
  }
  // Rounding can leave a distance of ~1e-17 slightly negative, where scipy's sqrt gives NaN; Vigil gives 0.
  return Math.sqrt(Math.max(left + right, 0) / 2.0);
}
