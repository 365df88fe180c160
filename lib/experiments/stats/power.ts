// Sample size per variant for a two-sided test with the given power, as statsmodels' NormalIndPower solves it.
import { ndtr } from "@/lib/drift/stattests/special";
import { normIsf } from "./distributions";

export interface PowerOptions {
  alpha?: number;
  power?: number;
}

/**
 * Units per variant (equal allocation) = statsmodels NormalIndPower().solve_power(effect_size=d, alpha, power,
 * ratio=1) for |d| = the standardised effect: power(n) = Φ(|d|√(n/2) − z) + Φ(−|d|√(n/2) − z), z = z_{1−α/2},
 * solved for n by Newton (the second term is the far tail: negligible but kept, as statsmodels keeps it).
 * Returned unrounded, as statsmodels does: callers round up. null when d is 0 or not finite.
 */
function solveForEffect(effect: number, opts: PowerOptions): number | null {
  const alpha = opts.alpha ?? 0.05;
  const target = opts.power ?? 0.8;
  const d = Math.abs(effect);
  if (!(d > 0) || !Number.isFinite(d) || !(target > 0 && target < 1) || !(alpha > 0 && alpha < 1))
    return null;
  const z = normIsf(alpha / 2);
  const power = (n: number) => ndtr(d * Math.sqrt(n / 2) - z) + ndtr(-d * Math.sqrt(n / 2) - z);
  // Start from the one-tailed closed form and refine in √n, where power is smooth and monotone.
  let root = (z + normIsf(1 - target)) / (d / Math.SQRT2);
  for (let i = 0; i < 50; i++) {
    const a = d / Math.SQRT2;
    const slope =
      a * (Math.exp(-0.5 * (a * root - z) ** 2) - Math.exp(-0.5 * (a * root + z) ** 2)) * 0.3989422804014327;
    const step = (power(root * root) - target) / slope;
    root -= step;
    if (Math.abs(step) <= 1e-15 * root) break;
  }
  return root > 0 ? root * root : null;
}

/** Rates: d = Cohen's h = 2·asin(√p_t) − 2·asin(√p_c) (statsmodels proportion_effectsize). */
export function sampleSizeRates(
  controlRate: number,
  treatmentRate: number,
  opts: PowerOptions = {},
): number | null {
  const valid = (p: number) => p >= 0 && p <= 1;
  if (!valid(controlRate) || !valid(treatmentRate)) return null;
  const h = 2 * Math.asin(Math.sqrt(treatmentRate)) - 2 * Math.asin(Math.sqrt(controlRate));
  return solveForEffect(h, opts);
}

/** Means: d = diff / sd (Cohen's d with the per-unit standard deviation). */
export function sampleSizeMeans(diff: number, sd: number, opts: PowerOptions = {}): number | null {
  if (!(sd > 0)) return null;
  return solveForEffect(diff / sd, opts);
}
