// ROC AUC and binary log loss from score tables (score -> label counts). Keeping every distinct score
// with its label mix is what makes the AUC exact under ties and mergeable across chunks.
import { getOwn, total } from "./maps";
import { clipProbability } from "./state";
import type { ScoreTable } from "./types";

interface Group {
  score: number;
  positives: number;
  negatives: number;
}

function groups(table: ScoreTable, positive: string): Group[] {
  return Object.keys(table).map((key) => {
    const counts = table[key] ?? {};
    const positives = getOwn(counts, positive) ?? 0;
    return { score: Number(key), positives, negatives: total(counts) - positives };
  });
}

/**
 * roc_auc_score(y == positive, score): trapezoids over distinct thresholds, high to low, so tied scores
 * form one diagonal step (the "ties average" of sklearn's roc_curve). Sums stay in integers and are
 * divided once at the end. Null when either class is absent, where sklearn raises.
 */
export function rocAuc(table: ScoreTable, positive: string): number | null {
  const rows = groups(table, positive).sort((a, b) => b.score - a.score);
  let tp = 0;
  let fp = 0;
  let twiceArea = 0;
  for (const row of rows) {
    twiceArea += row.negatives * (2 * tp + row.positives);
    tp += row.positives;
    fp += row.negatives;
  }
  if (tp === 0 || fp === 0) return null;
  return twiceArea / (2 * tp * fp);
}

/**
 * log_loss(y == positive, p, labels=[False, True]) for sklearn 1.2: p is clipped to [eps, 1 - eps], the
 * row [1 - p, p] is renormalised by its (float) sum, and the loss is averaged. Passing both labels keeps
 * it defined when only one class occurs. Null for an empty table.
 */
export function binaryLogLoss(table: ScoreTable, positive: string): number | null {
  let loss = 0;
  let n = 0;
  for (const row of groups(table, positive)) {
    const p = clipProbability(row.score);
    const rowSum = 1 - p + p;
    if (row.positives > 0) loss += row.positives * -Math.log(p / rowSum);
    if (row.negatives > 0) loss += row.negatives * -Math.log((1 - p) / rowSum);
    n += row.positives + row.negatives;
  }
  return n === 0 ? null : loss / n;
}

/** Number of samples in a table. */
export function tableSize(table: ScoreTable): number {
  let n = 0;
  for (const key of Object.keys(table)) n += total(table[key] ?? {});
  return n;
}
