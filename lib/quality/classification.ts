// Confusion matrix and precision/recall/F1 as precision_recall_fscore_support(zero_division=0) in
// sklearn 1.2: every rate with a zero denominator is 0, and F1 = 2PR / (P + R) with 0 when P + R = 0.
import { sortClasses } from "./classes";
import { getOwn } from "./maps";
import type { AveragedMetrics, ClassMetrics, QualityState } from "./types";

/** Sorted union of actual and predicted classes among labeled samples. */
export function classesOf(state: QualityState): string[] {
  const seen = new Set<string>();
  for (const actual of Object.keys(state.confusion)) {
    seen.add(actual);
    for (const predicted of Object.keys(state.confusion[actual] ?? {})) seen.add(predicted);
  }
  return sortClasses([...seen]);
}

export function confusionMatrix(state: QualityState, labels: string[]): number[][] {
  return labels.map((actual) => {
    const row = getOwn(state.confusion, actual) ?? {};
    return labels.map((predicted) => getOwn(row, predicted) ?? 0);
  });
}

function divide(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Metrics of one class, one-vs-rest, read off the confusion matrix. */
export function classMetrics(matrix: number[][], index: number): ClassMetrics {
  const tp = matrix[index]?.[index] ?? 0;
  let predicted = 0;
  for (const row of matrix) predicted += row[index] ?? 0;
  let support = 0;
  for (const cell of matrix[index] ?? []) support += cell;
  const precision = divide(tp, predicted);
  const recall = divide(tp, support);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support };
}

export function accuracy(matrix: number[][], labeled: number): number {
  let correct = 0;
  matrix.forEach((row, i) => {
    correct += row[i] ?? 0;
  });
  return correct / labeled;
}

/** average='macro' (plain mean over classes) or 'weighted' (mean weighted by support). */
export function average(perClass: ClassMetrics[], weighted: boolean): AveragedMetrics {
  let weightSum = 0;
  const sums = { precision: 0, recall: 0, f1: 0 };
  for (const m of perClass) {
    const w = weighted ? m.support : 1;
    weightSum += w;
    sums.precision += w * m.precision;
    sums.recall += w * m.recall;
    sums.f1 += w * m.f1;
  }
  // Only reachable with no labeled samples, which callers rule out; sklearn returns 0 there as well.
  if (weightSum === 0) return { precision: 0, recall: 0, f1: 0 };
  return {
    precision: sums.precision / weightSum,
    recall: sums.recall / weightSum,
    f1: sums.f1 / weightSum,
  };
}
