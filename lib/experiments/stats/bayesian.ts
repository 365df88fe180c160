// Bayesian comparisons: beta-binomial posteriors for rates, GrowthBook's effect model (normal posterior of the
// relative lift) for means. Defaults are GrowthBook's; see docs/experiments-statistics.md.
import { ndtr } from "@/lib/drift/stattests/special";
import { betaMoments, expectedShortfall, probGreater } from "./beta-compare";
import { normIsf, normPdf } from "./distributions";
import { liftVariance, meanMoments, nanInterval, rateMoments, relativeLift } from "./moments";
import type { BayesianComparison, BinarySummary, MeanSummary } from "./types";

/** Relative expected loss below which shipping is "low risk" (GrowthBook's riskThresholdSuccess). */
export const WIN_RISK = 0.0025;
/** Relative expected loss above which shipping is "high risk" (GrowthBook's riskThresholdDanger). */
export const LOSE_RISK = 0.0125;
/** Standard deviation of the N(0, PRIOR_SD²) prior on the relative lift of a mean metric. */
export const PRIOR_SD = 0.3;
export const DEFAULT_LEVEL = 0.95;

export interface BayesOptions {
  /** lower is better */
  inverse?: boolean;
  /** credible level of liftCredibleInterval, default 0.95 */
  level?: number;
}

/** GrowthBook's colouring of a relative expected loss: below WIN_RISK low, above LOSE_RISK high. */
export function riskLevel(relativeLoss: number): "low" | "medium" | "high" | null {
  if (Number.isNaN(relativeLoss)) return null;
  if (relativeLoss < WIN_RISK) return "low";
  return relativeLoss > LOSE_RISK ? "high" : "medium";
}

function undefinedComparison(): BayesianComparison {
  return {
    chanceToBeatControl: Number.NaN,
    expectedLoss: { treatment: Number.NaN, control: Number.NaN },
    relativeExpectedLoss: { treatment: Number.NaN, control: Number.NaN },
    liftCredibleInterval: nanInterval(),
  };
}

/**
 * Rates: p ~ Beta(1 + x, 1 + n − x) per arm (uniform prior). chanceToBeatControl = P(p_t > p_c) exactly;
 * expectedLoss.treatment = E[max(p_c − p_t, 0)], .control = E[max(p_t − p_c, 0)] (swapped for inverse metrics),
 * exactly; relative losses divide by the observed control rate. The lift interval is the normal approximation of
 * log(p_t/p_c) (delta method on the posterior moments), exponentiated. An empty arm gives NaN throughout.
 */
export function bayesRates(
  control: BinarySummary,
  treatment: BinarySummary,
  opts: BayesOptions = {},
): BayesianComparison {
  if (!(control.n > 0) || !(treatment.n > 0)) return undefinedComparison();
  const c = { alpha: 1 + control.successes, beta: 1 + control.n - control.successes };
  const t = { alpha: 1 + treatment.successes, beta: 1 + treatment.n - treatment.successes };
  const treatmentHigher = probGreater(c, t);
  const lossIfHigherWins = expectedShortfall(c, t); // E[max(p_c − p_t, 0)]
  const mc = betaMoments(c);
  const mt = betaMoments(t);
  // E[max(p_t − p_c, 0)] − E[max(p_c − p_t, 0)] = E[p_t − p_c].
  const lossIfLowerWins = lossIfHigherWins + (mt.mean - mc.mean);
  const [lossTreatment, lossControl] = opts.inverse
    ? [Math.max(0, lossIfLowerWins), lossIfHigherWins]
    : [lossIfHigherWins, Math.max(0, lossIfLowerWins)];
  const observedControl = rateMoments(control).mean;
  const z = normIsf((1 - (opts.level ?? DEFAULT_LEVEL)) / 2);
  const logMean = Math.log(mt.mean) - Math.log(mc.mean);
  const logSd = Math.sqrt(mt.variance / (mt.mean * mt.mean) + mc.variance / (mc.mean * mc.mean));
  return {
    chanceToBeatControl: opts.inverse ? 1 - treatmentHigher : treatmentHigher,
    expectedLoss: { treatment: lossTreatment, control: lossControl },
    relativeExpectedLoss: {
      treatment: observedControl > 0 ? lossTreatment / observedControl : Number.NaN,
      control: observedControl > 0 ? lossControl / observedControl : Number.NaN,
    },
    liftCredibleInterval: [Math.exp(logMean - z * logSd) - 1, Math.exp(logMean + z * logSd) - 1],
  };
}

/**
 * Means: GrowthBook's EffectBayesianABTest on the relative lift. The data give lift ~ N(μ_t/μ_c − 1, δ²) with δ²
 * the delta-method variance; the prior is N(0, priorSd²) (proper by default; priorSd = Infinity gives
 * GrowthBook's default flat prior, i.e. the data alone). With the posterior N(m, s²): chance = Φ(m/s),
 * losses E[max(∓lift, 0)] in closed form (relative), times |μ_c| for absolute units; interval m ± z·s.
 */
export function bayesMeans(
  control: MeanSummary,
  treatment: MeanSummary,
  opts: BayesOptions & { priorSd?: number } = {},
): BayesianComparison {
  const c = meanMoments(control);
  const t = meanMoments(treatment);
  const dataMean = relativeLift(c, t);
  const dataVariance = liftVariance(c, t);
  if (!Number.isFinite(dataMean) || !(dataVariance > 0)) return undefinedComparison();
  const priorSd = opts.priorSd ?? PRIOR_SD;
  const priorPrecision = Number.isFinite(priorSd) && priorSd > 0 ? 1 / (priorSd * priorSd) : 0;
  const precision = 1 / dataVariance + priorPrecision;
  const m = dataMean / dataVariance / precision; // prior mean 0
  const s = Math.sqrt(1 / precision);
  const lossIfUp = s * normPdf(m / s) - m * ndtr(-m / s); // E[max(−lift, 0)]
  const lossIfDown = m * ndtr(m / s) + s * normPdf(m / s); // E[max(lift, 0)]
  const [relTreatment, relControl] = opts.inverse ? [lossIfDown, lossIfUp] : [lossIfUp, lossIfDown];
  const scale = Math.abs(c.mean);
  const z = normIsf((1 - (opts.level ?? DEFAULT_LEVEL)) / 2);
  return {
    chanceToBeatControl: opts.inverse ? ndtr(-m / s) : ndtr(m / s),
    expectedLoss: { treatment: relTreatment * scale, control: relControl * scale },
    relativeExpectedLoss: { treatment: relTreatment, control: relControl },
    liftCredibleInterval: [m - z * s, m + z * s],
  };
}
