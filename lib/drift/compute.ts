// Drift of every column between a reference and a current set of values: the test Evidently would choose
// (or the configured one), its statistic, threshold and verdict, plus the missing-value shares.

import type { ColumnData, ColumnSet } from "./column-data";
import type { ColumnRole } from "./columns";
import { parseColumnId } from "./columns";
import type { DriftConfig } from "./config";
import { categoricalInput, cloneSketch, mergeSketches, numericInput, sketchSummary } from "./sketch";
import {
  type ColumnType,
  datasetDrift,
  defaultStatTest,
  defaultThreshold,
  runStatTest,
  STAT_TEST_TYPES,
  type StatTestName,
} from "./stattests";

export type DriftMethod = "exact" | "sketch";

export interface ColumnDrift {
  name: string;
  role: ColumnRole;
  type: ColumnType;
  /** null when either side has no values (nothing to test). */
  stattest: StatTestName | null;
  statistic: number | null;
  testStatistic: number | null;
  pValue: number | null;
  threshold: number | null;
  drifted: boolean;
  method: DriftMethod;
  referenceCount: number;
  currentCount: number;
  missingShare: number | null;
  referenceMissingShare: number | null;
  /** The missing share itself changed (two-proportion z-test, p < 0.05). */
  missingDrifted: boolean;
}

export interface DriftResult {
  columns: ColumnDrift[];
  driftShare: number;
  datasetDrift: boolean;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The configured type, else what the reference holds (the current range when the reference is empty). */
export function columnType(
  ref: ColumnData | undefined,
  cur: ColumnData | undefined,
  override?: ColumnType,
): ColumnType {
  if (override) return override;
  const basis = ref?.sketch && sketchSummary(ref.sketch).count > 0 ? ref : cur;
  return basis ? sketchSummary(basis.sketch).type : "categorical";
}

/**
 * Distinct values of reference and current together, as Evidently counts them for its default choice. Above the
 * sketch's exact cap (64) the count is "many": only the ≤ 2 / ≤ 5 boundaries matter.
 */
function uniqueAcross(ref: ColumnData, cur: ColumnData): number {
  const both = cloneSketch(ref.sketch);
  mergeSketches(both, cur.sketch);
  return sketchSummary(both).unique ?? Number.MAX_SAFE_INTEGER;
}

/** Test inputs of one side; numbers from raw values when present (exact), else from the sketch. */
function inputOf(data: ColumnData, type: ColumnType) {
  if (type === "categorical") return categoricalInput(data.sketch);
  if (data.numbers) return { values: Float64Array.from(data.numbers) };
  const { values, weights } = numericInput(data.sketch);
  return { values, weights };
}

/** Rows with a value the test can use: numbers for a numerical column, any value for a categorical one. */
function presentCount(data: ColumnData | undefined, type: ColumnType): number {
  if (!data) return 0;
  if (type === "categorical") return sketchSummary(data.sketch).count;
  if (data.numbers) return data.numbers.length;
  return numericInput(data.sketch).weights.reduce((a, b) => a + b, 0);
}

/** Rows of the column: with a value or missing (a sketch's count leaves the missing out). */
function totalCount(data: ColumnData | undefined): number {
  if (!data) return 0;
  const s = sketchSummary(data.sketch);
  return s.count + s.missing;
}

function missingDrift(refMissing: number, refTotal: number, curMissing: number, curTotal: number): boolean {
  if (refTotal === 0 || curTotal === 0 || refMissing + curMissing === 0) return false;
  const counts = (m: number, t: number) =>
    new Map([
      ["missing", m],
      ["present", t - m],
    ]);
  const z = runStatTest(
    "z",
    "categorical",
    { counts: counts(refMissing, refTotal) },
    { counts: counts(curMissing, curTotal) },
    0.05,
  );
  return z.drifted;
}

export interface DriftOptions {
  stattest?: StatTestName;
  /**
   * evidently: the default test from the distinct values of reference and current together (Evidently's rule);
   * reference: from the reference alone, so hourly series keep one test per column whatever each hour holds.
   */
  choice?: "evidently" | "reference";
}

export function computeDrift(
  reference: ColumnSet,
  current: ColumnSet,
  config: DriftConfig,
  method: DriftMethod,
  options: DriftOptions = {},
): DriftResult {
  const ids = [...new Set([...reference.keys(), ...current.keys()])].sort();
  const columns: ColumnDrift[] = [];
  for (const id of ids) {
    const { role, name } = parseColumnId(id);
    const ref = reference.get(id);
    const cur = current.get(id);
    const override = role === "feature" ? config.columns?.[name] : undefined;
    const type = columnType(ref, cur, override?.type);
    const refTotal = totalCount(ref);
    const curTotal = totalCount(cur);
    const refPresent = presentCount(ref, type);
    const curPresent = presentCount(cur, type);
    const refMissing = refTotal - refPresent;
    const curMissing = curTotal - curPresent;
    const base: ColumnDrift = {
      name,
      role,
      type,
      stattest: null,
      statistic: null,
      testStatistic: null,
      pValue: null,
      threshold: null,
      drifted: false,
      method,
      referenceCount: refTotal,
      currentCount: curTotal,
      missingShare: share(curMissing, curTotal),
      referenceMissingShare: share(refMissing, refTotal),
      missingDrifted: missingDrift(refMissing, refTotal, curMissing, curTotal),
    };
    if (!ref || !cur || refPresent === 0 || curPresent === 0) {
      columns.push(base);
      continue;
    }
    const unique =
      options.choice === "reference"
        ? (sketchSummary(ref.sketch).unique ?? Number.MAX_SAFE_INTEGER)
        : uniqueAcross(ref, cur);
    const chosen = options.stattest ?? override?.stattest ?? config.stattest;
    // A requested or configured test that does not take this column's type (ks on categories, tvd on numbers)
    // gives way to the default for the column, as a model-wide setting must not break the other columns.
    const test =
      chosen && STAT_TEST_TYPES[chosen].includes(type) ? chosen : defaultStatTest(type, refPresent, unique);
    const threshold = override?.threshold ?? config.threshold ?? defaultThreshold(test);
    const r = runStatTest(test, type, inputOf(ref, type), inputOf(cur, type), threshold);
    columns.push({
      ...base,
      stattest: r.stattest,
      statistic: r.statistic,
      testStatistic: r.testStatistic,
      pValue: r.pValue,
      threshold: r.threshold,
      drifted: r.drifted,
    });
  }
  const features = columns.filter((c) => c.role === "feature" && c.stattest !== null);
  const { driftShare, datasetDrift: drifted } = datasetDrift(
    features.map((c) => c.drifted),
    config.driftShare,
  );
  return { columns, driftShare, datasetDrift: drifted };
}
