// The mergeable state: what each sample adds, and how two states combine. Everything here is a count or
// a compensated sum, so merge(a, b) holds exactly what one pass over both sample sets would hold.
import { classKey } from "./classes";
import { addCounts, bump, child } from "./maps";
import { addRoundedTable, alignScoreSteps, boundScoreTables } from "./score-bound";
import { addTo, mergeSums } from "./sum";
import type { QualityOptions, QualitySample, QualityState, RawValue, ScoreTable } from "./types";

/** np.finfo(np.float64).eps: sklearn 1.2's log_loss(eps="auto") clips to [eps, 1 - eps]. */
export const LOG_LOSS_EPS = Number.EPSILON;

export function clipProbability(p: number): number {
  return Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
}

export function createQualityState(): QualityState {
  return {
    version: 1,
    count: 0,
    labeled: 0,
    confusion: {},
    scoreTable: {},
    classScoreTables: {},
    multiclassScored: 0,
    unnormalisedRows: 0,
    logLossSum: [0, 0],
    regression: { n: 0, absError: [0, 0], sqError: [0, 0], labelMean: 0, labelM2: 0 },
  };
}

/** A finite number from a number or numeric-string value; booleans and other strings are not numbers. */
function toNumber(v: RawValue): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** The scores row if every value is finite; a row with NaN/Infinity is treated as no scores at all. */
function usableScores(scores: Record<string, number> | null | undefined): Record<string, number> | null {
  if (!scores) return null;
  const keys = Object.keys(scores);
  if (keys.length === 0 || keys.some((k) => !Number.isFinite(scores[k]))) return null;
  return scores;
}

function addToTable(table: ScoreTable, score: number, label: string): void {
  bump(child(table, String(score)), label);
}

function addRegression(state: QualityState, prediction: number, label: number): void {
  const r = state.regression;
  const error = label - prediction;
  r.n += 1;
  addTo(r.absError, Math.abs(error));
  addTo(r.sqError, error * error);
  // Welford update of the label mean/M2 (r2's denominator).
  const delta = label - r.labelMean;
  r.labelMean += delta / r.n;
  r.labelM2 += delta * (label - r.labelMean);
}

/**
 * Per-sample multiclass bookkeeping. Log loss needs the row sum of the clipped row (sklearn renormalises
 * rows), which is only known here, so the loss is summed now; it is valid only when every labeled row
 * holds exactly the final class set, which computeQualityMetrics checks from the class tables.
 */
function addMulticlassScores(state: QualityState, scores: Record<string, number>, label: string): void {
  let rawSum = 0;
  let clippedSum = 0;
  for (const key of Object.keys(scores)) {
    const p = scores[key] ?? 0;
    addToTable(child(state.classScoreTables, key), p, label);
    rawSum += p;
    clippedSum += clipProbability(p);
  }
  // np.allclose(1, rowsum): |1 - s| <= 1e-8 + 1e-5 * |s|.
  if (Math.abs(1 - rawSum) > 1e-8 + 1e-5 * Math.abs(rawSum)) state.unnormalisedRows += 1;
  const own = Object.hasOwn(scores, label) ? scores[label] : undefined;
  if (own === undefined) return;
  state.multiclassScored += 1;
  addTo(state.logLossSum, -Math.log(clipProbability(own) / clippedSum));
}

/**
 * Adds one sample. Every sample counts in `count`; only labeled ones (and, for regression, ones whose
 * prediction and label are finite numbers or numeric strings) enter the metrics. `opts.positiveClass` is
 * not needed here: the state keeps every class so the positive class can be chosen when reading.
 */
export function addSample(state: QualityState, s: QualitySample, opts: QualityOptions): void {
  state.count += 1;
  if (s.label === undefined || s.label === null) return;

  if (opts.task === "regression") {
    const prediction = toNumber(s.prediction);
    const label = toNumber(s.label);
    if (prediction === null || label === null) return;
    state.labeled += 1;
    addRegression(state, prediction, label);
    return;
  }

  state.labeled += 1;
  const actual = classKey(s.label);
  bump(child(state.confusion, actual), classKey(s.prediction));
  const scores = usableScores(s.scores);

  if (opts.task === "binary") {
    // `score` wins; `scores` is the fallback, kept per class because the positive class is chosen later.
    if (typeof s.score === "number" && Number.isFinite(s.score))
      addToTable(state.scoreTable, s.score, actual);
    else if (scores) {
      for (const key of Object.keys(scores))
        addToTable(child(state.classScoreTables, key), scores[key] ?? 0, actual);
    }
    return;
  }
  if (scores) addMulticlassScores(state, scores, actual);
}

function cloneState(s: QualityState): QualityState {
  return JSON.parse(JSON.stringify(s)) as QualityState;
}

/** Pure: neither input is modified. Metrics of the result equal metrics of all samples of a and b. */
export function mergeQualityStates(a: QualityState, b: QualityState): QualityState {
  const out = cloneState(a);
  mergeQualityStateInto(out, b);
  return out;
}

/**
 * Adds `b` into `into` (in place; `b` is not modified), then bounds the score tables (score-bound.ts): exact
 * while each holds at most SCORE_TABLE_EXACT_CAP distinct scores, as every sample set below that size is.
 */
export function mergeQualityStateInto(into: QualityState, b: QualityState): void {
  into.count += b.count;
  into.labeled += b.labeled;
  for (const actual of Object.keys(b.confusion))
    addCounts(child(into.confusion, actual), b.confusion[actual] ?? {});
  const step = alignScoreSteps(into, b);
  const rounding = step === (b.scoreStep || 0) ? 0 : step; // b's scores already lie on the grid
  addRoundedTable(into.scoreTable, b.scoreTable, rounding);
  for (const key of Object.keys(b.classScoreTables)) {
    addRoundedTable(child(into.classScoreTables, key), b.classScoreTables[key] ?? {}, rounding);
  }
  into.multiclassScored += b.multiclassScored;
  into.unnormalisedRows += b.unnormalisedRows;
  into.logLossSum = mergeSums(into.logLossSum, b.logLossSum);

  // Chan et al.'s pairwise combination of mean and M2.
  const ra = into.regression;
  const rb = b.regression;
  const n = ra.n + rb.n;
  if (rb.n > 0) {
    const delta = rb.labelMean - ra.labelMean;
    ra.labelM2 = ra.labelM2 + rb.labelM2 + (delta * delta * ra.n * rb.n) / n;
    ra.labelMean = ra.n === 0 ? rb.labelMean : ra.labelMean + (delta * rb.n) / n;
    ra.n = n;
    ra.absError = mergeSums(ra.absError, rb.absError);
    ra.sqError = mergeSums(ra.sqError, rb.sqError);
  }
  boundScoreTables(into);
}
