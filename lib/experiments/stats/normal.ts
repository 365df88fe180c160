// Standard normal density and quantile, to double precision (the CDF is special.ts' cephes ndtr).
import { ndtr } from "@/lib/drift/stattests/special";

const HALF_LOG_2PI = 0.9189385332046727;

// Acklam's rational approximation (relative error 1.15e-9), then refined below against ndtr.
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

function acklam(p: number): number {
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  if (p > 1 - pLow) return -acklam(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

/** Standard normal density. */
export function normPdf(x: number): number {
  return Math.exp(-0.5 * x * x - HALF_LOG_2PI);
}

/** Standard normal quantile (= scipy.stats.norm.ppf): Acklam's start, then Halley steps on ndtr. */
export function normPpf(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p > 0.5) return -normPpf(1 - p);
  let x = acklam(p);
  for (let i = 0; i < 3; i++) {
    const e = ndtr(x) - p;
    const u = e / normPdf(x);
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}

/** Upper normal quantile z with P(Z > z) = q, computed from the lower tail (no 1 − q rounding). */
export function normIsf(q: number): number {
  return -normPpf(q);
}
