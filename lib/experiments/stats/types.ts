// Inputs and outputs of the A/B statistics (lib/experiments/stats). Sufficient statistics only: the
// functions never see rows, so the same code serves the results API, the series job and the tests.

/** A rate metric (conversion, accuracy, error rate): units with at least one success. */
export interface BinarySummary {
  n: number;
  successes: number;
}

/** A mean metric (revenue per unit, log loss) from the sums of the per-unit values. */
export interface MeanSummary {
  n: number;
  sum: number;
  sumSquares: number;
}

/**
 * A metric with a pre-treatment covariate per unit, for CUPED. `y` is the metric, `x` the covariate; the
 * sums run over the same units.
 */
export interface CovariateSummary {
  n: number;
  sumY: number;
  sumY2: number;
  sumX: number;
  sumX2: number;
  sumXY: number;
}

export type Interval = [number, number];

/** Frequentist comparison of a treatment against the control. `lift` is relative: treatment/control − 1. */
export interface FrequentistComparison {
  controlValue: number;
  treatmentValue: number;
  /** treatment − control */
  diff: number;
  diffCi: Interval;
  lift: number;
  /** delta-method interval of the relative lift */
  liftCi: Interval;
  /** z for rates, Welch's t for means */
  statistic: number;
  /** Welch–Satterthwaite degrees of freedom (means only) */
  df: number | null;
  pValue: number;
}

export interface BayesianComparison {
  /** P(treatment better than control); "better" is higher unless the metric is inverse */
  chanceToBeatControl: number;
  /** expected loss (absolute units of the metric) of choosing the treatment / keeping the control */
  expectedLoss: { treatment: number; control: number };
  /**
   * the same losses relative to the control's value (GrowthBook's "risk"), to compare with WIN_RISK and
   * LOSE_RISK; always set by lib/experiments/stats (optional only so hand-built objects stay valid)
   */
  relativeExpectedLoss?: { treatment: number; control: number };
  /** credible interval of the relative lift */
  liftCredibleInterval: Interval;
}

export interface SequentialComparison {
  /** always-valid confidence sequence for the difference, at the current sample size */
  diffCi: Interval;
  liftCi: Interval;
  /** the sequence excludes 0 */
  significant: boolean;
}

export interface SrmResult {
  observed: number[];
  expected: number[];
  chiSquare: number;
  df: number;
  pValue: number;
  /** pValue < 0.001 */
  flagged: boolean;
}
