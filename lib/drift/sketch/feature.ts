// One feature's sketch: what a feature value is (missing, number, string, boolean), and both a numeric and a
// categorical summary, so a later type override (numerical ↔ categorical) still has data.
import {
  addCategory,
  type CategoricalSketch,
  categoricalInputOf,
  categoricalView,
  emptyCategorical,
  mergeCategorical,
} from "./categorical";
import {
  addNumber,
  emptyNumeric,
  mergeNumeric,
  type NumericInput,
  type NumericMethod,
  type NumericSketch,
  numericInputOf,
  numericSummary,
} from "./numeric";

export type FeatureType = "numerical" | "categorical";

export interface FeatureSketch {
  /** JSON null, an absent key (undefined), and NaN / ±Infinity (as Evidently drops them). */
  missing: number;
  /** Non-missing values by JSON type. */
  numbers: number;
  strings: number;
  booleans: number;
  /** Every number, and every string that is a JSON number literal ("12.5", not "012" or " 1"). */
  numerical?: NumericSketch;
  /** Every non-missing value as a category key (categoryKey). */
  categorical: CategoricalSketch;
}

export interface SketchSummary {
  /** Non-missing values. */
  count: number;
  missing: number;
  type: FeatureType;
  /** Distinct values: exact up to 64 (numerical) or 500 (categorical), null above. */
  unique: number | null;
  /** Numerical features only (null for categorical ones and when there are no values). */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Population standard deviation (ddof = 0, as np.std). */
  std: number | null;
}

export function emptySketch(): FeatureSketch {
  return { missing: 0, numbers: 0, strings: 0, booleans: 0, categorical: emptyCategorical() };
}

/**
 * The category of a value: strings verbatim, booleans "true" / "false", numbers as JSON writes them
 * (shortest round-trip form; 1 and 1.0 are "1", −0 is "0"). So 1 and "1" are one category.
 */
export function categoryKey(value: number | string | boolean): string {
  return typeof value === "string" ? value : String(value);
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The number a string stands for when it is exactly a JSON number literal, else undefined. */
export function numericString(s: string): number | undefined {
  const c = s.charCodeAt(0);
  if (!(c === 45 || (c >= 48 && c <= 57)) || !JSON_NUMBER.test(s)) return undefined;
  const x = Number(s);
  return Number.isFinite(x) ? x : undefined;
}

function numeric(s: FeatureSketch): NumericSketch {
  if (!s.numerical) s.numerical = emptyNumeric();
  return s.numerical;
}

/**
 * Adds one JSON feature value. null, undefined (absent key), NaN and ±Infinity count as missing; anything that
 * is not a number, string, boolean or one of those (objects, arrays) is a programming error and throws.
 */
export function addValue(s: FeatureSketch, value: unknown): void {
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) {
        s.missing++;
        return;
      }
      s.numbers++;
      addNumber(numeric(s), value);
      addCategory(s.categorical, String(value));
      return;
    case "string": {
      s.strings++;
      const x = numericString(value);
      if (x !== undefined) addNumber(numeric(s), x);
      addCategory(s.categorical, value);
      return;
    }
    case "boolean":
      s.booleans++;
      addCategory(s.categorical, value ? "true" : "false");
      return;
    case "undefined":
      s.missing++;
      return;
    default:
      if (value === null) {
        s.missing++;
        return;
      }
      throw new TypeError(
        `a feature value must be a number, string, boolean or null, not ${Array.isArray(value) ? "an array" : typeof value}`,
      );
  }
}

/** Adds other's values into `into` (other is not changed). */
export function mergeSketches(into: FeatureSketch, other: FeatureSketch): void {
  const o = into === other ? cloneSketch(other) : other;
  into.missing += o.missing;
  into.numbers += o.numbers;
  into.strings += o.strings;
  into.booleans += o.booleans;
  if (o.numerical && o.numerical.count > 0) mergeNumeric(numeric(into), o.numerical);
  mergeCategorical(into.categorical, o.categorical);
}

export function cloneSketch(s: FeatureSketch): FeatureSketch {
  const copy = emptySketch();
  mergeSketches(copy, s);
  return copy;
}

/**
 * Vigil's type for a feature: numerical when every non-missing value is a number (and there is at least one),
 * categorical when any is a string or boolean, or when all are missing.
 */
export function sketchType(s: FeatureSketch): FeatureType {
  return s.numbers > 0 && s.strings === 0 && s.booleans === 0 ? "numerical" : "categorical";
}

/** The same rule over raw JSON values (missing ones ignored). */
export function inferFeatureType(values: Iterable<unknown>): FeatureType {
  let numbers = 0;
  for (const v of values) {
    if (typeof v === "string" || typeof v === "boolean") return "categorical";
    if (typeof v === "number" && Number.isFinite(v)) numbers++;
  }
  return numbers > 0 ? "numerical" : "categorical";
}

export function sketchSummary(s: FeatureSketch): SketchSummary {
  const count = s.numbers + s.strings + s.booleans;
  const type = sketchType(s);
  if (type === "numerical") {
    const n = numericSummary(s.numerical ?? emptyNumeric());
    return {
      count,
      missing: s.missing,
      type,
      unique: n.unique,
      min: n.min,
      max: n.max,
      mean: n.mean,
      std: n.std,
    };
  }
  const v = categoricalView(s.categorical);
  const unique = v.other === 0 ? v.counts.size : null;
  return { count, missing: s.missing, type, unique, min: null, max: null, mean: null, std: null };
}

/**
 * Weighted values for the numerical tests (ks, wasserstein, binned tests). For a categorical feature
 * overridden to numerical, they cover the numbers and numeric strings only. See numeric.ts for `method`.
 */
export function numericInput(s: FeatureSketch, method: "auto" | NumericMethod = "auto"): NumericInput {
  return numericInputOf(s.numerical ?? emptyNumeric(), method);
}

/** Category counts for the categorical tests (chisquare, z, binned tests), every non-missing value. */
export function categoricalInput(s: FeatureSketch): { counts: Map<string, number>; exact: boolean } {
  return categoricalInputOf(s.categorical);
}
