// Public types of the quality module. Kept apart from the code so the UI and API layers can import
// them without pulling in any computation.

export type Task = "binary" | "multiclass" | "regression";

/** A prediction or label exactly as the client sent it. */
export type RawValue = string | number | boolean;

/** One prediction, possibly joined with its label. */
export interface QualitySample {
  prediction: RawValue;
  label?: RawValue | null;
  /** Binary: probability of the positive class. */
  score?: number | null;
  /** Probability per class key (see classKey). */
  scores?: Record<string, number> | null;
}

/** [running sum, Neumaier compensation]: a tuple so the state stays plain JSON. */
export type CompensatedSum = [number, number];

/** Class key -> number of labeled samples. */
export type LabelCounts = Record<string, number>;

/** String(score) -> label class -> count. Exact ROC AUC needs every distinct score with its label mix. */
export type ScoreTable = Record<string, LabelCounts>;

export interface RegressionState {
  n: number;
  absError: CompensatedSum;
  sqError: CompensatedSum;
  /** Label mean and sum of squared deviations, merged with Chan's formula so chunks combine stably. */
  labelMean: number;
  labelM2: number;
}

/**
 * Sufficient statistics for every metric. Plain objects, arrays and numbers only, so it can be stored as
 * JSON and merged across time buckets or workers. It does not depend on the positive class, which is
 * chosen when metrics are computed.
 */
export interface QualityState {
  version: 1;
  /** Every sample seen, labeled or not. */
  count: number;
  /** Samples that entered the metrics (labeled, and numeric for regression). */
  labeled: number;
  /** Actual class -> predicted class -> count. */
  confusion: Record<string, Record<string, number>>;
  /** Binary samples that carried `score`. */
  scoreTable: ScoreTable;
  /**
   * The logit grid every score table is rounded on (lib/quality/score-bound.ts); absent or 0 while the tables
   * hold every distinct score exactly.
   */
  scoreStep?: number;
  /** Per class key of `scores`: that column's table (binary fallback and multiclass one-vs-rest). */
  classScoreTables: Record<string, ScoreTable>;
  /** Multiclass: labeled samples whose scores row contained their own label (entered logLoss). */
  multiclassScored: number;
  /** Multiclass: labeled scored rows whose sum is not 1 (np.allclose); sklearn refuses ROC AUC for them. */
  unnormalisedRows: number;
  /** Multiclass: sum of per-sample log loss, computed when the sample arrives. */
  logLossSum: CompensatedSum;
  regression: RegressionState;
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface AveragedMetrics {
  precision: number;
  recall: number;
  f1: number;
}

export interface QualityMetrics {
  count: number;
  labeled: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  rocAuc: number | null;
  logLoss: number | null;
  /** Rows = actual, columns = predicted, labels = sortClasses(union of labels and predictions). */
  confusionMatrix: { labels: string[]; matrix: number[][] } | null;
  perClass: Record<string, ClassMetrics> | null;
  macro: AveragedMetrics | null;
  weighted: AveragedMetrics | null;
  mae: number | null;
  rmse: number | null;
  r2: number | null;
}

export interface QualityOptions {
  task: Task;
  positiveClass?: string | null;
}
