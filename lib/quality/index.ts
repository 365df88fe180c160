// Model-quality metrics (classification and regression) as a mergeable, JSON-serialisable state.
// Pure functions only: no framework or database imports, so workers, API routes and tests share them.
export { classKey, defaultPositiveClass, sortClasses } from "./classes";
export { inferTask } from "./infer";
export { computeQualityMetrics } from "./metrics";
export { boundScoreTables, SCORE_TABLE_EXACT_CAP } from "./score-bound";
export { addSample, createQualityState, mergeQualityStateInto, mergeQualityStates } from "./state";
export type {
  AveragedMetrics,
  ClassMetrics,
  QualityMetrics,
  QualityOptions,
  QualitySample,
  QualityState,
  RawValue,
  Task,
} from "./types";
