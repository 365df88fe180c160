// Keeps score tables bounded. A state's tables hold every distinct score exactly (so ROC AUC and log loss match
// scikit-learn) until one has more than SCORE_TABLE_EXACT_CAP distinct scores; then the state's scores are
// rounded on a logit grid of `scoreStep`, which moves every probability's odds by at most half a step (0.01:
// ≤ 0.5 %), so a sample's log loss changes by at most half a step and only scores that close can tie in the AUC.
// Without this, a day of continuous scores would carry a million keys into every rollup, merge and read.
import { addCounts, child, setOwn } from "./maps";
import type { QualityState, ScoreTable } from "./types";

export const SCORE_TABLE_EXACT_CAP = 4096;
export const SCORE_GRID_STEP = 0.01;

/**
 * The score on a grid of `step` in logit space for probabilities in (0, 1), in log space for other non-zero
 * scores (AUC needs only their order); 0 and 1 stay as they are. Idempotent: a grid point maps to itself.
 */
export function roundScore(score: number, step: number): number {
  if (score === 0 || score === 1 || !Number.isFinite(score)) return score;
  if (score > 0 && score < 1) {
    const logit = Math.round(Math.log(score / (1 - score)) / step) * step;
    return 1 / (1 + Math.exp(-logit));
  }
  return Math.sign(score) * Math.exp(Math.round(Math.log(Math.abs(score)) / step) * step);
}

/** Adds `from` into `into`, its scores rounded on `step` first (0: as they are). */
export function addRoundedTable(into: ScoreTable, from: ScoreTable, step: number): void {
  for (const key of Object.keys(from)) {
    const target = step > 0 ? String(roundScore(Number(key), step)) : key;
    addCounts(child(into, target), from[key] ?? {});
  }
}

function tables(state: QualityState): ScoreTable[] {
  return [state.scoreTable, ...Object.values(state.classScoreTables)];
}

/** Re-rounds every table of the state on `step` (in place). */
function roundState(state: QualityState, step: number): void {
  const out: ScoreTable = {};
  addRoundedTable(out, state.scoreTable, step);
  state.scoreTable = out;
  for (const key of Object.keys(state.classScoreTables)) {
    const table: ScoreTable = {};
    addRoundedTable(table, state.classScoreTables[key] ?? {}, step);
    setOwn(state.classScoreTables, key, table);
  }
  state.scoreStep = step;
}

/** Rounds the state's tables (in place) on the finest grid, doubled as needed, that keeps each within the cap. */
export function boundScoreTables(state: QualityState): void {
  const tooBig = () => tables(state).some((t) => Object.keys(t).length > SCORE_TABLE_EXACT_CAP);
  if (!tooBig()) return;
  let step = state.scoreStep || SCORE_GRID_STEP;
  if (step !== state.scoreStep) roundState(state, step);
  while (tooBig()) {
    step *= 2;
    roundState(state, step);
  }
}

/**
 * Brings `into` to the coarser grid of the two states before `b` is added, and returns that grid (0: both
 * exact), so a merge rounds only what it adds, not the whole accumulated table again.
 */
export function alignScoreSteps(into: QualityState, b: QualityState): number {
  const step = Math.max(into.scoreStep || 0, b.scoreStep || 0);
  if (step > (into.scoreStep || 0)) roundState(into, step);
  return step;
}
