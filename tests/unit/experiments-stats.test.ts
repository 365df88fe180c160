// lib/experiments/stats frequentist parts against statsmodels / scipy (tests/fixtures/experiments/generate.py):
// values to 1e-9 relative (absolute below 1), p-values to 1e-9 absolute.
import { describe, expect, it } from "vitest";
import {
  type BinarySummary,
  compareMeans,
  compareRates,
  cupedAdjust,
  holmAdjust,
  type MeanSummary,
  meanInterval,
  rateInterval,
  sampleSizeMeans,
  sampleSizeRates,
  srmTest,
} from "@/lib/experiments/stats";
import { expectClose, type Json, loadReference } from "./experiments-stats-helpers";

const ref = loadReference();

interface RateCase {
  control: BinarySummary;
  treatment: BinarySummary;
  alpha: number;
  diff: Json;
  statistic: Json;
  pValue: Json;
  diffCi: [Json, Json];
  lift: Json;
  liftCi: [Json, Json];
  controlInterval: [Json, Json];
  treatmentInterval: [Json, Json];
}

interface MeanCase {
  spec: string;
  control: MeanSummary;
  treatment: MeanSummary;
  alpha: number;
  diff: Json;
  statistic: Json;
  df: Json;
  pValue: Json;
  diffCi: [Json, Json];
  diffCiStatsmodels: [Json, Json];
  lift: Json;
  liftCi: [Json, Json];
  controlInterval: [Json, Json];
  treatmentInterval: [Json, Json];
}

describe("compareRates = proportions_ztest + wald confint_proportions_2indep + delta-method lift", () => {
  const cases = ref.rates as RateCase[];
  it("has the fixture breadth the issue asks for", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.alpha))).toEqual(new Set([0.05, 0.01]));
  });
  it.each(cases.map((c, i) => [i, c] as const))("case %i", (i, c) => {
    const r = compareRates(c.control, c.treatment, c.alpha);
    const at = `rate case ${i}`;
    expectClose(r.diff, c.diff, `${at} diff`);
    expectClose(r.statistic, c.statistic, `${at} z`);
    expectClose(r.pValue, c.pValue, `${at} p`);
    expectClose(r.diffCi[0], c.diffCi[0], `${at} diffCi lo`);
    expectClose(r.diffCi[1], c.diffCi[1], `${at} diffCi hi`);
    expectClose(r.lift, c.lift, `${at} lift`);
    expectClose(r.liftCi[0], c.liftCi[0], `${at} liftCi lo`);
    expectClose(r.liftCi[1], c.liftCi[1], `${at} liftCi hi`);
    expect(r.df).toBeNull();
    const wc = rateInterval(c.control, c.alpha);
    const wt = rateInterval(c.treatment, c.alpha);
    expectClose(wc[0], c.controlInterval[0], `${at} wilson control lo`);
    expectClose(wc[1], c.controlInterval[1], `${at} wilson control hi`);
    expectClose(wt[0], c.treatmentInterval[0], `${at} wilson treatment lo`);
    expectClose(wt[1], c.treatmentInterval[1], `${at} wilson treatment hi`);
  });
});

/** mean² / variance: how many digits Σy² − (Σy)²/n cancels. */
function conditioning(s: MeanSummary): number {
  const mean = s.sum / s.n;
  return (mean * mean) / Math.max(1e-300, (s.sumSquares - s.sum * mean) / (s.n - 1));
}

describe("compareMeans = scipy ttest_ind_from_stats(equal_var=False) + statsmodels tconfint_diff", () => {
  const cases = ref.means as MeanCase[];
  it("has the fixture breadth the issue asks for", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
  it.each(cases.map((c, i) => [i, c] as const))("case %i", (i, c) => {
    const r = compareMeans(c.control, c.treatment, c.alpha);
    const at = `mean case ${i} (${c.spec})`;
    // Sums lose (mean²/variance)·ε of the variance to cancellation (the summary contract's one limit):
    // the 1e6 ± 100 case has κ = 1e8 and agrees to ~2e-8; everything else to 1e-9.
    const tol = Math.max(1e-9, conditioning(c.control) * 1e-15, conditioning(c.treatment) * 1e-15);
    expectClose(r.diff, c.diff, `${at} diff`);
    expectClose(r.statistic, c.statistic, `${at} t`, tol);
    expectClose(r.df ?? Number.NaN, c.df, `${at} df`, tol);
    expectClose(r.pValue, c.pValue, `${at} p`, tol);
    expectClose(r.diffCi[0], c.diffCi[0], `${at} diffCi lo`, tol);
    expectClose(r.diffCi[1], c.diffCi[1], `${at} diffCi hi`, tol);
    // statsmodels' own numbers carry scipy t.ppf's ~1e-9 error: agree to 1e-8.
    expectClose(r.diffCi[0], c.diffCiStatsmodels[0], `${at} statsmodels diffCi lo`, 1e-8);
    expectClose(r.diffCi[1], c.diffCiStatsmodels[1], `${at} statsmodels diffCi hi`, 1e-8);
    expectClose(r.lift, c.lift, `${at} lift`);
    expectClose(r.liftCi[0], c.liftCi[0], `${at} liftCi lo`);
    expectClose(r.liftCi[1], c.liftCi[1], `${at} liftCi hi`);
    const mc = meanInterval(c.control, c.alpha);
    const mt = meanInterval(c.treatment, c.alpha);
    expectClose(mc[0], c.controlInterval[0], `${at} control interval lo`, 1e-8);
    expectClose(mc[1], c.controlInterval[1], `${at} control interval hi`, 1e-8);
    expectClose(mt[0], c.treatmentInterval[0], `${at} treatment interval lo`, 1e-8);
    expectClose(mt[1], c.treatmentInterval[1], `${at} treatment interval hi`, 1e-8);
  });
});

describe("holmAdjust = multipletests(method='holm')", () => {
  it.each((ref.holm as { p: number[]; adjusted: number[] }[]).map((c, i) => [i, c] as const))(
    "case %i",
    (i, c) => {
      holmAdjust(c.p).forEach((v, j) => {
        expectClose(v, c.adjusted[j]!, `holm ${i}[${j}]`, 1e-12);
      });
    },
  );
  it("leaves NaN p-values out of m and NaN in the output", () => {
    expect(holmAdjust([0.01, Number.NaN, 0.04])).toEqual([0.02, Number.NaN, 0.04]);
    expect(holmAdjust([])).toEqual([]);
  });
});

describe("srmTest = scipy.stats.chisquare against the weights", () => {
  const cases = ref.srm as {
    counts: number[];
    weights: number[];
    expected: number[];
    chiSquare: Json;
    pValue: Json;
  }[];
  it.each(cases.map((c, i) => [i, c] as const))("case %i", (i, c) => {
    const r = srmTest(c.counts, c.weights);
    r.expected.forEach((e, j) => {
      expectClose(e, c.expected[j]!, `srm ${i} expected[${j}]`);
    });
    expectClose(r.chiSquare, c.chiSquare, `srm ${i} chi2`);
    expectClose(r.pValue, c.pValue, `srm ${i} p`);
    expect(r.df).toBe(c.counts.length - 1);
    expect(r.flagged).toBe((c.pValue as number) < 0.001);
  });
  it("flags a 52/48 split of 10 000 units and a 4-way imbalance, not a 50.5/49.5 one", () => {
    expect(srmTest([5200, 4800], [0.5, 0.5]).flagged).toBe(true);
    expect(srmTest([10300, 10000, 9700, 10000], [0.25, 0.25, 0.25, 0.25]).flagged).toBe(true);
    expect(srmTest([5050, 4950], [0.5, 0.5]).flagged).toBe(false);
  });
  it("has nothing to test without units or with a zero weight", () => {
    const empty = srmTest([0, 0], [0.5, 0.5]);
    expect(empty.pValue).toBeNaN();
    expect(empty.flagged).toBe(false);
    expect(srmTest([10, 10], [1, 0]).flagged).toBe(false);
  });
});

describe("cupedAdjust feeds compareMeans the CUPED-adjusted sums (numpy CUPED + scipy Welch)", () => {
  const cases = ref.cuped as {
    control: Parameters<typeof cupedAdjust>[0];
    treatment: Parameters<typeof cupedAdjust>[0];
    theta: number;
    varianceReduction: number;
    adjustedMeans: [number, number];
    statistic: number;
    pValue: number;
    diffCi: [number, number];
    unadjustedPValue: number;
  }[];
  it.each(cases.map((c, i) => [i, c] as const))("case %i", (i, c) => {
    const adjusted = cupedAdjust(c.control, c.treatment);
    expectClose(adjusted.theta, c.theta, `cuped ${i} theta`);
    expectClose(adjusted.varianceReduction, c.varianceReduction, `cuped ${i} reduction`);
    expectClose(adjusted.control.sum / adjusted.control.n, c.adjustedMeans[0], `cuped ${i} control mean`);
    expectClose(
      adjusted.treatment.sum / adjusted.treatment.n,
      c.adjustedMeans[1],
      `cuped ${i} treatment mean`,
    );
    const r = compareMeans(adjusted.control, adjusted.treatment);
    expectClose(r.statistic, c.statistic, `cuped ${i} t`);
    expectClose(r.pValue, c.pValue, `cuped ${i} p`);
    expectClose(r.diffCi[0], c.diffCi[0], `cuped ${i} diffCi lo`, 1e-8);
    expectClose(r.diffCi[1], c.diffCi[1], `cuped ${i} diffCi hi`, 1e-8);
  });
  it("narrows the interval when the covariate predicts the metric", () => {
    const c = cases[1]!;
    const plain = compareMeans(
      { n: c.control.n, sum: c.control.sumY, sumSquares: c.control.sumY2 },
      { n: c.treatment.n, sum: c.treatment.sumY, sumSquares: c.treatment.sumY2 },
    );
    const adjusted = cupedAdjust(c.control, c.treatment);
    const cuped = compareMeans(adjusted.control, adjusted.treatment);
    const width = (ci: [number, number]) => ci[1] - ci[0];
    expect(adjusted.varianceReduction).toBeGreaterThan(0.7);
    expect(width(cuped.diffCi)).toBeLessThan(width(plain.diffCi) * Math.sqrt(1 - 0.7));
  });
  it("leaves the metric alone when the covariate is constant", () => {
    const arm = { n: 3, sumY: 6, sumY2: 14, sumX: 3, sumX2: 3, sumXY: 6 };
    const r = cupedAdjust(arm, arm);
    expect(r.theta).toBe(0);
    expect(r.varianceReduction).toBe(0);
    expect(r.control).toEqual({ n: 3, sum: 6, sumSquares: 14 });
  });
});

describe("sample size = NormalIndPower().solve_power(ratio=1)", () => {
  const p = ref.power as {
    rates: {
      controlRate: number;
      treatmentRate: number;
      alpha: number;
      power: number;
      n: number;
      nExact: number;
    }[];
    means: { diff: number; sd: number; alpha: number; power: number; n: number; nExact: number }[];
  };
  // To 1e-9 of the exact root of statsmodels' power function; to 1e-7 of solve_power, which stops early.
  it("rates (Cohen's h)", () => {
    for (const c of p.rates) {
      const n =
        sampleSizeRates(c.controlRate, c.treatmentRate, { alpha: c.alpha, power: c.power }) ?? Number.NaN;
      expectClose(n / c.nExact, 1, `rates ${JSON.stringify(c)}`);
      expectClose(n / c.n, 1, `rates ${JSON.stringify(c)} (solve_power)`, 1e-7);
    }
  });
  it("means (diff / sd)", () => {
    for (const c of p.means) {
      const n = sampleSizeMeans(c.diff, c.sd, { alpha: c.alpha, power: c.power }) ?? Number.NaN;
      expectClose(n / c.nExact, 1, `means ${JSON.stringify(c)}`);
      expectClose(n / c.n, 1, `means ${JSON.stringify(c)} (solve_power)`, 1e-7);
    }
  });
  it("is null for no effect or nonsense input", () => {
    expect(sampleSizeRates(0.1, 0.1)).toBeNull();
    expect(sampleSizeRates(0.1, 1.2)).toBeNull();
    expect(sampleSizeMeans(0, 1)).toBeNull();
    expect(sampleSizeMeans(1, 0)).toBeNull();
    expect(sampleSizeMeans(Number.NaN, 1)).toBeNull();
  });
});

describe("edge cases never throw and mark undefined quantities NaN", () => {
  it("an empty arm", () => {
    const r = compareRates({ n: 0, successes: 0 }, { n: 100, successes: 10 });
    expect(r.controlValue).toBeNaN();
    expect(r.pValue).toBeNaN();
    expect(r.diffCi.every(Number.isNaN)).toBe(true);
    expect(rateInterval({ n: 0, successes: 0 }).every(Number.isNaN)).toBe(true);
    const m = compareMeans({ n: 0, sum: 0, sumSquares: 0 }, { n: 5, sum: 10, sumSquares: 30 });
    expect(m.pValue).toBeNaN();
    expect(m.df).toBeNaN();
  });
  it("all successes in both arms: no variance, no test, but the values and a zero-width diff interval", () => {
    const r = compareRates({ n: 50, successes: 50 }, { n: 40, successes: 40 });
    expect(r.controlValue).toBe(1);
    expect(r.diff).toBe(0);
    expect(r.statistic).toBeNaN();
    expect(r.pValue).toBeNaN();
    expect(r.diffCi).toEqual([0, 0]);
  });
  it("a zero control rate: the lift is undefined, the difference is not", () => {
    const r = compareRates({ n: 100, successes: 0 }, { n: 100, successes: 5 });
    expect(r.lift).toBeNaN();
    expect(r.liftCi.every(Number.isNaN)).toBe(true);
    expect(r.pValue).toBeGreaterThan(0);
    expect(r.pValue).toBeLessThan(0.05);
  });
  it("zero variance in both mean arms", () => {
    const r = compareMeans({ n: 4, sum: 8, sumSquares: 16 }, { n: 4, sum: 12, sumSquares: 36 });
    expect(r.diff).toBe(1);
    expect(r.statistic).toBeNaN();
    expect(r.pValue).toBeNaN();
    expect(meanInterval({ n: 4, sum: 8, sumSquares: 16 })).toEqual([2, 2]);
  });
  it("a single unit per arm has a mean but no variance", () => {
    const r = compareMeans({ n: 1, sum: 3, sumSquares: 9 }, { n: 1, sum: 4, sumSquares: 16 });
    expect(r.controlValue).toBe(3);
    expect(r.pValue).toBeNaN();
    expect(meanInterval({ n: 1, sum: 3, sumSquares: 9 }).every(Number.isNaN)).toBe(true);
  });
});
