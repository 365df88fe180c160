// What the evaluator reads from: series with their samples in a time range. lib/series implements it for
// Vigil's store; tests use an in-memory one.
import type { LabelMatcher } from "../series/labels";

export interface SourceSeries {
  /** All labels including __name__. */
  labels: Record<string, string>;
  /** Ascending timestamps (epoch ms) and their values, same length. */
  timestamps: Float64Array;
  values: Float64Array;
  /**
   * Ascending timestamps of Prometheus stale markers (not in `timestamps`): a vector selector whose latest
   * sample is older than a marker returns nothing; range selectors ignore them, as in Prometheus.
   */
  staleAt?: Float64Array;
}

export interface SeriesSource {
  /** Series matching every matcher (at least one of them non-empty), samples with startMs ≤ t ≤ endMs. */
  select(matchers: LabelMatcher[], startMs: number, endMs: number): Promise<SourceSeries[]>;
}
