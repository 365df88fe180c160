// Compact JSON for a feature sketch (format version 1), and a parser that checks every field.
//
// {"v":1, "alpha":0.01, "missing":M, "kinds":[numbers, strings, booleans],
//  "num":{"count":N, "min":x, "max":y, "sum":[…], "sumSq":[…],     ("huge":true instead of the sums past 2^440)
//         "values":[v₁, c₁, v₂, c₂, …]                               (exact map, ascending values)
//      or "pos":[first, RUNS], "neg":[first, RUNS], "zero":Z,        (log buckets; each absent when empty)
//         "grid":[level, RUNS]},                                     (present exactly when gridWanted(min, max))
//  "cat":{"other":O, "counts":[key₁, count₁, key₂, count₂, …]}}      (cap applied, keys in code-unit order;
//                                                                     absent when it is num.values stringified)
//
// RUNS is runs.ts's string; the grid's first cell is the cell of min. Sums are canonical expansions, so equal
// sketches serialise to equal strings. "num" is absent when no value was numeric.
import { CATEGORY_CAP, type CategoricalSketch, categoricalView, emptyCategorical } from "./categorical";
import { type FeatureSketch, mergeSketches } from "./feature";
import { canonicalExpansion, MOMENTS_LIMIT } from "./moments";
import {
  emptyNumeric,
  gridWanted,
  NUMERIC_EXACT_CAP,
  type NumericHistograms,
  type NumericSketch,
} from "./numeric";
import { decodeRuns, encodeRuns } from "./runs";
import {
  emptyLogStore,
  GRID_CELLS,
  gridCell,
  gridLevel,
  LOG_MAX_SPAN,
  type LogStore,
  SKETCH_RELATIVE_ACCURACY,
} from "./stores";

export const SKETCH_FORMAT_VERSION = 1;

function encodeStore(store: LogStore): [number, string] | undefined {
  const r = encodeRuns(store.counts, store.offset, store.min, store.max);
  return r ? [r.first, r.runs] : undefined;
}

function encodeNumeric(n: NumericSketch): Record<string, unknown> {
  const out: Record<string, unknown> = { count: n.count, min: n.min, max: n.max };
  if (n.huge) out.huge = true;
  else {
    out.sum = canonicalExpansion(n.sum);
    out.sumSq = canonicalExpansion(n.sumSq);
  }
  if (n.distinct) {
    out.values = [...n.distinct].sort((a, b) => a[0] - b[0]).flat();
    return out;
  }
  const h = n.hist!;
  out.pos = encodeStore(h.positive);
  out.neg = encodeStore(h.negative);
  if (h.zero > 0) out.zero = h.zero;
  const g = h.grid;
  if (g) out.grid = [g.level, encodeRuns(g.counts, g.base, g.base, g.base + GRID_CELLS - 1)!.runs];
  return out;
}

/** Whether the categorical side is just the numeric exact map stringified (then it is not written). */
function derivable(s: FeatureSketch): boolean {
  const c = s.categorical;
  if (c.count === 0) return true;
  const distinct = s.numerical?.distinct;
  if (s.strings > 0 || s.booleans > 0 || !distinct || c.other > 0 || c.counts.size !== distinct.size)
    return false;
  for (const [v, n] of distinct) if (c.counts.get(String(v)) !== n) return false;
  return true;
}

/**
 * A purely numeric column past the exact cap holds continuous values: as categories they are hundreds of
 * near-singletons (90% of a stored sketch's bytes) that no test can use, so only their total is stored — a
 * categorical override of such a column sees one "__other__" category.
 */
function continuousNumeric(s: FeatureSketch): boolean {
  return s.strings === 0 && s.booleans === 0 && s.numerical !== undefined && s.numerical.distinct === null;
}

function encodeCategorical(s: FeatureSketch): Record<string, unknown> {
  if (continuousNumeric(s)) return { other: s.categorical.count, counts: [] };
  const v = categoricalView(s.categorical);
  return { other: v.other, counts: [...v.counts].flat() };
}

export function serializeSketch(s: FeatureSketch): string {
  const out: Record<string, unknown> = {
    v: SKETCH_FORMAT_VERSION,
    alpha: SKETCH_RELATIVE_ACCURACY,
    missing: s.missing,
    kinds: [s.numbers, s.strings, s.booleans],
  };
  if (s.numerical && s.numerical.count > 0) out.num = encodeNumeric(s.numerical);
  if (!derivable(s)) out.cat = encodeCategorical(s);
  return JSON.stringify(out);
}

// ---- parsing -----------------------------------------------------------------------------------------------

function fail(message: string): never {
  throw new Error(`invalid feature sketch: ${message}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function count(v: unknown, what: string, positive = false): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < (positive ? 1 : 0))
    fail(`${what} must be a ${positive ? "positive" : "non-negative"} integer`);
  return v;
}

function finite(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(`${what} must be a finite number`);
  return v === 0 ? 0 : v;
}

function array(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) fail(`${what} must be an array`);
  return v;
}

// Runs decode into these buffers first (no allocation per sketch); parseSketch copies out of them, while
// mergeSerializedSketch merges straight from them (merging never keeps references to its source's arrays).
const SCRATCH_POS = new Float64Array(LOG_MAX_SPAN);
const SCRATCH_NEG = new Float64Array(LOG_MAX_SPAN);
const SCRATCH_GRID = new Float64Array(GRID_CELLS);

function parseLogStore(
  v: unknown,
  what: string,
  scratch: Float64Array,
  copy: boolean,
): { store: LogStore; total: number } {
  if (v === undefined) return { store: emptyLogStore(), total: 0 };
  const pair = array(v, what);
  const first = pair[0];
  if (pair.length !== 2 || typeof first !== "number" || !Number.isSafeInteger(first) || Math.abs(first) > 1e6)
    fail(`${what} must be [first index, runs]`);
  const { span, total } = decodeRuns(pair[1], scratch, LOG_MAX_SPAN, (reason) => fail(`${what} ${reason}`));
  const counts = copy ? scratch.slice(0, span) : scratch;
  return { store: { offset: first, counts, min: first, max: first + span - 1 }, total };
}

function parseHistograms(o: Record<string, unknown>, n: NumericSketch, copy: boolean): NumericHistograms {
  const pos = parseLogStore(o.pos, "num.pos", SCRATCH_POS, copy);
  const neg = parseLogStore(o.neg, "num.neg", SCRATCH_NEG, copy);
  const zero = o.zero === undefined ? 0 : count(o.zero, "num.zero", true);
  if (pos.total + neg.total + zero !== n.count) fail("log bucket counts do not add up to num.count");
  const h: NumericHistograms = { positive: pos.store, negative: neg.store, zero, grid: null };
  if (!gridWanted(n.min, n.max)) {
    if (o.grid !== undefined) fail("num.grid is present although min and max want none");
    return h;
  }
  const pair = array(o.grid, "num.grid");
  const level = pair[0];
  if (pair.length !== 2 || level !== gridLevel(n.min, n.max))
    fail("num.grid must be [level of min and max, runs]");
  const { span, total } = decodeRuns(pair[1], SCRATCH_GRID, GRID_CELLS, (reason) =>
    fail(`num.grid ${reason}`),
  );
  const base = gridCell(n.min, level);
  if (base + span - 1 !== gridCell(n.max, level)) fail("num.grid does not end at the cell of max");
  if (total !== n.count) fail("grid counts do not add up to num.count");
  SCRATCH_GRID.fill(0, span);
  h.grid = { level, base, counts: copy ? SCRATCH_GRID.slice() : SCRATCH_GRID };
  return h;
}

function parseNumeric(v: unknown, copy: boolean): NumericSketch {
  if (!isRecord(v)) fail("num must be an object");
  const n = emptyNumeric();
  n.count = count(v.count, "num.count", true);
  n.min = finite(v.min, "num.min");
  n.max = finite(v.max, "num.max");
  if (n.min > n.max) fail("num.min is above num.max");
  const big = Math.max(Math.abs(n.min), Math.abs(n.max)) >= MOMENTS_LIMIT;
  if (v.huge === true) {
    if (!big) fail("num.huge is set but no value is that large");
    n.huge = true;
  } else {
    if (v.huge !== undefined || big) fail("num.huge must be true exactly when a value reaches 2^440");
    for (const key of ["sum", "sumSq"] as const) {
      const parts = array(v[key], `num.${key}`);
      if (parts.length > 64) fail(`num.${key} is too long`);
      n[key] = parts.map((x) => finite(x, `num.${key}`));
    }
  }
  if (v.values !== undefined) {
    const flat = array(v.values, "num.values");
    if (flat.length % 2 !== 0 || flat.length === 0 || flat.length > 2 * NUMERIC_EXACT_CAP)
      fail("num.values must hold 1 to 64 value, count pairs");
    const map = new Map<number, number>();
    let total = 0;
    let previous = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < flat.length; i += 2) {
      const x = finite(flat[i], "num.values");
      if (x <= previous) fail("num.values must be strictly ascending");
      previous = x;
      const c = count(flat[i + 1], "num.values count", true);
      map.set(x, c);
      total += c;
    }
    if (total !== n.count) fail("num.values counts do not add up to num.count");
    if (flat[0] !== n.min || previous !== n.max) fail("num.values do not match num.min and num.max");
    n.distinct = map;
  } else {
    n.distinct = null;
    n.hist = parseHistograms(v, n, copy);
  }
  return n;
}

function parseCategorical(v: unknown, total: number): CategoricalSketch {
  if (!isRecord(v)) fail("cat must be an object");
  const other = count(v.other, "cat.other");
  const flat = array(v.counts, "cat.counts");
  if (flat.length % 2 !== 0) fail("cat.counts must hold key, count pairs");
  if (flat.length > 2 * CATEGORY_CAP) fail(`cat.counts holds more than ${CATEGORY_CAP} categories`);
  const counts = new Map<string, number>();
  let sum = other;
  for (let i = 0; i < flat.length; i += 2) {
    const key = flat[i];
    if (typeof key !== "string") fail("cat.counts keys must be strings");
    if (counts.has(key)) fail(`cat.counts repeats the category ${JSON.stringify(key.slice(0, 40))}`);
    const c = count(flat[i + 1], "cat.counts count", true);
    counts.set(key, c);
    sum += c;
  }
  if (sum !== total) fail("cat counts do not add up to the non-missing values");
  return { count: total, counts, other };
}

/** The categorical side serializeSketch left out (see derivable). */
function derivedCategorical(s: FeatureSketch): CategoricalSketch {
  const total = s.numbers + s.strings + s.booleans;
  const c: CategoricalSketch = { count: total, counts: new Map(), other: 0 };
  if (total === 0) return c;
  const distinct = s.numerical?.distinct;
  if (s.strings > 0 || s.booleans > 0 || !distinct || s.numerical!.count !== total)
    fail("cat is missing but cannot be derived from num.values");
  for (const [v, n] of distinct) c.counts.set(String(v), n);
  return c;
}

function read(text: string, copy: boolean): FeatureSketch {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    fail("not JSON");
  }
  if (!isRecord(v)) fail("not an object");
  if (v.v !== SKETCH_FORMAT_VERSION) fail(`unsupported format version ${JSON.stringify(v.v)}`);
  if (v.alpha !== SKETCH_RELATIVE_ACCURACY)
    fail(
      `written with relative accuracy ${JSON.stringify(v.alpha)}, this build uses ${SKETCH_RELATIVE_ACCURACY}`,
    );
  const missing = count(v.missing, "missing");
  const kinds = array(v.kinds, "kinds");
  if (kinds.length !== 3) fail("kinds must be [numbers, strings, booleans]");
  const numbers = count(kinds[0], "kinds[0]");
  const strings = count(kinds[1], "kinds[1]");
  const booleans = count(kinds[2], "kinds[2]");
  const s: FeatureSketch = { missing, numbers, strings, booleans, categorical: emptyCategorical() };
  if (v.num !== undefined) {
    s.numerical = parseNumeric(v.num, copy);
    if (s.numerical.count < numbers || s.numerical.count > numbers + strings)
      fail("num.count does not match the numbers and strings seen");
  } else if (numbers > 0) fail("num is missing although numbers were seen");
  s.categorical =
    v.cat === undefined ? derivedCategorical(s) : parseCategorical(v.cat, numbers + strings + booleans);
  return s;
}

/** Parses serializeSketch's output; throws an Error naming the problem for anything else. */
export function parseSketch(text: string): FeatureSketch {
  return read(text, true);
}

/**
 * mergeSketches(into, parseSketch(text)) without allocating the parsed histograms: the fast way to fold many
 * stored sketches into one. Throws like parseSketch, and then leaves `into` unchanged.
 */
export function mergeSerializedSketch(into: FeatureSketch, text: string): void {
  mergeSketches(into, read(text, false));
}
