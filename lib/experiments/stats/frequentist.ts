// Fixed-horizon frequentist comparisons, each equal to a named statsmodels / scipy function (see
// docs/experiments-statistics.md). Undefined quantities (an empty arm, zero variance, a zero control for the
// lift) come back as NaN, never as an exception; the API maps NaN to null.
import { ndtr } from "@/lib/drift/stattests/special";
import { normIsf, tIsf, tSf } from "./distributions";
import {
  type ArmMoments,
  around,
  diffVariance,
  liftVariance,
  meanMoments,
  nanInterval,
  rateMoments,
  relativeLift,
  welchDf,
} from "./moments";
import type { BinarySummary, FrequentistComparison, Interval, MeanSummary } from "./types";

export const DEFAULT_ALPHA = 0.05;

/**
 * Two-proportion z-test. z and p = statsmodels proportions_ztest([x_t, x_c], [n_t, n_c]) (pooled variance,
 * two-sided); diffCi = confint_proportions_2indep(..., method="wald", compare="diff"); liftCi by the delta
 * method with the normal quantile.
 */
export function compareRates(
  control: BinarySummary,
  treatment: BinarySummary,
  alpha = DEFAULT_ALPHA,
): FrequentistComparison {
  const c = rateMoments(control);
  const t = rateMoments(treatment);
  const diff = t.mean - c.mean;
  const pooled = (control.successes + treatment.successes) / (control.n + treatment.n);
  const pooledVariance = pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n);
  const statistic = pooledVariance > 0 ? diff / Math.sqrt(pooledVariance) : Number.NaN;
  const z = normIsf(alpha / 2);
  return {
    ...values(c, t),
    diffCi: around(diff, z * Math.sqrt(diffVariance(c, t))),
    liftCi: around(relativeLift(c, t), z * Math.sqrt(liftVariance(c, t))),
    statistic,
    df: null,
    pValue: Number.isFinite(statistic) ? 2 * ndtr(-Math.abs(statistic)) : Number.NaN,
  };
}

/**
 * Welch's t-test. t, df and p = scipy.stats.ttest_ind_from_stats(mean_t, sd_t, n_t, mean_c, sd_c, n_c,
 * equal_var=False); diffCi = statsmodels CompareMeans(...).tconfint_diff(alpha, usevar="unequal"); liftCi by
 * the delta method with the t quantile at the same Welch df (as gbstats does).
 */
export function compareMeans(
  control: MeanSummary,
  treatment: MeanSummary,
  alpha = DEFAULT_ALPHA,
): FrequentistComparison {
  const c = meanMoments(control);
  const t = meanMoments(treatment);
  const se = Math.sqrt(diffVariance(c, t));
  const defined = se > 0;
  const df = defined ? welchDf(c, t) : Number.NaN;
  const statistic = defined ? (t.mean - c.mean) / se : Number.NaN;
  const q = defined ? tIsf(alpha / 2, df) : Number.NaN;
  return {
    ...values(c, t),
    diffCi: around(t.mean - c.mean, q * se),
    liftCi: around(relativeLift(c, t), q * Math.sqrt(liftVariance(c, t))),
    statistic,
    df,
    pValue: defined ? 2 * tSf(Math.abs(statistic), df) : Number.NaN,
  };
}

function values(c: ArmMoments, t: ArmMoments) {
  return {
    controlValue: c.mean,
    treatmentValue: t.mean,
    diff: t.mean - c.mean,
    lift: relativeLift(c, t),
  };
}

/** Wilson score interval of one arm's rate = statsmodels proportion_confint(x, n, alpha, method="wilson"). */
export function rateInterval(s: BinarySummary, alpha = DEFAULT_ALPHA): Interval {
  if (!(s.n > 0)) return nanInterval();
  const z = normIsf(alpha / 2);
  const z2 = z * z;
  const p = s.successes / s.n;
  const denominator = 1 + z2 / s.n;
  const centre = (p + z2 / (2 * s.n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / s.n + z2 / (4 * s.n * s.n))) / denominator;
  return [centre - half, centre + half];
}

/** t interval of one arm's mean = statsmodels DescrStatsW(values).tconfint_mean(alpha). */
export function meanInterval(s: MeanSummary, alpha = DEFAULT_ALPHA): Interval {
  const m = meanMoments(s);
  if (!(m.n > 1)) return nanInterval();
  return around(m.mean, tIsf(alpha / 2, m.n - 1) * Math.sqrt(m.variance / m.n));
}
