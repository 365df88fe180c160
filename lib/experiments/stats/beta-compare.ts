// Exact comparisons of two Beta posteriors: P(B > A) by Evan Miller's closed form and the expected losses
// E[max(A − B, 0)] by Chris Stucchio's identity on top of it.
import { lbeta } from "./distributions";

export interface BetaParams {
  alpha: number;
  beta: number;
}

const NEGLIGIBLE = 1e-18;

/**
 * P(p_B > p_A) for p_A ~ Beta(αA, βA), p_B ~ Beta(αB, βB), αB a positive integer (uniform prior + counts):
 *   Σ_{i=0}^{αB−1} B(αA + i, βA + βB) / ((βB + i) · B(1 + i, βB) · B(αA, βA))   (Evan Miller).
 * The terms are unimodal in i with ratio t(i+1)/t(i) = (αA + i)(βB + i) / ((αA + βA + βB + i)(1 + i)), so the sum
 * starts at the largest term (one log-beta evaluation) and walks both ways by that ratio until the terms stop
 * mattering: O(√n) steps instead of O(n), no normal approximation needed even for millions of units.
 */
export function probGreater(a: BetaParams, b: BetaParams): number {
  const s = a.alpha + a.beta + b.beta;
  const last = b.alpha - 1;
  const ratio = (i: number) => ((a.alpha + i) * (b.beta + i)) / ((s + i) * (1 + i));
  const peak = Math.min(last, Math.max(0, Math.ceil((a.alpha * b.beta - s) / (a.beta + 1))));
  const logPeak =
    lbeta(a.alpha + peak, a.beta + b.beta) -
    Math.log(b.beta + peak) -
    lbeta(1 + peak, b.beta) -
    lbeta(a.alpha, a.beta);
  let sum = 1;
  let term = 1;
  for (let i = peak; i < last; i++) {
    term *= ratio(i);
    sum += term;
    if (term < sum * NEGLIGIBLE) break;
  }
  term = 1;
  for (let i = peak - 1; i >= 0; i--) {
    term /= ratio(i);
    sum += term;
    if (term < sum * NEGLIGIBLE) break;
  }
  return Math.min(1, Math.exp(logPeak + Math.log(sum)));
}

const mean = (p: BetaParams) => p.alpha / (p.alpha + p.beta);
const shifted = (p: BetaParams): BetaParams => ({ alpha: p.alpha + 1, beta: p.beta });

/**
 * E[max(p_A − p_B, 0)] = E[p_A·1{A > B}] − E[p_B·1{A > B}] = m_A·P(A⁺ > B) − m_B·P(A > B⁺), where X⁺ is X with
 * α + 1 (the size-biased Beta: E[p·1{…}] = m·P⁺(…)). Clamped at 0 against rounding.
 */
export function expectedShortfall(a: BetaParams, b: BetaParams): number {
  const value = mean(a) * probGreater(b, shifted(a)) - mean(b) * (1 - probGreater(a, shifted(b)));
  return Math.max(0, value);
}

/** Posterior mean and variance of a Beta. */
export function betaMoments(p: BetaParams): { mean: number; variance: number } {
  const total = p.alpha + p.beta;
  return { mean: p.alpha / total, variance: (p.alpha * p.beta) / (total * total * (total + 1)) };
}
