// Normed Wasserstein distance, as Evidently's "wasserstein"
// (evidently/legacy/calculations/stattests/wasserstein_distance_norm.py):
//   norm = max(np.std(reference), 0.001)          (np.std on a pandas Series: ddof = 0)
//   value = scipy.stats.wasserstein_distance(reference, current) / norm;  drift when value >= threshold (0.1).
// Numerical columns only. A constant reference (std 0) is therefore normed by 0.001, as in Evidently.
//
// Weighted samples: scipy's u_weights/v_weights (the CDFs are cumulative weight shares) and the weighted
// population std sqrt(Σ w (x − μ)² / Σ w), μ = Σ w x / Σ w — both equal to the expanded samples' values.
//
// Overflow: when the largest |value| exceeds 2^400, values are scaled by a power of two first (exact), and the
// 0.001 floor scaled alike, so the ratio is what numpy would compute with an unbounded exponent (numpy itself
// overflows to inf/NaN there, making Evidently report 0 or NaN).

import { type Sorted, sortNumeric } from "./ks";
import type { Numeric } from "./types";

export const WASSERSTEIN_STD_FLOOR = 0.001;
const SAFE_MAGNITUDE = 2 ** 400;

function scaled(x: Sorted, s: number): Sorted {
  if (s === 1) return x;
  return { values: x.values.map((v) => v * s), weights: x.weights, total: x.total };
}

/** scipy _cdf_distance(p=1): Σ |U(x) − V(x)| Δx over the merged sorted values. */
export function wassersteinDistance(u: Sorted, v: Sorted): number {
  const uv = u.values;
  const vv = v.values;
  const uw = u.weights;
  const vw = v.weights;
  const n1 = uv.length;
  const n2 = vv.length;
  let i = 0;
  let j = 0;
  let cu = 0;
  let cv = 0;
  let sum = 0;
  let comp = 0;
  let prev = Number.NaN;
  let prevDiff = 0;
  while (i < n1 || j < n2) {
    const x = j >= n2 || (i < n1 && uv[i]! <= vv[j]!) ? uv[i]! : vv[j]!;
    if (i + j > 0) {
      const term = prevDiff * (x - prev);
      // Neumaier summation
      const t = sum + term;
      comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
      sum = t;
    }
    if (uw) while (i < n1 && uv[i]! <= x) cu += uw[i++]!;
    else {
      while (i < n1 && uv[i]! <= x) i++;
      cu = i;
    }
    if (vw) while (j < n2 && vv[j]! <= x) cv += vw[j++]!;
    else {
      while (j < n2 && vv[j]! <= x) j++;
      cv = j;
    }
    prevDiff = Math.abs(cu / u.total - cv / v.total);
    prev = x;
  }
  return sum + comp;
}

/** Population (ddof 0) standard deviation, two-pass, weighted when weights are given. */
export function populationStd(x: Sorted): number {
  const { values, weights, total } = x;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += weights ? weights[i]! * values[i]! : values[i]!;
  const mean = s / total;
  let q = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - mean;
    q += weights ? weights[i]! * d * d : d * d;
  }
  return Math.sqrt(q / total);
}

function maxAbs(x: Numeric): number {
  let m = 0;
  const v = x.values;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (a > m) m = a;
  }
  return m;
}

export function wassersteinNormed(reference: Numeric, current: Numeric): number {
  const m = Math.max(maxAbs(reference), maxAbs(current));
  let s = 1;
  while (m * s > SAFE_MAGNITUDE) s *= 2 ** -64;
  const u = scaled(sortNumeric(reference), s);
  const v = scaled(sortNumeric(current), s);
  const norm = Math.max(populationStd(u), WASSERSTEIN_STD_FLOOR * s);
  return wassersteinDistance(u, v) / norm;
}
