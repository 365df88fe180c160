// lib/drift/stattests against Evidently's formulas on scipy/numpy (fixtures made by
// tests/fixtures/drift/generate.py), to 1e-9 (relative above 1, absolute below: p-values to 1e-9 absolute).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type CategoricalSample,
  type ColumnType,
  countUniqueValues,
  datasetDrift,
  defaultStatTest,
  defaultThreshold,
  type NumericSample,
  runStatTest,
  STAT_TESTS,
  type StatTestName,
  type StatTestResult,
} from "@/lib/drift/stattests";
import { ksStatistic, sortFloat64 } from "@/lib/drift/stattests/ks";
import { MT19937 } from "@/lib/drift/stattests/mt19937";
import {
  kstwoSf,
  outerProbInsideMethod,
  probOutsideSquare,
  roundHalfEven,
  smirnov,
} from "@/lib/drift/stattests/scipy-ks";
import { chi2Sf, ndtr } from "@/lib/drift/stattests/special";
import { numpySum } from "@/lib/drift/stattests/tvd";

const DIR = join(__dirname, "../fixtures/drift");
type Json = number | string | null;
const load = (name: string) => JSON.parse(readFileSync(join(DIR, `${name}.json`), "utf8"));

function num(x: Json): number {
  if (x === "NaN") return Number.NaN;
  if (x === "Infinity") return Number.POSITIVE_INFINITY;
  if (x === "-Infinity") return Number.NEGATIVE_INFINITY;
  return x as number;
}

/** |a − e| <= 1e-9 · max(1, |e|); NaN matches NaN, infinities match exactly. */
function expectClose(actual: number, expected: number, what: string, tol = 1e-9): void {
  if (Number.isNaN(expected)) {
    expect(actual, what).toBeNaN();
    return;
  }
  if (!Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  const err = Math.abs(actual - expected);
  if (!(err <= tol * Math.max(1, Math.abs(expected)))) {
    throw new Error(`${what}: got ${actual}, expected ${expected} (error ${err})`);
  }
}

// ---- sample specs, expanded exactly as generate.py does ----

function* xorshift32(seed: number): Generator<number, never> {
  let x = seed >>> 0 || 0x9e3779b9;
  for (;;) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    yield x;
  }
}

interface Spec {
  gen: "normal" | "int" | "square" | "values" | "concat";
  seed?: number;
  n?: number;
  loc?: number;
  scale?: number;
  div?: number;
  mod?: number;
  offset?: number;
  values?: number[];
  weights?: number[];
  parts?: Spec[];
  missing?: number;
}

function genValues(spec: Spec): { values: number[]; weights?: number[] } {
  if (spec.gen === "values") return { values: spec.values!, weights: spec.weights };
  if (spec.gen === "concat") return { values: spec.parts!.flatMap((p) => genValues(p).values) };
  const rng = xorshift32(spec.seed!);
  const out: number[] = [];
  for (let i = 0; i < spec.n!; i++) {
    if (spec.gen === "normal") {
      let s = -131070;
      for (let k = 0; k < 4; k++) s += rng.next().value >>> 16;
      out.push((s * spec.scale! + spec.loc!) / spec.div!);
    } else if (spec.gen === "int") {
      out.push(((rng.next().value % spec.mod!) + spec.offset!) / spec.div!);
    } else {
      const u = rng.next().value >>> 16;
      out.push((u * u) / spec.div!);
    }
  }
  return { values: out };
}

function numericSample(spec: Spec): NumericSample {
  const { values, weights } = genValues(spec);
  return {
    values: Float64Array.from(values),
    weights: weights ? Float64Array.from(weights) : undefined,
    missing: spec.missing ?? 0,
  };
}

function categoricalSample(s: { counts: [string, number][]; missing: number }): CategoricalSample {
  return { counts: new Map(s.counts), missing: s.missing };
}

interface Expected {
  statistic: Json;
  testStatistic: Json;
  pValue: Json;
  drifted: boolean;
  rule?: string;
  note?: string;
}

interface Column {
  name: string;
  type: ColumnType;
  reference: Spec | { counts: [string, number][]; missing: number };
  current: Spec | { counts: [string, number][]; missing: number };
  referenceMissingShare: number;
  currentMissingShare: number;
  results: Record<string, Expected>;
  default?: StatTestName;
  referenceCount?: number;
  uniqueValues?: number;
}

function samplesOf(col: Column): [NumericSample | CategoricalSample, NumericSample | CategoricalSample] {
  if (col.type === "numerical")
    return [numericSample(col.reference as Spec), numericSample(col.current as Spec)];
  return [
    categoricalSample(col.reference as { counts: [string, number][]; missing: number }),
    categoricalSample(col.current as { counts: [string, number][]; missing: number }),
  ];
}

function checkResult(r: StatTestResult, e: Expected, what: string): void {
  expectClose(r.statistic, num(e.statistic), `${what} statistic`);
  expectClose(r.testStatistic, num(e.testStatistic), `${what} testStatistic`);
  if (e.pValue === null) expect(r.pValue, `${what} pValue`).toBeNull();
  else expectClose(r.pValue as number, num(e.pValue), `${what} pValue`);
  expect(r.drifted, `${what} drifted`).toBe(e.drifted);
}

for (const dataset of ["numeric", "categorical", "missing", "weighted"]) {
  const fixture = load(dataset) as { columns: Column[] };
  describe(`drift stattests vs Evidently/scipy: ${dataset}`, () => {
    for (const col of fixture.columns) {
      it(`${col.name}`, () => {
        const [ref, cur] = samplesOf(col);
        for (const [test, expected] of Object.entries(col.results)) {
          const r = runStatTest(test as StatTestName, col.type, ref, cur);
          const what = `${col.name}/${test}`;
          checkResult(r, expected, what);
          expect(r.stattest).toBe(test);
          expect(r.threshold).toBe(defaultThreshold(test as StatTestName));
          expectClose(r.referenceMissingShare, col.referenceMissingShare, `${what} referenceMissingShare`);
          expectClose(r.currentMissingShare, col.currentMissingShare, `${what} currentMissingShare`);
        }
        if (col.default) {
          const unique = countUniqueValues(ref, cur);
          expect(unique).toBe(col.uniqueValues);
          expect(defaultStatTest(col.type, col.referenceCount!, unique)).toBe(col.default);
        }
      });
    }
  });
}

// ---- scipy's distribution functions directly ----

const special = load("special") as {
  defaults: { type: ColumnType; referenceCount: number; uniqueValues: number; expected: StatTestName }[];
  kstwo: [number, number, Json][];
  smirnov: [number, number, Json][];
  chi2: [number, Json, Json][];
  ndtr: [number, Json][];
  ksExact: ["square" | "inside", number, number, number, Json][];
  mt: { seed: number; permutations: number[][] };
};

describe("scipy distribution functions", () => {
  it("kstwo.sf (scipy.stats.kstwo, all branches of _kolmogn)", () => {
    for (const [n, x, sf] of special.kstwo) expectClose(kstwoSf(x, n), num(sf), `kstwo.sf(${x}, ${n})`);
  });
  it("smirnov (scipy.special.smirnov)", () => {
    for (const [n, x, sf] of special.smirnov) expectClose(smirnov(n, x), num(sf), `smirnov(${n}, ${x})`);
  });
  it("chi2.sf", () => {
    for (const [df, x, sf] of special.chi2) expectClose(chi2Sf(num(x), df), num(sf), `chi2.sf(${x}, ${df})`);
  });
  it("ndtr (norm.cdf)", () => {
    for (const [x, v] of special.ndtr) expectClose(ndtr(x), num(v), `ndtr(${x})`, 1e-15);
  });
  it("exact two-sample KS probabilities", () => {
    for (const [kind, n1, n2, h, p] of special.ksExact) {
      let g = n1;
      let b = n2;
      while (b) [g, b] = [b, g % b];
      const v = kind === "square" ? probOutsideSquare(n1, h) : outerProbInsideMethod(n1, n2, g, h);
      expectClose(v, num(p), `${kind}(${n1}, ${n2}, ${h})`);
    }
  });
  it("numpy's legacy MT19937 permutations (np.random.seed(0))", () => {
    const rng = new MT19937(special.mt.seed);
    for (const perm of special.mt.permutations)
      expect(Array.from(rng.permutation(perm.length))).toEqual(perm);
  });
  it("numpy pairwise summation and round-half-even", () => {
    const a = Float64Array.from({ length: 300 }, (_, i) => 1 / (i + 1));
    let naive = 0;
    for (const v of a) naive += v;
    expect(Math.abs(numpySum(a) - naive)).toBeLessThan(1e-13);
    expect(numpySum(new Float64Array([1, 2, 3]))).toBe(6);
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, 2, 3]);
  });
});

// ---- default test selection, thresholds, dataset drift ----

describe("default stattest (Evidently registry._get_default_stattest)", () => {
  it("matches Evidently at every boundary", () => {
    for (const d of special.defaults) {
      expect(defaultStatTest(d.type, d.referenceCount, d.uniqueValues), JSON.stringify(d)).toBe(d.expected);
    }
  });
  it("is chosen by reference n <= 1000 and unique values over both samples", () => {
    expect(defaultStatTest("numerical", 1000, 6)).toBe("ks");
    expect(defaultStatTest("numerical", 1000, 5)).toBe("chisquare");
    expect(defaultStatTest("numerical", 1000, 3)).toBe("chisquare");
    expect(defaultStatTest("numerical", 1000, 2)).toBe("z");
    expect(defaultStatTest("categorical", 10, 50)).toBe("chisquare");
    expect(defaultStatTest("categorical", 10, 2)).toBe("z");
    expect(defaultStatTest("numerical", 1001, 6)).toBe("wasserstein");
    expect(defaultStatTest("numerical", 1001, 5)).toBe("jensenshannon");
    expect(defaultStatTest("categorical", 1001, 2)).toBe("jensenshannon");
  });
  it("has Evidently's default thresholds", () => {
    const t = Object.fromEntries(STAT_TESTS.map((s) => [s, defaultThreshold(s)]));
    expect(t).toEqual({
      ks: 0.05,
      chisquare: 0.05,
      z: 0.05,
      wasserstein: 0.1,
      jensenshannon: 0.1,
      psi: 0.1,
      kl_div: 0.1,
      hellinger: 0.1,
      tvd: 0.1,
    });
  });
  it("dataset drift: share of drifted columns >= 0.5", () => {
    expect(datasetDrift([true, false])).toEqual({ driftShare: 0.5, datasetDrift: true });
    expect(datasetDrift([true, false, false])).toEqual({ driftShare: 1 / 3, datasetDrift: false });
    expect(datasetDrift([true, false, false], 0.3)).toEqual({ driftShare: 1 / 3, datasetDrift: true });
    expect(datasetDrift([])).toEqual({ driftShare: 0, datasetDrift: false });
  });
});

// ---- rules and edge cases ----

const f64 = (xs: number[]) => Float64Array.from(xs);
const numeric = (values: number[], weights?: number[], missing?: number): NumericSample => ({
  values: f64(values),
  weights: weights ? f64(weights) : undefined,
  missing,
});
const cats = (entries: [string, number][], missing?: number): CategoricalSample => ({
  counts: new Map(entries),
  missing,
});
const NUMERIC_TESTS: StatTestName[] = STAT_TESTS.filter((t) => t !== "tvd");
const CATEGORICAL_TESTS: StatTestName[] = STAT_TESTS.filter((t) => t !== "ks" && t !== "wasserstein");

function spread(n: number, seed: number, shift = 0): number[] {
  const rng = xorshift32(seed);
  return Array.from({ length: n }, () => ((rng.next().value % 4000) + shift) / 100);
}

describe("drift decision per test", () => {
  const ref = numeric(spread(300, 1));
  const cur = numeric(spread(250, 2, 150));
  it("ks drifts at p <= threshold, chisquare/z at p < threshold, distances at >= threshold", () => {
    for (const test of NUMERIC_TESTS) {
      const r = runStatTest(test, "numerical", ref, cur);
      const atThreshold = runStatTest(test, "numerical", ref, cur, r.statistic);
      const expected = !(test === "chisquare" || test === "z");
      expect(atThreshold.drifted, test).toBe(expected);
      expect(atThreshold.threshold).toBe(r.statistic);
    }
    const c1 = cats([
      ["a", 40],
      ["b", 30],
    ]);
    const c2 = cats([
      ["a", 20],
      ["b", 30],
    ]);
    const tvd = runStatTest("tvd", "categorical", c1, c2);
    expect(runStatTest("tvd", "categorical", c1, c2, tvd.statistic).drifted).toBe(false);
  });
  it("p-value tests report the p-value as the statistic, distances have no p-value", () => {
    for (const test of NUMERIC_TESTS) {
      const r = runStatTest(test, "numerical", ref, cur);
      if (test === "ks" || test === "chisquare" || test === "z") expect(r.pValue).toBe(r.statistic);
      else {
        expect(r.pValue).toBeNull();
        expect(r.testStatistic).toBe(r.statistic);
      }
    }
  });
});

describe("applicability (Evidently's allowed_feature_types)", () => {
  const n = numeric([1, 2, 3]);
  const c = cats([["a", 1]]);
  it("throws naming test and type", () => {
    expect(() => runStatTest("ks", "categorical", c, c)).toThrow(/"ks".*categorical/);
    expect(() => runStatTest("wasserstein", "categorical", c, c)).toThrow(/"wasserstein".*categorical/);
    expect(() => runStatTest("tvd", "numerical", n, n)).toThrow(/"tvd".*numerical/);
  });
  it("runs chisquare and z on numerical columns (Evidently's default does for <= 5 values)", () => {
    expect(() => runStatTest("chisquare", "numerical", n, n)).not.toThrow();
    expect(() => runStatTest("z", "numerical", n, n)).not.toThrow();
  });
  it("rejects samples that do not match the type, and invalid values", () => {
    expect(() => runStatTest("psi", "numerical", c, c)).toThrow(/NumericSample/);
    expect(() => runStatTest("psi", "categorical", n, n)).toThrow(/CategoricalSample/);
    expect(() => runStatTest("ks", "numerical", numeric([1, Number.NaN]), n)).toThrow(/not finite/);
    expect(() => runStatTest("ks", "numerical", numeric([1, Number.POSITIVE_INFINITY]), n)).toThrow(
      /not finite/,
    );
    expect(() => runStatTest("ks", "numerical", numeric([1, 2], [1, -1]), n)).toThrow(/weight/);
    expect(() => runStatTest("ks", "numerical", numeric([1, 2], [1]), n)).toThrow(/weights/);
    expect(() => runStatTest("psi", "categorical", cats([["a", -1]]), c)).toThrow(/count/);
    expect(() => runStatTest("tvd", "categorical", cats([["a", 1.5]]), c)).toThrow(/integer/);
    expect(() => runStatTest("ks", "numerical", n, n, Number.NaN)).toThrow(/threshold/);
  });
});

describe("edge cases", () => {
  it("empty current, empty reference, all-missing: NaN statistic, not drifted, missing shares reported", () => {
    const full = numeric([1, 2, 3, 4], undefined, 1);
    const empty = numeric([], undefined, 5);
    for (const test of NUMERIC_TESTS) {
      for (const [ref, cur] of [
        [full, empty],
        [empty, full],
        [numeric([]), numeric([])],
      ] as const) {
        const r = runStatTest(test, "numerical", ref, cur);
        expect(r.statistic, test).toBeNaN();
        expect(r.testStatistic, test).toBeNaN();
        expect(r.drifted, test).toBe(false);
        if (test === "ks" || test === "chisquare" || test === "z") expect(r.pValue).toBeNaN();
        else expect(r.pValue).toBeNull();
      }
    }
    const r = runStatTest("ks", "numerical", full, empty);
    expect(r.referenceMissingShare).toBe(0.2);
    expect(r.currentMissingShare).toBe(1);
    expect(runStatTest("ks", "numerical", numeric([]), numeric([])).currentMissingShare).toBe(0);
    for (const test of CATEGORICAL_TESTS) {
      const c = runStatTest(test, "categorical", cats([["a", 3]]), cats([], 7));
      expect(c.statistic, test).toBeNaN();
      expect(c.drifted).toBe(false);
      expect(c.currentMissingShare).toBe(1);
    }
  });

  it("constant columns: wasserstein is normed by Evidently's 0.001 floor", () => {
    const three = numeric(Array(50).fill(3));
    expect(runStatTest("wasserstein", "numerical", three, numeric(Array(40).fill(3))).statistic).toBe(0);
    expectClose(
      runStatTest("wasserstein", "numerical", three, numeric(Array(40).fill(3.5))).statistic,
      500,
      "constant",
    );
    const ks = runStatTest("ks", "numerical", three, numeric(Array(40).fill(3)));
    expect(ks.statistic).toBe(1);
    expect(ks.testStatistic).toBe(0);
  });

  it("one category: chisquare p = 1 (scipy gives NaN), z p = 1, distances 0", () => {
    const a = cats([["only", 12]]);
    const b = cats([["only", 8]]);
    expect(runStatTest("chisquare", "categorical", a, b)).toMatchObject({ statistic: 1, testStatistic: 0 });
    expect(runStatTest("z", "categorical", a, b)).toMatchObject({ statistic: 1, testStatistic: 0 });
    for (const t of ["psi", "kl_div", "jensenshannon", "hellinger"] as const) {
      expect(runStatTest(t, "categorical", a, b).statistic, t).toBe(0);
    }
  });

  it("a category unseen in the reference: chi² = ∞, p = 0", () => {
    const r = runStatTest(
      "chisquare",
      "categorical",
      cats([
        ["a", 10],
        ["b", 10],
      ]),
      cats([
        ["a", 10],
        ["new", 1],
      ]),
    );
    expect(r.testStatistic).toBe(Number.POSITIVE_INFINITY);
    expect(r.statistic).toBe(0);
    expect(r.drifted).toBe(true);
  });

  it("negative zero is the same value as 0", () => {
    const withNeg = numeric([-0, 0, 1, -0, 2, 5, 7, -0, 3]);
    const plain = numeric([0, 0, 1, 0, 2, 5, 7, 0, 3]);
    const cur = numeric([0, -0, 1, 1, 4]);
    for (const test of NUMERIC_TESTS) {
      expect(runStatTest(test, "numerical", withNeg, cur), test).toEqual(
        runStatTest(test, "numerical", plain, cur),
      );
    }
    expect(countUniqueValues(withNeg, cur)).toBe(countUniqueValues(plain, cur));
  });

  it("extreme values (±1e308) give finite results instead of numpy's overflow", () => {
    const big = [1e308, -1e308, 0, 5e307, -5e307, ...Array.from({ length: 30 }, (_, i) => (i - 15) * 1e306)];
    const ref = numeric(big);
    const cur = numeric(big.map((v) => v / 2));
    for (const test of NUMERIC_TESTS) {
      const r = runStatTest(test, "numerical", ref, cur);
      expect(Number.isFinite(r.statistic), test).toBe(true);
    }
  });

  it("zero counts and zero weights are absent values", () => {
    const ref = numeric([1, 2, 3, 99], [2, 1, 3, 0]);
    const same = numeric([1, 1, 2, 3, 3, 3]);
    const cur = numeric([1, 2, 2, 4]);
    for (const test of NUMERIC_TESTS) {
      expect(runStatTest(test, "numerical", ref, cur), test).toEqual(
        runStatTest(test, "numerical", same, cur),
      );
    }
    const a = runStatTest(
      "chisquare",
      "categorical",
      cats([
        ["a", 3],
        ["zero", 0],
      ]),
      cats([["a", 2]]),
    );
    expect(a.statistic).toBe(1);
  });
});

describe("weighted samples equal their expansion", () => {
  function expandSample(values: number[], weights: number[]): number[] {
    return values.flatMap((v, i) => Array(weights[i]).fill(v));
  }
  function weightedCase(seed: number, buckets: number, maxCount: number, shift: number) {
    const rng = xorshift32(seed);
    const values = Array.from({ length: buckets }, (_, i) => (i * 7 + shift) / 8);
    const weights = values.map(() => rng.next().value % maxCount);
    return { values, weights };
  }
  const cases = [
    [weightedCase(1, 30, 12, 0), weightedCase(2, 25, 12, 20)],
    [weightedCase(3, 10, 200, 0), weightedCase(4, 12, 150, 3)],
    [weightedCase(5, 4, 400, 0), weightedCase(6, 4, 400, 0)],
    [weightedCase(7, 120, 300, 0), weightedCase(8, 100, 300, 40)], // Σ w > 10000: asymptotic KS
  ];
  it("for every numerical test (1e-12)", () => {
    for (const [a, b] of cases) {
      const wa = numeric(a!.values, a!.weights);
      const wb = numeric(b!.values, b!.weights);
      const ea = numeric(expandSample(a!.values, a!.weights));
      const eb = numeric(expandSample(b!.values, b!.weights));
      for (const test of NUMERIC_TESTS) {
        const w = runStatTest(test, "numerical", wa, wb);
        const e = runStatTest(test, "numerical", ea, eb);
        expectClose(w.statistic, e.statistic, `weighted ${test}`, 1e-12);
        expectClose(w.testStatistic, e.testStatistic, `weighted ${test} testStatistic`, 1e-12);
        expect(w.drifted, test).toBe(e.drifted);
      }
    }
  });
  it("all-ones weights give exactly the unweighted result", () => {
    const v = spread(200, 9);
    const c = numeric(spread(150, 10, 30));
    for (const test of NUMERIC_TESTS) {
      expect(
        runStatTest(
          test,
          "numerical",
          numeric(
            v,
            v.map(() => 1),
          ),
          c,
        ),
        test,
      ).toEqual(runStatTest(test, "numerical", numeric(v), c));
    }
  });
  it("non-integral weights: KS falls back to the asymptotic method", () => {
    const r = runStatTest(
      "ks",
      "numerical",
      numeric([1, 2, 3], [0.5, 1.5, 2]),
      numeric([2, 3, 4], [1, 1, 1.5]),
    );
    expect(r.pValue).toBeGreaterThan(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
  });
});

describe("KS internals", () => {
  it("the radix sort orders like Float64Array.prototype.sort (ties, −0, extremes, subnormals)", () => {
    const rng = xorshift32(77);
    const xs = Array.from({ length: 20_000 }, () => {
      const u = rng.next().value;
      return u % 5 === 0 ? (u % 7) - 3 : ((u % 2000003) - 1000000) / 997;
    });
    xs.push(-0, 0, -0, 1e308, -1e308, 5e-324, -5e-324, 2.2250738585072014e-308, -Number.MAX_VALUE);
    const a = Float64Array.from(xs);
    const expected = Float64Array.from(a).sort();
    const got = sortFloat64(a);
    expect(got.length).toBe(expected.length);
    for (let i = 0; i < got.length; i++) if (!Object.is(got[i], expected[i])) throw new Error(`index ${i}`);
  });
  it("the integer walk gives scipy's float D bit for bit", () => {
    for (const [n1, n2, seed] of [
      [3000, 7000, 1],
      [5000, 5000, 2],
      [97, 12000, 3],
    ] as const) {
      const a = sortFloat64(Float64Array.from(spread(n1, seed)));
      const b = sortFloat64(Float64Array.from(spread(n2, seed + 10, 7)));
      const floatWalk = ksStatistic(
        { values: a, weights: new Float64Array(n1).fill(1), total: n1 },
        { values: b, weights: new Float64Array(n2).fill(1), total: n2 },
      );
      const countWalk = ksStatistic(
        { values: a, weights: null, total: n1 },
        { values: b, weights: null, total: n2 },
      );
      expect(countWalk).toBe(floatWalk);
    }
  });
});
