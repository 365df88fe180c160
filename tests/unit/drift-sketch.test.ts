import { describe, expect, it } from "vitest";
import {
  addValue,
  CATEGORY_CAP,
  categoricalInput,
  categoryKey,
  cloneSketch,
  emptySketch,
  type FeatureSketch,
  GRID_CELLS,
  inferFeatureType,
  mergeSerializedSketch,
  mergeSketches,
  NUMERIC_EXACT_CAP,
  type NumericInput,
  numericInput,
  numericString,
  OTHER_CATEGORY,
  parseSketch,
  SKETCH_RELATIVE_ACCURACY,
  serializeSketch,
  sketchSummary,
  sketchType,
} from "../../lib/drift/sketch";

// Performance, measured with a scratch script on the 2-core development VM (Node 20, shared: load 2–4; a
// trivial Float64Array loop runs at ~1 ns per element), best of 3, α = 0.01; not asserted here:
// - building one hour, 10k rows × 50 features, addValue per value: ~240–330 ms (lognormal / normal / offset
//   numbers; about half is the categorical side's String() + Map), ~40–80 ms for 20 categories or 40 integers.
// - serialised feature-hour (10k values): lognormal ~770 chars, normal ~1,150, N(1000, 30) ~760 (grid kept),
//   40 integer values ~740, 20 string categories ~310. At α = 0.001: lognormal ~2,960, normal ~4,870.
// - 720 hourly sketches × 50 features (30 days): mergeSketches of parsed sketches ~95 ms lognormal, ~205 ms
//   normal, ~145 ms offset, ~220 ms integers, ~50 ms categories (α = 0.001: ~680 / ~1,470 ms);
//   mergeSerializedSketch from the stored strings ~290 / ~400 / ~340 / ~940 / ~200 ms (JSON.parse alone
//   60–145 ms); numericInput() + sketchSummary() of the 50 merged sketches 1–4 ms.

const ALPHA = SKETCH_RELATIVE_ACCURACY;
const MIN_NORMAL = 2 ** -1022;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function sketchOf(values: readonly unknown[]): FeatureSketch {
  const s = emptySketch();
  for (const v of values) addValue(s, v);
  return s;
}

/** Values from tiny to huge magnitudes, both signs, zeros (±0), subnormals and the extremes. */
function wild(r: () => number, n: number): number[] {
  const special = [0, -0, 5e-324, -5e-324, 2 ** -1022, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 440, 1, -1];
  return Array.from({ length: n }, () => {
    if (r() < 0.05) return special[Math.floor(r() * special.length)]!;
    const x = (1 + r()) * 10 ** (r() * 600 - 300);
    return r() < 0.5 ? -x : x;
  });
}

function datasets(seed: number): Record<string, unknown[]> {
  const r = rng(seed);
  const n = 2000;
  return {
    lognormal: Array.from({ length: n }, () => Math.exp(normal(r))),
    normal: Array.from({ length: n }, () => normal(r) * 3 - 1),
    offset: Array.from({ length: n }, () => 1000 + normal(r) * 0.5), // keeps a grid
    negativeOffset: Array.from({ length: n }, () => -50 - r()),
    wild: wild(r, n),
    lowCardinality: Array.from({ length: n }, () => Math.floor(r() * 7) - 3),
    mixedKinds: Array.from({ length: n }, () => {
      const u = r();
      if (u < 0.1) return null;
      if (u < 0.15) return undefined;
      if (u < 0.4) return Math.round(normal(r) * 100) / 10;
      if (u < 0.5) return String(Math.floor(r() * 50));
      if (u < 0.8) return `c${Math.floor(r() * 40)}`;
      return r() < 0.5;
    }),
  };
}

/** Distinct categories a list of values produces. */
function categories(values: readonly unknown[]): number {
  const keys = new Set<string>();
  for (const v of values)
    if (typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)))
      keys.add(categoryKey(v));
  return keys.size;
}

/** The serialised sketch, without the categorical part when that overflowed its cap (not exact then). */
function comparable(s: FeatureSketch, capped: boolean): string {
  const doc = JSON.parse(serializeSketch(s)) as Record<string, unknown>;
  if (capped) doc.cat = null;
  return JSON.stringify(doc);
}

/** Merges sketches in a random order and a random tree shape. */
function mergeRandomly(parts: FeatureSketch[], r: () => number): FeatureSketch {
  const pool = [...parts];
  while (pool.length > 1) {
    const a = pool.splice(Math.floor(r() * pool.length), 1)[0]!;
    const b = pool.splice(Math.floor(r() * pool.length), 1)[0]!;
    mergeSketches(a, b);
    pool.push(a);
  }
  return pool[0]!;
}

function split<T>(values: readonly T[], r: () => number, parts: number): T[][] {
  const cuts = Array.from({ length: parts - 1 }, () => Math.floor(r() * values.length)).sort((a, b) => a - b);
  const out: T[][] = [];
  let at = 0;
  for (const c of [...cuts, values.length]) {
    out.push(values.slice(at, c));
    at = c;
  }
  return out;
}

/** What the numeric side sees: finite numbers and JSON-number strings. */
function finiteNumbers(values: readonly unknown[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    const x = typeof v === "number" ? v : typeof v === "string" ? numericString(v) : undefined;
    if (x !== undefined && Number.isFinite(x)) out.push(x + 0);
  }
  return out;
}

/** The weighted values as a sorted list of units (one entry per unit of weight). */
function units(input: NumericInput): number[] {
  const out: number[] = [];
  input.values.forEach((v, i) => {
    for (let k = 0; k < input.weights[i]!; k++) out.push(v);
  });
  return out;
}

function ecdf(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}

/** 1-Wasserstein distance between two equally sized samples (sorted pairing). */
function wassersteinEqual(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** 1-Wasserstein distance between two weighted samples: ∫ |F − G|. */
function wasserstein(a: { values: ArrayLike<number>; weights: ArrayLike<number> }, b: typeof a): number {
  const points = [...Array.from(a.values), ...Array.from(b.values)].sort((x, y) => x - y);
  const cdf = (s: typeof a, t: number): number => {
    let w = 0;
    let total = 0;
    for (let i = 0; i < s.values.length; i++) {
      total += s.weights[i]!;
      if (s.values[i]! <= t) w += s.weights[i]!;
    }
    return w / total;
  };
  let sum = 0;
  for (let i = 0; i + 1 < points.length; i++)
    sum += Math.abs(cdf(a, points[i]!) - cdf(b, points[i]!)) * (points[i + 1]! - points[i]!);
  return sum;
}

function unweighted(values: readonly number[]): { values: number[]; weights: number[] } {
  return { values: [...values], weights: values.map(() => 1) };
}

/** Sturges bin edges over [min, max] of the union, as numpy's histogram_bin_edges(bins="sturges"). */
function sturgesEdges(min: number, max: number, n: number): number[] {
  const bins = Math.ceil(Math.log2(n) + 1);
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + ((max - min) * i) / bins));
}

function binCounts(values: ArrayLike<number>, weights: ArrayLike<number> | null, edges: number[]): number[] {
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let b = edges.findIndex((e, j) => j > 0 && v < e) - 1;
    if (b < 0) b = edges.length - 2; // the last bin is closed
    counts[b]! += weights ? weights[i]! : 1;
  }
  return counts;
}

describe("type inference", () => {
  it("numbers are numerical; strings, booleans or a mix are categorical", () => {
    expect(inferFeatureType([1, 2.5, null, undefined])).toBe("numerical");
    expect(inferFeatureType(["a", "b"])).toBe("categorical");
    expect(inferFeatureType([true, false])).toBe("categorical");
    expect(inferFeatureType([1, "1"])).toBe("categorical");
    expect(inferFeatureType([1, true])).toBe("categorical");
    expect(inferFeatureType([null, undefined])).toBe("categorical");
    expect(inferFeatureType([])).toBe("categorical");
    for (const values of [[1, 2.5, null], ["a"], [true], [1, "1"], [null], []] as unknown[][])
      expect(sketchType(sketchOf(values))).toBe(inferFeatureType(values));
  });

  it("category keys are what JSON writes", () => {
    for (const v of [1, 1.5, -0, 1e21, 1e-7, 123456789012345680000, -3.25])
      expect(categoryKey(v)).toBe(JSON.stringify(v));
    expect(categoryKey(true)).toBe("true");
    expect(categoryKey("x")).toBe("x");
    expect(categoryKey("1.0")).toBe("1.0");
  });

  it("a mix counts numbers and equal strings as one category and keeps both sides", () => {
    const s = sketchOf([1, "1", 1.0, "a", true, "true", null, 2.5]);
    expect(sketchSummary(s)).toMatchObject({
      count: 7,
      missing: 1,
      type: "categorical",
      unique: 4,
      mean: null,
    });
    expect(categoricalInput(s)).toEqual({
      counts: new Map([
        ["1", 3],
        ["2.5", 1],
        ["a", 1],
        ["true", 2],
      ]),
      exact: true,
    });
    // An override to numerical sees the numbers and the JSON-number strings ("1"), not "a" or booleans.
    const n = numericInput(s);
    expect(Array.from(n.values)).toEqual([1, 2.5]);
    expect(Array.from(n.weights)).toEqual([3, 1]);
  });

  it("missing values: null, absent, NaN, ±Infinity; nested values throw", () => {
    const s = sketchOf([null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 3]);
    expect(sketchSummary(s)).toMatchObject({ count: 1, missing: 5, type: "numerical", min: 3, max: 3 });
    expect(() => addValue(emptySketch(), { a: 1 })).toThrow(TypeError);
    expect(() => addValue(emptySketch(), [1])).toThrow(/an array/);
  });

  it("only strings that are JSON number literals feed the numeric side", () => {
    const s = sketchOf(["12.5", "-3e2", "0", "012", " 1", "1.", "Infinity", "0x10", "1e400", ""]);
    expect(Array.from(numericInput(s).values)).toEqual([-300, 0, 12.5]);
    expect(sketchSummary(s).count).toBe(10);
  });
});

describe("numeric sketch: exact part", () => {
  it("is exact up to 64 distinct values, then reports more than 64", () => {
    const values = Array.from({ length: 640 }, (_, i) => ((i * 7) % NUMERIC_EXACT_CAP) - 20.5);
    const s = sketchOf(values);
    const input = numericInput(s);
    expect(input).toMatchObject({ exact: true, method: "exact", maxAbsError: 0, wassersteinBound: 0 });
    expect(Array.from(input.values)).toEqual([...new Set(values)].sort((a, b) => a - b));
    expect(Array.from(input.weights)).toEqual(new Array(64).fill(10));
    expect(sketchSummary(s).unique).toBe(64);
    addValue(s, 1e6);
    expect(sketchSummary(s).unique).toBeNull();
    expect(numericInput(s).exact).toBe(false);
  });

  it("normalises -0 to 0", () => {
    const s = sketchOf([-0, 0, -0]);
    const input = numericInput(s);
    expect(Object.is(input.values[0], 0)).toBe(true);
    expect(Array.from(input.weights)).toEqual([3]);
    expect(Object.is(sketchSummary(s).min, 0)).toBe(true);
    expect(categoricalInput(s).counts).toEqual(new Map([["0", 3]]));
  });

  it("mean and std come from exact sums: no cancellation, identical for any merge order", () => {
    const r = rng(5);
    const noise = Array.from({ length: 5000 }, () => Math.round(normal(r) * 1000) / 1024);
    const values = noise.map((e) => 1e9 + e); // every sum below is exact in doubles
    const s = sketchOf(values);
    const mean = noise.reduce((a, b) => a + b, 0) / noise.length;
    const variance = noise.reduce((a, b) => a + (b - mean) ** 2, 0) / noise.length;
    const summary = sketchSummary(s);
    expect(summary.mean).toBeCloseTo(1e9 + mean, 6);
    expect(Math.abs(summary.std! - Math.sqrt(variance)) / Math.sqrt(variance)).toBeLessThan(1e-12);
    const merged = mergeRandomly(
      split(values, r, 9).map((part) => sketchOf(part)),
      r,
    );
    expect(sketchSummary(merged)).toEqual(summary);
  });

  it("reports no mean or std once a value reaches 2^440", () => {
    const summary = sketchSummary(sketchOf([1, 2, 2 ** 441]));
    expect(summary).toMatchObject({ count: 3, min: 1, max: 2 ** 441, mean: null, std: null });
  });
});

describe("merging", () => {
  for (const seed of [1, 2, 3]) {
    it(`sketch(concat) ≡ merge(sketches) in any order and grouping (seed ${seed})`, () => {
      const r = rng(seed);
      for (const [name, values] of Object.entries(datasets(seed))) {
        const whole = sketchOf(values);
        const capped = categories(values) > CATEGORY_CAP;
        const expected = comparable(whole, capped);
        const parts = split(values, r, 2 + Math.floor(r() * 12));
        expect(comparable(mergeRandomly(parts.map(sketchOf), r), capped), name).toBe(expected);
        // merge(a, b) ≡ merge(b, a)
        const [a, b] = split(values, r, 2) as [unknown[], unknown[]];
        const ab = sketchOf(a);
        mergeSketches(ab, sketchOf(b));
        const ba = sketchOf(b);
        mergeSketches(ba, sketchOf(a));
        expect(serializeSketch(ab), name).toBe(serializeSketch(ba));
        expect(comparable(ab, capped), name).toBe(expected);
        // straight from stored strings
        const folded = emptySketch();
        for (const part of parts) mergeSerializedSketch(folded, serializeSketch(sketchOf(part)));
        expect(comparable(folded, capped), name).toBe(expected);
        expect(sketchSummary(folded).count).toBe(sketchSummary(whole).count);
      }
    });
  }

  it("merging a sketch into itself doubles it", () => {
    const s = sketchOf([1, 2, 3, "a"]);
    mergeSketches(s, s);
    expect(serializeSketch(s)).toBe(serializeSketch(sketchOf([1, 2, 3, "a", 1, 2, 3, "a"])));
  });
});

describe("numeric sketch: error bounds past 64 distinct values", () => {
  /** Checks the pairing of sorted raw values with sorted output units against the per-value bound. */
  function checkPairing(raw: number[], input: NumericInput): void {
    const sorted = [...raw].sort((a, b) => a - b);
    const out = units(input);
    expect(out.length).toBe(sorted.length);
    expect(input.values[0]).toBe(sorted[0]);
    expect(input.values[input.values.length - 1]).toBe(sorted[sorted.length - 1]);
    for (let i = 1; i < input.values.length; i++)
      expect(input.values[i]!).toBeGreaterThan(input.values[i - 1]!);
    const maxAbs = Math.max(Math.abs(sorted[0]!), Math.abs(sorted[sorted.length - 1]!));
    // Log buckets more than LOG_MAX_SPAN (8192) below the largest fold into the lowest kept one.
    const foldBelow = maxAbs * ((1 - ALPHA) / (1 + ALPHA)) ** 8190;
    let moved = 0;
    for (let i = 0; i < sorted.length; i++) {
      const x = sorted[i]!;
      const d = Math.abs(out[i]! - x);
      moved += d;
      expect(d).toBeLessThanOrEqual(input.maxAbsError);
      if (input.method === "log" && Math.abs(x) >= foldBelow)
        expect(d, `${x} → ${out[i]}`).toBeLessThanOrEqual(
          Math.max(ALPHA * Math.abs(x) * (1 + 1e-9), MIN_NORMAL),
        );
    }
    expect(moved / sorted.length).toBeLessThanOrEqual(input.wassersteinBound * (1 + 1e-9));
  }

  it("every value is within α (relative) of its log-bucket representative, tiny to huge, both signs", () => {
    for (const seed of [11, 12, 13, 14]) {
      const r = rng(seed);
      const raw = wild(r, 3000);
      const s = sketchOf(raw);
      const input = numericInput(s);
      expect(input).toMatchObject({ exact: false, method: "log" });
      expect(input.weights.reduce((a, b) => a + b, 0)).toBe(3000);
      checkPairing(finiteNumbers(raw), input);
    }
  });

  it("lognormal, normal and offset data: bounds hold for both histograms", () => {
    for (const [name, values] of Object.entries(datasets(21))) {
      const raw = finiteNumbers(values);
      const s = sketchOf(values);
      for (const method of ["auto", "log", "grid"] as const) {
        const input = numericInput(s, method);
        expect(
          input.weights.reduce((a, b) => a + b, 0),
          name,
        ).toBe(s.numerical!.count);
        if (!input.exact) checkPairing(raw, input);
      }
    }
  });

  it("offset data keep a grid, which beats the log buckets there; wide data keep none", () => {
    const { offset, lognormal } = datasets(22);
    const narrow = sketchOf(offset!);
    const grid = numericInput(narrow, "grid");
    const log = numericInput(narrow, "log");
    expect(grid.method).toBe("grid");
    expect(grid.wassersteinBound).toBeLessThan(log.wassersteinBound / 5);
    expect(numericInput(narrow).method).toBe("grid");
    // The grid level is the finest at which [min, max] fits GRID_CELLS cells: half a cell < (max − min)/(GRID_CELLS − 2).
    const { min, max } = sketchSummary(narrow);
    expect(grid.maxAbsError).toBeLessThan((max! - min!) / (GRID_CELLS - 2));
    expect(numericInput(sketchOf(lognormal!), "grid").method).toBe("log");
  });

  it("ECDF, Wasserstein and binned shares stay within the documented bounds", () => {
    const r = rng(31);
    const cases: [string, () => number][] = [
      ["lognormal", () => Math.exp(normal(r))],
      ["normal", () => normal(r) * 2 + 0.5],
      ["offset", () => 300 + normal(r) * 2],
      ["heavy", () => 1 / (1 - r()) ** 1.5],
    ];
    for (const [name, gen] of cases) {
      const ref = Array.from({ length: 4000 }, gen);
      const cur = Array.from({ length: 3000 }, () => gen() * 1.05 + 0.01);
      const a = numericInput(sketchOf(ref));
      const b = numericInput(sketchOf(cur));
      const refSorted = [...ref].sort((x, y) => x - y);
      const sketched = units(a);
      // ECDF: F(t − e) ≤ F_sketch(t) ≤ F(t + e), and for log buckets at t > 0: F(t/(1+α)) ≤ F_s(t) ≤ F(t/(1−α)).
      for (let k = 0; k < 200; k++) {
        const t = refSorted[Math.floor(r() * refSorted.length)]! + (r() - 0.5) * 1e-3;
        const fs = ecdf(sketched, t);
        expect(fs, name).toBeGreaterThanOrEqual(ecdf(refSorted, t - a.maxAbsError));
        expect(fs, name).toBeLessThanOrEqual(ecdf(refSorted, t + a.maxAbsError));
        if (a.method === "log" && t > 0) {
          expect(fs, name).toBeGreaterThanOrEqual(ecdf(refSorted, t / (1 + ALPHA)));
          expect(fs, name).toBeLessThanOrEqual(ecdf(refSorted, t / (1 - ALPHA)));
        }
      }
      // Wasserstein: to the raw data within the bound; between two sketches within the sum of both bounds.
      expect(wassersteinEqual(refSorted, sketched), name).toBeLessThanOrEqual(
        a.wassersteinBound * (1 + 1e-9),
      );
      if (a.method === "log") {
        const meanAbs = ref.reduce((x, y) => x + Math.abs(y), 0) / ref.length;
        expect(a.wassersteinBound, name).toBeLessThanOrEqual(((ALPHA * (1 + ALPHA)) / (1 - ALPHA)) * meanAbs);
      }
      const rawW = wasserstein(unweighted(ref), unweighted(cur));
      const sketchW = wasserstein(a, b);
      expect(Math.abs(sketchW - rawW), name).toBeLessThanOrEqual(
        (a.wassersteinBound + b.wassersteinBound) * 1.000001,
      );
      // Binned shares: Sturges edges from the exact min/max are the raw ones; a value changes bin only if an
      // edge lies within its bound.
      const lo = Math.min(a.values[0]!, b.values[0]!);
      const hi = Math.max(a.values[a.values.length - 1]!, b.values[b.values.length - 1]!);
      expect(lo).toBe(Math.min(...ref, ...cur));
      expect(hi).toBe(Math.max(...ref, ...cur));
      const edges = sturgesEdges(lo, hi, ref.length + cur.length);
      const rawBins = binCounts(ref, null, edges);
      const sketchBins = binCounts(a.values, a.weights, edges);
      const bound = (x: number): number =>
        a.method === "log" ? ALPHA * Math.abs(x) * (1 + 1e-9) : a.maxAbsError;
      rawBins.forEach((count, i) => {
        const near = ref.filter(
          (x) => Math.abs(x - edges[i]!) <= bound(x) || Math.abs(x - edges[i + 1]!) <= bound(x),
        ).length;
        expect(Math.abs(sketchBins[i]! - count), `${name} bin ${i}`).toBeLessThanOrEqual(near);
      });
    }
  });
});

describe("categorical sketch", () => {
  it("is exact up to the cap", () => {
    const values = Array.from({ length: 5000 }, (_, i) => `k${i % CATEGORY_CAP}`);
    const s = sketchOf(values);
    const input = categoricalInput(s);
    expect(input.exact).toBe(true);
    expect(input.counts.size).toBe(CATEGORY_CAP);
    expect(input.counts.get("k7")).toBe(10);
    expect(sketchSummary(s)).toMatchObject({ type: "categorical", unique: CATEGORY_CAP, count: 5000 });
  });

  it("past the cap keeps the largest counts (ties by name), drops singletons into __other__", () => {
    const values: string[] = [];
    for (let i = 0; i < 700; i++)
      for (let k = 0; k < 2 + Math.floor(i / 100); k++) values.push(`c${String(i).padStart(3, "0")}`);
    for (let i = 0; i < 50; i++) values.push(`once${i}`);
    const s = sketchOf(values);
    const { counts, exact } = categoricalInput(s);
    expect(exact).toBe(false);
    expect(sketchSummary(s).unique).toBeNull();
    expect(counts.size).toBe(CATEGORY_CAP + 1);
    // counts 2..8 by hundreds: the 500 largest are c200..c699 (counts 4..8), none tied at the cut.
    expect(counts.get("c200")).toBe(4);
    expect(counts.has("c199")).toBe(false);
    expect(counts.has("once0")).toBe(false);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(values.length);
    expect(counts.get(OTHER_CATEGORY)).toBe(100 * 2 + 100 * 3 + 50);
    // ties at the cut are broken by name
    const tied = sketchOf(
      Array.from({ length: 2 * (CATEGORY_CAP + 10) }, (_, i) => `t${String(i >> 1).padStart(3, "0")}`),
    );
    const kept = categoricalInput(tied).counts;
    expect(kept.has("t499")).toBe(true);
    expect(kept.has("t500")).toBe(false);
    expect(kept.get(OTHER_CATEGORY)).toBe(20);
  });

  it("merging above the cap is commutative and keeps totals", () => {
    const r = rng(41);
    const a = sketchOf(Array.from({ length: 3000 }, () => `a${Math.floor(r() ** 2 * 900)}`));
    const b = sketchOf(Array.from({ length: 3000 }, () => `a${Math.floor(r() * 900)}`));
    const ab = cloneSketch(a);
    mergeSketches(ab, b);
    const ba = cloneSketch(b);
    mergeSketches(ba, a);
    expect(serializeSketch(ab)).toBe(serializeSketch(ba));
    // the same for stored (trimmed) parts
    const [sa, sb] = [parseSketch(serializeSketch(a)), parseSketch(serializeSketch(b))];
    const sab = parseSketch(serializeSketch(sa));
    mergeSketches(sab, sb);
    const sba = parseSketch(serializeSketch(sb));
    mergeSketches(sba, sa);
    expect(serializeSketch(sab)).toBe(serializeSketch(sba));
    const counts = categoricalInput(ab).counts;
    expect(counts.size).toBeLessThanOrEqual(CATEGORY_CAP + 1);
    expect([...counts.values()].reduce((x, y) => x + y, 0)).toBe(6000);
  });

  it("a real __other__ category absorbs the overflow", () => {
    const values = ["__other__", "__other__", ...Array.from({ length: 600 }, (_, i) => `v${i}`)];
    expect(categoricalInput(sketchOf(values)).counts.get(OTHER_CATEGORY)).toBe(602);
  });

  it("the categorical side of numbers: exact for integer codes, just __other__ for continuous values", () => {
    const codes = sketchOf(Array.from({ length: 3000 }, (_, i) => (i * 37) % 300));
    expect(sketchType(codes)).toBe("numerical");
    expect(sketchSummary(codes).unique).toBeNull(); // > 64 distinct numbers
    const asCategories = categoricalInput(codes);
    expect(asCategories.exact).toBe(true);
    expect(asCategories.counts.get("299")).toBe(10);
    const r = rng(42);
    const continuous = sketchOf(Array.from({ length: 3000 }, () => r()));
    expect(categoricalInput(continuous).counts).toEqual(new Map([[OTHER_CATEGORY, 3000]]));
    expect(serializeSketch(continuous).length).toBeLessThan(2000);
  });
});

describe("serialisation", () => {
  it("round-trips every kind of sketch", () => {
    const all = Object.values(datasets(51));
    all.push([], [null, null], [1], ["x"], [2 ** 441, -1]);
    for (const values of all) {
      const s = sketchOf(values);
      const text = serializeSketch(s);
      const back = parseSketch(text);
      expect(serializeSketch(back)).toBe(text);
      expect(sketchSummary(back)).toEqual(sketchSummary(s));
      expect(numericInput(back)).toEqual(numericInput(s));
      // A purely numeric sketch past the exact cap stores only the total of its categories (continuous values).
      const continuous = s.strings === 0 && s.booleans === 0 && s.numerical?.distinct === null;
      expect(categoricalInput(back)).toEqual(
        continuous
          ? { counts: new Map([["__other__", s.categorical.count]]), exact: false }
          : categoricalInput(s),
      );
      const copy = parseSketch(text);
      mergeSketches(copy, back);
      const twice = emptySketch();
      mergeSerializedSketch(twice, text);
      mergeSerializedSketch(twice, text);
      expect(serializeSketch(twice)).toBe(serializeSketch(copy));
    }
  });

  it("keeps only the total of a continuous numeric column's categories", () => {
    const r = rng(53);
    const text = serializeSketch(
      sketchOf(Array.from({ length: 10000 }, () => Math.round(Math.exp(normal(r)) * 100) / 100)),
    );
    expect(JSON.parse(text).cat).toEqual({ other: 10000, counts: [] });
    expect(text.length).toBeLessThan(1200);
  });

  it("stores the numeric histograms compactly", () => {
    const r = rng(52);
    const text = serializeSketch(sketchOf(Array.from({ length: 10000 }, () => Math.exp(normal(r)))));
    expect(text.length).toBeLessThan(1200);
    expect(JSON.parse(text)).toMatchObject({
      v: 1,
      alpha: ALPHA,
      kinds: [10000, 0, 0],
      cat: { other: 10000 },
    });
  });

  it("rejects garbage with a clear error and leaves a merge target alone", () => {
    const good = JSON.parse(serializeSketch(sketchOf(datasets(53).normal!))) as Record<string, unknown>;
    const num = good.num as Record<string, unknown>;
    const withNum = (patch: Record<string, unknown>): string =>
      JSON.stringify({ ...good, num: { ...num, ...patch } });
    const pos = num.pos as [number, string];
    const bad: string[] = [
      "",
      "not json",
      "null",
      "[]",
      "{}",
      JSON.stringify({ ...good, v: 2 }),
      JSON.stringify({ ...good, alpha: 0.001 }),
      JSON.stringify({ ...good, missing: -1 }),
      JSON.stringify({ ...good, missing: 1.5 }),
      JSON.stringify({ ...good, kinds: [1, 2] }),
      JSON.stringify({ ...good, kinds: [2000, 0, 1] }),
      JSON.stringify({ ...good, num: undefined }),
      JSON.stringify({ ...good, cat: { other: 1, counts: [] } }),
      JSON.stringify({ ...good, cat: { other: 1998, counts: ["a", 1, "a", 1] } }),
      JSON.stringify({ ...good, cat: { other: 1999, counts: ["a", 1, "b"] } }),
      JSON.stringify({ ...good, cat: { other: 0, counts: [1, 2000] } }),
      JSON.stringify({ ...good, cat: { other: 0, counts: [["a", 2000]] } }),
      JSON.stringify({ ...good, cat: undefined }), // only a numbers-only exact map lets "cat" be left out
      withNum({ count: 1999 }),
      withNum({ min: num.max, max: num.min }),
      withNum({ min: "0" }),
      withNum({ sum: "x" }),
      withNum({ sum: new Array(65).fill(1) }),
      withNum({ huge: true }),
      withNum({ pos: [pos[0], `${pos[1]}!`] }),
      withNum({ pos: [pos[0], `.${pos[1]}`] }),
      withNum({ pos: [pos[0], `${pos[1]}.`] }),
      withNum({ pos: [pos[0], `${pos[1]}w`] }),
      withNum({ pos: [pos[0], `0${pos[1]}`] }),
      withNum({ pos: [pos[0], `${pos[1]}1`] }),
      withNum({ pos: [0.5, pos[1]] }),
      withNum({ pos: [pos[0]] }),
      withNum({ pos: [pos[0], "".padEnd(9000, "1")] }),
      withNum({ grid: [0, "1"] }),
      withNum({ values: [1, 1999] }),
      withNum({ values: [num.max, 1, num.min, 1998] }),
    ];
    const target = sketchOf([1, 2, 3]);
    const before = serializeSketch(target);
    for (const text of bad) {
      expect(() => parseSketch(text), text.slice(0, 80)).toThrow(/^invalid feature sketch: /);
      expect(() => mergeSerializedSketch(target, text)).toThrow(/^invalid feature sketch: /);
    }
    expect(serializeSketch(target)).toBe(before);
    // offset data: a grid that does not match min and max
    const narrow = JSON.parse(serializeSketch(sketchOf(datasets(53).offset!))) as {
      num: { grid: [number, string] };
    };
    for (const grid of [[narrow.num.grid[0] + 1, narrow.num.grid[1]], [narrow.num.grid[0], "1"], undefined])
      expect(() => parseSketch(JSON.stringify({ ...narrow, num: { ...narrow.num, grid } }))).toThrow(
        /^invalid feature sketch: /,
      );
  });
});
