// What the hourly shadow series need of a window, as a mergeable state: a 5-minute bucket is summarised from its
// compared rows once, and an hour merges its 12 buckets (lib/shadow/window-job.ts), so the series never reread an
// hour of raw rows. Agreement, the mean score difference and the accuracy are exact after merging; the latency
// p95 is exact up to 1,024 answered rows per hour and within 1 % past that (lib/rollups/quantile-sketch.ts).
import type { QualityState, Task } from "../quality";
import {
  addSample,
  classKey,
  computeQualityMetrics,
  createQualityState,
  mergeQualityStateInto,
} from "../quality";
import { addTo, mergeSums, sumValue } from "../quality/sum";
import type { CompensatedSum } from "../quality/types";
import {
  addToSketch,
  emptyQuantileSketch,
  mergeQuantileSketchInto,
  type QuantileSketch,
  sketchQuantile,
} from "../rollups/quantile-sketch";
import type { ComparedRow } from "./compare";

export interface ShadowWindowState {
  rows: number;
  /** Rows with both a production and a shadow class, and those where the two agree (by classKey). */
  compared: number;
  agreed: number;
  /** Rows with both scores finite, and the sum of |shadow − production|. */
  scored: number;
  scoreDiff: CompensatedSum;
  latencyMs: QuantileSketch;
  /** The shadow's quality on labeled rows, filled for `task` (empty when the model has no task yet). */
  task: Task | null;
  quality: QualityState;
}

export function emptyShadowState(task: Task | null): ShadowWindowState {
  return {
    rows: 0,
    compared: 0,
    agreed: 0,
    scored: 0,
    scoreDiff: [0, 0],
    latencyMs: emptyQuantileSketch(),
    task,
    quality: createQualityState(),
  };
}

/** Adds one compared row, as agreement(), meanAbsScoreDiff(), latencyPercentiles() and quality() count it. */
export function addComparedRow(state: ShadowWindowState, r: ComparedRow): void {
  state.rows += 1;
  if (r.production !== null && r.shadow !== null) {
    state.compared += 1;
    if (classKey(r.production) === classKey(r.shadow)) state.agreed += 1;
  }
  if (
    r.productionScore !== null &&
    r.shadowScore !== null &&
    Number.isFinite(r.productionScore) &&
    Number.isFinite(r.shadowScore)
  ) {
    state.scored += 1;
    addTo(state.scoreDiff, Math.abs(r.shadowScore - r.productionScore));
  }
  if (r.latencyMs !== null) addToSketch(state.latencyMs, r.latencyMs);
  if (state.task && r.shadow !== null && r.label !== null)
    addSample(
      state.quality,
      { prediction: r.shadow, label: r.label, score: r.shadowScore, scores: r.shadowScores },
      { task: state.task },
    );
}

/** Adds `from` into `into` (in place). Both must have been filled for the same task. */
export function mergeShadowStateInto(into: ShadowWindowState, from: ShadowWindowState): void {
  into.rows += from.rows;
  into.compared += from.compared;
  into.agreed += from.agreed;
  into.scored += from.scored;
  into.scoreDiff = mergeSums(into.scoreDiff, from.scoreDiff);
  mergeQuantileSketchInto(into.latencyMs, from.latencyMs);
  mergeQualityStateInto(into.quality, from.quality);
}

/** The values of the vigil_shadow_* series (null: no point). */
export function shadowSeriesValues(state: ShadowWindowState, positiveClass: string | null) {
  const accuracy =
    state.task && state.quality.labeled > 0
      ? computeQualityMetrics(state.quality, { task: state.task, positiveClass }).accuracy
      : null;
  return {
    agreement: state.task === "regression" || state.compared === 0 ? null : state.agreed / state.compared,
    scoreDiff: state.scored === 0 ? null : sumValue(state.scoreDiff) / state.scored,
    latencyP95: sketchQuantile(state.latencyMs, 0.95),
    accuracy,
  };
}
