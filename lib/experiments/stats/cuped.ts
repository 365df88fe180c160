// CUPED (Deng et al. 2013): subtract the part of the metric a pre-treatment covariate predicts, so the same
// comparison runs with less variance. Works on sums only, so the adjusted summaries feed compareMeans,
// bayesMeans and sequentialMeans unchanged.
import type { CovariateSummary, MeanSummary } from "./types";

export interface CupedResult {
  control: MeanSummary;
  treatment: MeanSummary;
  /** cov(Y, X)/var(X) over the pooled units of both arms */
  theta: number;
  /** 1 − var(Y')/var(Y) over the pooled units = corr(Y, X)² */
  varianceReduction: number;
}

/**
 * Y' = Y − θ(X − X̄) with θ and X̄ from both arms pooled (one θ keeps the adjustment identical across arms, so
 * the treatment effect stays unbiased). Returns exact sums of Y' per arm. A covariate without variance (or no
 * units) leaves the metric unadjusted: θ = 0, reduction 0.
 */
export function cupedAdjust(control: CovariateSummary, treatment: CovariateSummary): CupedResult {
  const n = control.n + treatment.n;
  const sumX = control.sumX + treatment.sumX;
  const sumY = control.sumY + treatment.sumY;
  const meanX = n > 0 ? sumX / n : 0;
  const sxx = control.sumX2 + treatment.sumX2 - sumX * meanX;
  const sxy = control.sumXY + treatment.sumXY - sumY * meanX;
  const syy = control.sumY2 + treatment.sumY2 - (n > 0 ? (sumY * sumY) / n : 0);
  const theta = n > 1 && sxx > 0 ? sxy / sxx : 0;
  const varianceReduction = theta !== 0 && syy > 0 ? Math.min(1, (sxy * sxy) / (sxx * syy)) : 0;
  return {
    control: adjust(control, theta, meanX),
    treatment: adjust(treatment, theta, meanX),
    theta,
    varianceReduction,
  };
}

/** Σ(y − θ(x − x̄)) and Σ(y − θ(x − x̄))² expanded over the arm's sums, with c = θ·x̄. */
function adjust(s: CovariateSummary, theta: number, meanX: number): MeanSummary {
  const c = theta * meanX;
  const sum = s.sumY - theta * s.sumX + s.n * c;
  const sumSquares =
    s.sumY2 +
    theta * theta * s.sumX2 +
    s.n * c * c -
    2 * theta * s.sumXY +
    2 * c * s.sumY -
    2 * c * theta * s.sumX;
  return { n: s.n, sum, sumSquares };
}
