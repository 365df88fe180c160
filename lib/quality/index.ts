// Model-quality metrics (classification and regression) as a mergeable, JSON-serialisable state.
// Pure functions only: no framework or database imports, so workers, API routes and tests share them.
export { classKey, defaultPositiveClass, sortClasses } from "./classes";
export { inferTask } from "./infer";
export { computeQualityMetrics } from "./metrics";
export { addSample, createQualityState, mergeQualityStates } from "./state";
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
