// Always-valid confidence sequences, so results can be read every day without inflating false positives.
// The asymptotic Gaussian-mixture confidence sequence of Waudby-Smith et al. (2023, "Time-uniform central
// limit theory and asymptotic confidence sequences", eq. for the two-sided CS), as GrowthBook implements it.
import {
  type ArmMoments,
  around,
  diffVariance,
  liftVariance,
  meanMoments,
  rateMoments,
  relativeLift,
} from "./moments";
import type { BinarySummary, MeanSummary, SequentialComparison } from "./types";

/** Total sample size (both arms) at which the sequence is tightest; GrowthBook's default. */
export const DEFAULT_TUNING = 5000;
export const SEQUENTIAL_METHOD =
  "asymptotic confidence sequence (Waudby-Smith et al. 2023, Gaussian mixture)";

export interface SequentialOptions {
  alpha?: number;
  /** the total sample size N at which the mixture is tuned (ρ minimises the width there) */
  tuning?: number;
}

/** Mixture width ρ that makes the boundary tightest at N = tuning. */
export function sequentialRho(alpha: number, tuning: number): number {
  const l = -2 * Math.log(alpha);
  return Math.sqrt((l + Math.log(l + 1)) / tuning);
}

/**
 * Half-width of the CS after N units for an estimator with variance `variance` (so N·variance estimates the
 * per-unit variance σ²): σ·√(2(Nρ² + 1)/(N²ρ²) · ln(√(Nρ² + 1)/α)).
 */
export function sequentialHalfWidth(variance: number, n: number, alpha: number, tuning: number): number {
  const rho = sequentialRho(alpha, tuning);
  const nr2 = n * rho * rho;
  const sigma2 = variance * n;
  const nRho = n * rho;
  return Math.sqrt(((sigma2 * 2 * (nr2 + 1)) / (nRho * nRho)) * Math.log(Math.sqrt(nr2 + 1) / alpha));
}

function sequence(c: ArmMoments, t: ArmMoments, opts: SequentialOptions): SequentialComparison {
  const alpha = opts.alpha ?? 0.05;
  const tuning = opts.tuning ?? DEFAULT_TUNING;
  const n = c.n + t.n;
  const diffVar = diffVariance(c, t);
  const diffCi = around(t.mean - c.mean, sequentialHalfWidth(diffVar, n, alpha, tuning));
  const liftCi = around(relativeLift(c, t), sequentialHalfWidth(liftVariance(c, t), n, alpha, tuning));
  return { diffCi, liftCi, significant: diffCi[0] > 0 || diffCi[1] < 0 };
}

/** Rates: the difference p_t − p_c with the unpooled variance p(1 − p)/n per arm. */
export function sequentialRates(
  control: BinarySummary,
  treatment: BinarySummary,
  opts: SequentialOptions = {},
): SequentialComparison {
  return sequence(rateMoments(control), rateMoments(treatment), opts);
}

/** Means: the difference of means with the Welch (unpooled, ddof = 1) variance. */
export function sequentialMeans(
  control: MeanSummary,
  treatment: MeanSummary,
  opts: SequentialOptions = {},
): SequentialComparison {
  return sequence(meanMoments(control), meanMoments(treatment), opts);
}
