// The numeric half of a feature sketch: exact count, min, max, Σx and Σx²; the exact value → count map while
// there are at most NUMERIC_EXACT_CAP distinct values; past that, log buckets, plus a uniform grid while the data
// are one-signed and narrow (stores.ts), numericInput() taking whichever has the smaller error bound.
import {
  centredSumOfSquares,
  expansionAdd,
  expansionAddAll,
  expansionAddSquare,
  expansionValue,
  MOMENTS_LIMIT,
} from "./moments";
import {
  emptyGrid,
  emptyLogStore,
  GRID_MIN_LEVEL,
  type GridStore,
  gridCell,
  gridFit,
  gridMerge,
  gridRepresentative,
  LOG_MAX_SPAN,
  type LogStore,
  logAdd,
  logIndex,
  logMerge,
  logRepresentative,
  MIN_INDEXABLE,
  pow2,
  SKETCH_RELATIVE_ACCURACY,
} from "./stores";

/** Distinct numeric values counted exactly before switching to histograms. */
export const NUMERIC_EXACT_CAP = 64;

export interface NumericHistograms {
  positive: LogStore;
  negative: LogStore;
  /** Values with |x| < 2^−1022 (zero and subnormals). */
  zero: number;
  /** Present exactly when gridWanted(min, max). */
  grid: GridStore | null;
}

export interface NumericSketch {
  count: number;
  /** Exact extremes; +Infinity / −Infinity while count is 0. */
  min: number;
  max: number;
  /** Exact Σx and Σx² as expansions (moments.ts); empty once `huge`. */
  sum: number[];
  sumSq: number[];
  /** Some |x| ≥ 2^440 was seen: mean and std are unknown. */
  huge: boolean;
  /** Exact value → count while there are at most NUMERIC_EXACT_CAP distinct values, else null. */
  distinct: Map<number, number> | null;
  /** The histograms, present exactly when `distinct` is null. */
  hist: NumericHistograms | null;
}

export function emptyNumeric(): NumericSketch {
  return {
    count: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    sum: [],
    sumSq: [],
    huge: false,
    distinct: new Map(),
    hist: null,
  };
}

export const GRID_MAX_RATIO = 4;

/**
 * The grid is kept only while every value has one sign and max|x| ≤ 4·min|x| (GRID_MAX_RATIO): there the data
 * span fewer than ln 4 / ln γ ≈ 69 log buckets and the grid resolves finer (offset data: latitudes, Kelvin,
 * epoch seconds, where one log bucket can hold the whole feature); anywhere else the log buckets do about as
 * well and the grid is not worth its size. Widening min/max can only turn this off, so it is the same for any
 * merge order.
 */
export function gridWanted(min: number, max: number): boolean {
  return (min > 0 && max <= GRID_MAX_RATIO * min) || (max < 0 && min >= GRID_MAX_RATIO * max);
}

function histAdd(h: NumericHistograms, x: number, count: number): void {
  if (x >= MIN_INDEXABLE) logAdd(h.positive, logIndex(x), count);
  else if (x <= -MIN_INDEXABLE) logAdd(h.negative, logIndex(-x), count);
  else h.zero += count;
  const { grid } = h;
  if (grid) grid.counts[gridCell(x, grid.level) - grid.base]! += count;
}

/** Replaces the exact map by histograms holding the same values (for the sketch's current min and max). */
function materialise(s: NumericSketch, values: Map<number, number>): NumericHistograms {
  const h: NumericHistograms = {
    positive: emptyLogStore(),
    negative: emptyLogStore(),
    zero: 0,
    grid: gridWanted(s.min, s.max) ? emptyGrid(s.min, s.max) : null,
  };
  for (const [v, c] of values) histAdd(h, v, c);
  s.distinct = null;
  s.hist = h;
  return h;
}

/** Adds one finite number (callers filter NaN and ±Infinity). */
export function addNumber(s: NumericSketch, value: number): void {
  const x = value === 0 ? 0 : value; // −0 → 0
  s.count++;
  let widened = false;
  if (x < s.min) {
    s.min = x;
    widened = true;
  }
  if (x > s.max) {
    s.max = x;
    widened = true;
  }
  if (!s.huge) {
    if (Math.abs(x) >= MOMENTS_LIMIT) {
      s.huge = true;
      s.sum = [];
      s.sumSq = [];
    } else {
      expansionAdd(s.sum, x);
      expansionAddSquare(s.sumSq, x);
    }
  }
  const { distinct } = s;
  if (distinct) {
    const c = distinct.get(x);
    if (c !== undefined) distinct.set(x, c + 1);
    else if (distinct.size < NUMERIC_EXACT_CAP) distinct.set(x, 1);
    else histAdd(materialise(s, distinct), x, 1);
    return;
  }
  const h = s.hist!;
  if (widened && h.grid) {
    if (gridWanted(s.min, s.max)) gridFit(h.grid, s.min, s.max);
    else h.grid = null;
  }
  histAdd(h, x, 1);
}

export function mergeNumeric(into: NumericSketch, other: NumericSketch): void {
  if (other.count === 0) return;
  into.count += other.count;
  into.min = Math.min(into.min, other.min);
  into.max = Math.max(into.max, other.max);
  if (into.huge || other.huge) {
    into.huge = true;
    into.sum = [];
    into.sumSq = [];
  } else {
    expansionAddAll(into.sum, other.sum);
    expansionAddAll(into.sumSq, other.sumSq);
  }
  if (into.distinct && other.distinct) {
    const mine = into.distinct;
    let added = 0;
    for (const v of other.distinct.keys()) if (!mine.has(v)) added++;
    if (mine.size + added <= NUMERIC_EXACT_CAP) {
      for (const [v, c] of other.distinct) mine.set(v, (mine.get(v) ?? 0) + c);
      return;
    }
    const union = new Map(mine);
    for (const [v, c] of other.distinct) union.set(v, (union.get(v) ?? 0) + c);
    materialise(into, union);
    return;
  }
  const h = into.hist ?? materialise(into, into.distinct!);
  if (h.grid) {
    if (gridWanted(into.min, into.max)) gridFit(h.grid, into.min, into.max);
    else h.grid = null;
  }
  if (other.distinct) {
    for (const [v, c] of other.distinct) histAdd(h, v, c);
    return;
  }
  const o = other.hist!;
  logMerge(h.positive, o.positive);
  logMerge(h.negative, o.negative);
  h.zero += o.zero;
  // The union wants a grid only if both parts did, so o.grid exists whenever h.grid does.
  if (h.grid) gridMerge(h.grid, o.grid!, into.min, into.max);
}

// ---- reading -----------------------------------------------------------------------------------------------

export interface NumericSummary {
  count: number;
  unique: number | null;
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
}

/** Mean and population standard deviation (ddof = 0, numpy's np.std) from the exact sums. */
export function numericSummary(s: NumericSketch): NumericSummary {
  const unique = s.distinct ? s.distinct.size : null;
  if (s.count === 0) return { count: 0, unique, min: null, max: null, mean: null, std: null };
  const moments = !s.huge;
  return {
    count: s.count,
    unique,
    min: s.min,
    max: s.max,
    mean: moments ? expansionValue(s.sum) / s.count : null,
    std: moments ? Math.sqrt(centredSumOfSquares(s.count, s.sum, s.sumSq) / s.count) : null,
  };
}

export type NumericMethod = "exact" | "log" | "grid";

export interface NumericInput {
  /** Strictly ascending; the first is the exact min and the last the exact max. */
  values: Float64Array;
  /** Counts; they sum to the sketch's numeric count. */
  weights: Float64Array;
  exact: boolean;
  method: NumericMethod;
  /** Every input value is moved by at most this much (absolute). */
  maxAbsError: number;
  /** Upper bound of the 1-Wasserstein distance between the input values and these weighted values. */
  wassersteinBound: number;
}

const LOG_FACTOR = SKETCH_RELATIVE_ACCURACY / (1 - SKETCH_RELATIVE_ACCURACY);

interface Buckets {
  values: number[];
  weights: number[];
  maxAbsError: number;
  errorSum: number;
}

function logBuckets(h: NumericHistograms, build: boolean): Buckets {
  const out: Buckets = { values: [], weights: [], maxAbsError: 0, errorSum: 0 };
  const visit = (store: LogStore, index: number, sign: number): void => {
    const c = store.counts[index - store.offset]!;
    if (c === 0) return;
    const rep = logRepresentative(index);
    // A store at its full span may have folded smaller magnitudes into its lowest bucket: (0, γ^i].
    const folded = index === store.min && store.max - store.min + 1 >= LOG_MAX_SPAN;
    const err = folded ? rep : rep * LOG_FACTOR;
    out.maxAbsError = Math.max(out.maxAbsError, err);
    out.errorSum += err * c;
    if (build) {
      out.values.push(sign * rep);
      out.weights.push(c);
    }
  };
  const { negative: neg, positive: pos } = h;
  for (let i = neg.max; i >= neg.min; i--) visit(neg, i, -1);
  if (h.zero > 0) {
    out.maxAbsError = Math.max(out.maxAbsError, MIN_INDEXABLE);
    out.errorSum += MIN_INDEXABLE * h.zero;
    if (build) {
      out.values.push(0);
      out.weights.push(h.zero);
    }
  }
  for (let i = pos.min; i <= pos.max; i++) visit(pos, i, 1);
  return out;
}

function gridBuckets(g: GridStore): Buckets {
  const out: Buckets = { values: [], weights: [], maxAbsError: 0, errorSum: 0 };
  for (let j = 0; j < g.counts.length; j++) {
    const c = g.counts[j]!;
    if (c === 0) continue;
    out.values.push(gridRepresentative(g.base + j, g.level));
    out.weights.push(c);
  }
  return out;
}

/** Half a grid cell: the most a grid representative is away from any value of its cell. */
function gridError(g: GridStore): number {
  return g.level === GRID_MIN_LEVEL ? 0 : pow2(g.level - 1);
}

/**
 * Puts the exact min and max at the ends: representatives of the first / last bucket are clamped into
 * [min, max] (which moves no value further from its representative) and one unit of weight is moved to the
 * exact extreme. Only the first and last bucket can hold a representative outside [min, max].
 */
function pinEnds(values: number[], weights: number[], min: number, max: number): void {
  const last = values.length - 1;
  values[0] = Math.min(Math.max(values[0]!, min), max);
  values[last] = Math.min(Math.max(values[last]!, min), max);
  if (values[0] !== min) {
    if (weights[0] === 1) values[0] = min;
    else {
      weights[0]!--;
      values.unshift(min);
      weights.unshift(1);
    }
  }
  const end = values.length - 1;
  if (values[end] !== max) {
    if (weights[end] === 1) values[end] = max;
    else {
      weights[end]!--;
      values.push(max);
      weights.push(1);
    }
  }
}

/**
 * Weighted values standing for the sketch's numbers. `method`: "auto" (default) takes the exact map when it
 * still exists, else whichever histogram has the smaller Wasserstein bound (log buckets on ties); "log" or
 * "grid" prefer one (e.g. to treat a reference and a current sketch alike; "grid" falls back to "log" when the
 * sketch keeps no grid). The exact map is always used while it exists.
 */
export function numericInputOf(s: NumericSketch, method: "auto" | NumericMethod = "auto"): NumericInput {
  if (s.count === 0 || s.distinct) {
    const entries = s.distinct ? [...s.distinct].sort((a, b) => a[0] - b[0]) : [];
    return {
      values: Float64Array.from(entries, (e) => e[0]),
      weights: Float64Array.from(entries, (e) => e[1]),
      exact: true,
      method: "exact",
      maxAbsError: 0,
      wassersteinBound: 0,
    };
  }
  const h = s.hist!;
  const { grid } = h;
  const gridErr = grid ? gridError(grid) : Number.POSITIVE_INFINITY;
  let useLog = method === "log" || !grid;
  if (grid && method !== "log" && method !== "grid")
    useLog = logBuckets(h, false).errorSum / s.count <= gridErr;
  const b = useLog || !grid ? logBuckets(h, true) : gridBuckets(grid);
  pinEnds(b.values, b.weights, s.min, s.max);
  return {
    values: Float64Array.from(b.values),
    weights: Float64Array.from(b.weights),
    exact: false,
    method: useLog ? "log" : "grid",
    maxAbsError: useLog ? b.maxAbsError : gridErr,
    wassersteinBound: useLog ? b.errorSum / s.count : gridErr,
  };
}
