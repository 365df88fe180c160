// Column drift tests equal to Evidently's legacy stattests (evidently/legacy/calculations/stattests/*), with
// scipy 1.10 / numpy 1.24 numerics. Pure functions over typed arrays; each file's header states the Evidently
// rule it follows (thresholds, comparisons, binning, zero-share filling) and Vigil's rules for weights and edge cases.

import { binnedShares } from "./binning";
import { chiSquareTest } from "./chisquare";
import { jensenShannonDistance, klDivergence, psiValue } from "./divergence";
import { hellingerCategorical, hellingerNumerical } from "./hellinger";
import { categoricalKeyed, type KeyedPair, numericKeyed } from "./keyed";
import { ksTest } from "./ks";
import { tvdTest } from "./tvd";
import {
  type CategoricalSample,
  type ColumnType,
  isCategoricalSample,
  isNumericSample,
  missingShare,
  type Numeric,
  type NumericSample,
  normalizeCounts,
  normalizeNumeric,
  type StatTestName,
  type StatTestResult,
} from "./types";
import { wassersteinNormed } from "./wasserstein";
import { zTest } from "./z";

export { P_VALUE_TESTS, STAT_TEST_TYPES, STAT_TESTS } from "../stattest-names";

import { P_VALUE_TESTS, STAT_TEST_TYPES } from "../stattest-names";

export type { CategoricalSample, ColumnType, NumericSample, StatTestName, StatTestResult } from "./types";

/** Evidently's StatTest.default_threshold per test. */
export function defaultThreshold(test: StatTestName): number {
  switch (test) {
    case "ks":
    case "chisquare":
    case "z":
      return 0.05;
    case "wasserstein":
    case "jensenshannon":
    case "psi":
    case "kl_div":
    case "hellinger":
    case "tvd":
      return 0.1;
  }
}

/**
 * Evidently's default test (registry.py, _get_default_stattest). `referenceCount` is the number of non-missing
 * reference values (Σ weights); `uniqueValues` is the number of distinct non-missing values in reference and
 * current TOGETHER (Evidently: pd.concat([reference, current]).nunique()). Only whether it is <= 2, <= 5 or more
 * matters, so a sketch that counts distinct values up to a cap >= 6 can pass min(count, cap).
 *
 * reference n <= 1000: numerical with > 5 values → ks; numerical with 3–5 values and categorical with > 2 →
 * chisquare; <= 2 values → z.  n > 1000: numerical with > 5 values → wasserstein; otherwise jensenshannon.
 */
export function defaultStatTest(
  type: ColumnType,
  referenceCount: number,
  uniqueValues: number,
): StatTestName {
  if (referenceCount <= 1000) {
    if (type === "numerical" && uniqueValues > 5) return "ks";
    return uniqueValues > 2 ? "chisquare" : "z";
  }
  if (type === "numerical" && uniqueValues > 5) return "wasserstein";
  return "jensenshannon";
}

/**
 * Evidently's get_dataset_drift (data_drift.py): share = drifted / columns, dataset drift when share >= drift_share
 * (default 0.5, DataDriftOptions). No columns: share 0, no drift (Evidently divides by zero).
 */
export function datasetDrift(drifted: boolean[], share = 0.5): { driftShare: number; datasetDrift: boolean } {
  if (drifted.length === 0) return { driftShare: 0, datasetDrift: false };
  let n = 0;
  for (const d of drifted) if (d) n++;
  const driftShare = n / drifted.length;
  return { driftShare, datasetDrift: driftShare >= share };
}

/** Distinct non-missing values of reference and current together (the `uniqueValues` of defaultStatTest). */
export function countUniqueValues(
  reference: NumericSample | CategoricalSample,
  current: NumericSample | CategoricalSample,
): number {
  if (isNumericSample(reference) && isNumericSample(current)) {
    const seen = new Set<number>();
    for (const s of [normalizeNumeric(reference, "reference"), normalizeNumeric(current, "current")]) {
      for (const v of s.values) seen.add(v);
    }
    return seen.size;
  }
  if (isCategoricalSample(reference) && isCategoricalSample(current)) {
    const seen = new Set<string>();
    for (const [k, c] of reference.counts) if (c > 0) seen.add(k);
    for (const [k, c] of current.counts) if (c > 0) seen.add(k);
    return seen.size;
  }
  throw new Error(
    "countUniqueValues: reference and current must both be numeric or both categorical samples",
  );
}

/** Evidently's drift decision per test (each stattest file's return statement). */
function isDrifted(test: StatTestName, statistic: number, threshold: number): boolean {
  switch (test) {
    case "ks":
      return statistic <= threshold;
    case "chisquare":
    case "z":
    case "tvd":
      return statistic < threshold;
    default:
      return statistic >= threshold;
  }
}

type Prepared =
  | { type: "numerical"; reference: Numeric; current: Numeric }
  | {
      type: "categorical";
      reference: { counts: Map<string, number>; total: number };
      current: { counts: Map<string, number>; total: number };
    };

function keyedOf(p: Prepared): KeyedPair<number> | KeyedPair<string> {
  return p.type === "numerical"
    ? numericKeyed(p.reference, p.current)
    : categoricalKeyed(p.reference, p.current);
}

/**
 * Runs one drift test. Throws when the test does not apply to the column type, or when a sample does not match
 * it (numerical → NumericSample, categorical → CategoricalSample), or on invalid inputs (non-finite values,
 * negative weights). An empty reference or current (no non-missing values) gives statistic NaN, not drifted.
 */
export function runStatTest(
  test: StatTestName,
  type: ColumnType,
  reference: NumericSample | CategoricalSample,
  current: NumericSample | CategoricalSample,
  threshold?: number,
): StatTestResult {
  const allowed = STAT_TEST_TYPES[test];
  if (!allowed) throw new Error(`unknown stat test "${String(test)}"`);
  if (!allowed.includes(type)) {
    throw new Error(
      `stat test "${test}" does not apply to ${type} columns (it takes: ${allowed.join(", ")})`,
    );
  }
  const thr = threshold ?? defaultThreshold(test);
  if (!Number.isFinite(thr)) throw new Error(`stat test "${test}": threshold ${thr} is not a finite number`);

  let prepared: Prepared;
  if (type === "numerical") {
    if (!isNumericSample(reference) || !isNumericSample(current)) {
      throw new Error(
        `numerical column: reference and current must be NumericSample ({ values: Float64Array })`,
      );
    }
    prepared = {
      type,
      reference: normalizeNumeric(reference, "reference"),
      current: normalizeNumeric(current, "current"),
    };
  } else {
    if (!isCategoricalSample(reference) || !isCategoricalSample(current)) {
      throw new Error(
        `categorical column: reference and current must be CategoricalSample ({ counts: Map })`,
      );
    }
    prepared = {
      type,
      reference: normalizeCounts(reference, "reference"),
      current: normalizeCounts(current, "current"),
    };
  }
  const refTotal = prepared.reference.total;
  const curTotal = prepared.current.total;
  const base = {
    stattest: test,
    threshold: thr,
    referenceMissingShare: missingShare(reference.missing, refTotal, "reference"),
    currentMissingShare: missingShare(current.missing, curTotal, "current"),
  };
  const isP = P_VALUE_TESTS.has(test);
  if (!(refTotal > 0) || !(curTotal > 0)) {
    return {
      ...base,
      statistic: Number.NaN,
      testStatistic: Number.NaN,
      pValue: isP ? Number.NaN : null,
      drifted: false,
    };
  }

  let statistic: number;
  let testStatistic: number;
  switch (test) {
    case "ks": {
      if (prepared.type !== "numerical") throw new Error("unreachable");
      const r = ksTest(prepared.reference, prepared.current);
      statistic = r.pValue;
      testStatistic = r.d;
      break;
    }
    case "chisquare": {
      const r = chiSquareTest(keyedOf(prepared) as KeyedPair<unknown>);
      statistic = r.pValue;
      testStatistic = r.chi2;
      break;
    }
    case "z": {
      const r = zTest(keyedOf(prepared) as KeyedPair<unknown>);
      statistic = r.pValue;
      testStatistic = r.z;
      break;
    }
    case "tvd": {
      if (prepared.type !== "categorical") throw new Error("unreachable");
      const r = tvdTest(prepared.reference, prepared.current);
      statistic = r.pValue;
      testStatistic = r.tvd;
      break;
    }
    case "wasserstein": {
      if (prepared.type !== "numerical") throw new Error("unreachable");
      statistic = wassersteinNormed(prepared.reference, prepared.current);
      testStatistic = statistic;
      break;
    }
    case "hellinger": {
      statistic =
        prepared.type === "numerical"
          ? hellingerNumerical(prepared.reference, prepared.current)
          : hellingerCategorical(keyedOf(prepared) as KeyedPair<unknown>);
      testStatistic = statistic;
      break;
    }
    case "psi":
    case "kl_div":
    case "jensenshannon": {
      const shares = binnedShares(prepared, test !== "jensenshannon");
      statistic =
        test === "psi"
          ? psiValue(shares.reference, shares.current)
          : test === "kl_div"
            ? klDivergence(shares.reference, shares.current)
            : jensenShannonDistance(shares.reference, shares.current);
      testStatistic = statistic;
      break;
    }
  }
  return {
    ...base,
    statistic,
    testStatistic,
    pValue: isP ? statistic : null,
    drifted: isDrifted(test, statistic, thr),
  };
}
