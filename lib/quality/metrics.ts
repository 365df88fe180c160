// Turns a QualityState into the metrics the dashboard shows, matching scikit-learn 1.2 on the same
// labeled samples (see tests/fixtures/quality/generate.py for the reference calls).
import { defaultPositiveClass } from "./classes";
import { accuracy, average, classesOf, classMetrics, confusionMatrix } from "./classification";
import { addTable, getOwn } from "./maps";
import { regressionMetrics } from "./regression";
import { binaryLogLoss, rocAuc, tableSize } from "./roc";
import { sumValue } from "./sum";
import type { ClassMetrics, QualityMetrics, QualityOptions, QualityState, ScoreTable } from "./types";

function emptyMetrics(state: QualityState): QualityMetrics {
  return {
    count: state.count,
    labeled: state.labeled,
    accuracy: null,
    precision: null,
    recall: null,
    f1: null,
    rocAuc: null,
    logLoss: null,
    confusionMatrix: null,
    perClass: null,
    macro: null,
    weighted: null,
    mae: null,
    rmse: null,
    r2: null,
  };
}

/**
 * Binary probabilities: `score` where a sample had one, else `scores[positive]`. Usable only when every
 * labeled sample contributed one, so AUC and log loss never silently cover a subset.
 */
function binaryProbabilities(state: QualityState, positive: string): ScoreTable | null {
  const table: ScoreTable = {};
  addTable(table, state.scoreTable);
  addTable(table, getOwn(state.classScoreTables, positive) ?? {});
  return tableSize(table) === state.labeled ? table : null;
}

/**
 * Multiclass one-vs-rest ROC AUC (macro) and log loss over `classes` as columns. Null unless every labeled
 * row had a score for exactly those classes. sklearn 1.2's roc_auc_score also refuses rows that do not sum
 * to 1 (np.allclose) and classes without positives or negatives; log_loss renormalises rows instead.
 */
function multiclassProbabilityMetrics(
  state: QualityState,
  classes: string[],
): { rocAuc: number | null; logLoss: number | null } {
  const columns = Object.keys(state.classScoreTables);
  const complete =
    state.multiclassScored === state.labeled &&
    columns.every((c) => classes.includes(c)) &&
    classes.every((c) => tableSize(getOwn(state.classScoreTables, c) ?? {}) === state.labeled);
  if (!complete) return { rocAuc: null, logLoss: null };
  const logLoss = sumValue(state.logLossSum) / state.labeled;
  if (state.unnormalisedRows > 0) return { rocAuc: null, logLoss };
  let sum = 0;
  for (const c of classes) {
    const auc = rocAuc(getOwn(state.classScoreTables, c) ?? {}, c);
    if (auc === null) return { rocAuc: null, logLoss };
    sum += auc;
  }
  return { rocAuc: sum / classes.length, logLoss };
}

/**
 * Metrics for `opts.task`. Binary: precision/recall/F1 are for the positive class (opts.positiveClass, else
 * defaultPositiveClass); with more than two classes sklearn would raise, here it is one-vs-rest. Multiclass:
 * the top-level precision/recall/F1 are the macro averages. The state must have been filled with the same
 * task, since binary and multiclass keep their scores differently.
 */
export function computeQualityMetrics(state: QualityState, opts: QualityOptions): QualityMetrics {
  const out = emptyMetrics(state);
  if (state.labeled === 0) return out;
  if (opts.task === "regression") return { ...out, ...regressionMetrics(state.regression) };

  const labels = classesOf(state);
  const matrix = confusionMatrix(state, labels);
  const perClassList: ClassMetrics[] = labels.map((_, i) => classMetrics(matrix, i));
  const perClass: Record<string, ClassMetrics> = {};
  labels.forEach((label, i) => {
    const m = perClassList[i];
    if (m)
      Object.defineProperty(perClass, label, {
        value: m,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  });
  const macro = average(perClassList, false);
  out.accuracy = accuracy(matrix, state.labeled);
  out.confusionMatrix = { labels, matrix };
  out.perClass = perClass;
  out.macro = macro;
  out.weighted = average(perClassList, true);

  if (opts.task === "multiclass") {
    Object.assign(out, { precision: macro.precision, recall: macro.recall, f1: macro.f1 });
    return { ...out, ...multiclassProbabilityMetrics(state, labels) };
  }

  const positive = opts.positiveClass ?? defaultPositiveClass(labels) ?? "";
  const index = labels.indexOf(positive);
  // A positive class never seen gets sklearn's zero_division=0 values rather than an error.
  const own = index >= 0 ? classMetrics(matrix, index) : { precision: 0, recall: 0, f1: 0 };
  Object.assign(out, { precision: own.precision, recall: own.recall, f1: own.f1 });
  const table = binaryProbabilities(state, positive);
  if (table) {
    out.rocAuc = rocAuc(table, positive);
    out.logLoss = binaryLogLoss(table, positive);
  }
  return out;
}
