// Per-arm moments from the sufficient statistics, and the delta-method variance of a relative lift. Shared by
// the frequentist, Bayesian and sequential comparisons so all three read the same numbers.
import type { BinarySummary, MeanSummary } from "./types";

export interface ArmMoments {
  n: number;
  mean: number;
  /** variance of one unit's value: p(1 − p) for rates (the binomial MLE), ddof = 1 for means */
  variance: number;
}

/** Rate p = x / n and unit variance p(1 − p); NaN when n = 0. */
export function rateMoments(s: BinarySummary): ArmMoments {
  if (!(s.n > 0)) return { n: 0, mean: Number.NaN, variance: Number.NaN };
  const p = s.successes / s.n;
  return { n: s.n, mean: p, variance: p * (1 - p) };
}

/**
 * Mean and sample variance (ddof = 1) from n, Σy, Σy². The variance is clamped at 0: Σy² − (Σy)²/n can round
 * slightly negative when every value is equal. NaN when n < 2 (n = 0 also has no mean).
 */
export function meanMoments(s: MeanSummary): ArmMoments {
  if (!(s.n > 0)) return { n: 0, mean: Number.NaN, variance: Number.NaN };
  const mean = s.sum / s.n;
  if (!(s.n > 1)) return { n: s.n, mean, variance: Number.NaN };
  const centred = s.sumSquares - s.sum * mean;
  return { n: s.n, mean, variance: Math.max(0, centred / (s.n - 1)) };
}

/** Variance of the difference of the two arms' means (unpooled): v_t/n_t + v_c/n_c. */
export function diffVariance(control: ArmMoments, treatment: ArmMoments): number {
  return treatment.variance / treatment.n + control.variance / control.n;
}

/** Relative lift μ_t/μ_c − 1; NaN when the control mean is 0 (undefined). */
export function relativeLift(control: ArmMoments, treatment: ArmMoments): number {
  if (control.mean === 0) return Number.NaN;
  return treatment.mean / control.mean - 1;
}

/**
 * Delta-method variance of μ_t/μ_c (independent arms): var_t/μ_c² + μ_t²·var_c/μ_c⁴, where var_x is the
 * variance of that arm's mean (unit variance / n). The same expression as gbstats' relative variance.
 */
export function liftVariance(control: ArmMoments, treatment: ArmMoments): number {
  if (control.mean === 0) return Number.NaN;
  const mc2 = control.mean * control.mean;
  const varT = treatment.variance / treatment.n;
  const varC = control.variance / control.n;
  return varT / mc2 + (treatment.mean * treatment.mean * varC) / (mc2 * mc2);
}

/** Symmetric interval, or [NaN, NaN] when any part is undefined. */
export function around(centre: number, halfWidth: number): [number, number] {
  if (!Number.isFinite(centre) || !Number.isFinite(halfWidth)) return nanInterval();
  return [centre - halfWidth, centre + halfWidth];
}

/** A fresh [NaN, NaN]: the interval of an undefined quantity (callers serialise NaN as null). */
export function nanInterval(): [number, number] {
  return [Number.NaN, Number.NaN];
}

/** Welch–Satterthwaite degrees of freedom of the difference of two means. */
export function welchDf(control: ArmMoments, treatment: ArmMoments): number {
  const vt = treatment.variance / treatment.n;
  const vc = control.variance / control.n;
  return ((vt + vc) * (vt + vc)) / ((vt * vt) / (treatment.n - 1) + (vc * vc) / (control.n - 1));
}
