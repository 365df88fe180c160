// Bayesian comparisons: rates against scipy quadrature of the Beta posteriors (to 1e-9) and a 10^6-draw numpy
// Monte Carlo (within 4 standard errors), both made once by tests/fixtures/experiments/generate.py; means against
// gbstats' EffectBayesianABTest formulas evaluated with scipy (to 1e-9).
import { describe, expect, it } from "vitest";
import {
  type BinarySummary,
  bayesMeans,
  bayesRates,
  LOSE_RISK,
  type MeanSummary,
  PRIOR_SD,
  riskLevel,
  WIN_RISK,
} from "@/lib/experiments/stats";
import { probGreater } from "@/lib/experiments/stats/beta-compare";
import { expectClose, expectRelative, type Json, loadReference } from "./experiments-stats-helpers";

const ref = loadReference();

interface McStat {
  mean: number;
  se: number;
}
interface RateCase {
  control: BinarySummary;
  treatment: BinarySummary;
  bayes: { chance: number; lossTreatment: number; lossControl: number };
  monteCarlo?: { chance: McStat; lossTreatment: McStat; lossControl: McStat };
}
interface GbEffect {
  chance: Json;
  relLossTreatment: Json;
  relLossControl: Json;
  lossTreatment: Json;
  lossControl: Json;
  interval: [Json, Json];
}
interface MeanCase {
  control: MeanSummary;
  treatment: MeanSummary;
  bayes?: { proper: GbEffect; flat: GbEffect; inverse90: GbEffect };
}

const rates = ref.rates as RateCase[];

describe("bayesRates: Beta(1 + x, 1 + n − x) posteriors", () => {
  it.each(rates.map((c, i) => [i, c] as const))("case %i equals scipy quadrature", (i, c) => {
    const r = bayesRates(c.control, c.treatment);
    expectClose(r.chanceToBeatControl, c.bayes.chance, `case ${i} chance`, 1e-9);
    // Losses are differences of two ~p-sized terms in both methods (Stucchio here, the integrand there): they agree
    // to 1e-7 relative or 2e-11 absolute, far below the risk thresholds (2.5e-3 relative).
    expectRelative(r.expectedLoss.treatment, c.bayes.lossTreatment, `case ${i} loss(treatment)`, 1e-7, 2e-11);
    expectRelative(r.expectedLoss.control, c.bayes.lossControl, `case ${i} loss(control)`, 1e-7, 2e-11);
  });

  const mc = rates.map((c, i) => [i, c] as const).filter(([, c]) => c.monteCarlo);
  it("has Monte Carlo references for ten cases", () => expect(mc.length).toBe(10));
  it.each(mc)("case %i lies within 4 standard errors of a 10^6-draw Monte Carlo", (i, c) => {
    const r = bayesRates(c.control, c.treatment);
    const m = c.monteCarlo!;
    // A region no draw reached has a sample SE of 0: there the floor is the SE the exact value implies
    // (binomial for the chance) or, for a loss, one draw's worth of resolution (1e-6).
    const within = (value: number, s: McStat, what: string, floor: number) => {
      if (!(Math.abs(value - s.mean) <= 4 * Math.max(s.se, floor)))
        throw new Error(`case ${i} ${what}: ${value} vs MC ${s.mean} ± ${s.se}`);
    };
    const p = r.chanceToBeatControl;
    within(p, m.chance, "chance", Math.sqrt((p * (1 - p)) / 1e6));
    within(r.expectedLoss.treatment, m.lossTreatment, "loss(treatment)", m.lossTreatment.se > 0 ? 0 : 1e-6);
    within(r.expectedLoss.control, m.lossControl, "loss(control)", m.lossControl.se > 0 ? 0 : 1e-6);
  });

  it("inverse metrics flip the chance and swap the losses", () => {
    const c = rates[4]!;
    const up = bayesRates(c.control, c.treatment);
    const down = bayesRates(c.control, c.treatment, { inverse: true });
    expectClose(down.chanceToBeatControl, 1 - up.chanceToBeatControl, "inverse chance", 1e-15);
    expect(down.expectedLoss.treatment).toBeCloseTo(up.expectedLoss.control, 15);
    expect(down.expectedLoss.control).toBeCloseTo(up.expectedLoss.treatment, 15);
  });

  it("relative losses divide by the observed control rate; the lift interval brackets the observed lift", () => {
    const r = bayesRates({ n: 10000, successes: 1000 }, { n: 10000, successes: 1100 });
    expectClose(r.relativeExpectedLoss!.treatment, r.expectedLoss.treatment / 0.1, "relative", 1e-15);
    expect(r.liftCredibleInterval[0]).toBeLessThan(0.1);
    expect(r.liftCredibleInterval[1]).toBeGreaterThan(0.1);
    expect(r.liftCredibleInterval[0]).toBeGreaterThan(0);
    // A 95% interval that excludes 0 on the log scale means a chance above 97.5%.
    expect(r.chanceToBeatControl).toBeGreaterThan(0.975);
  });

  it("stays exact and fast at ten million units per arm", () => {
    const started = performance.now();
    const r = bayesRates({ n: 10_000_000, successes: 1_000_000 }, { n: 10_000_000, successes: 1_001_000 });
    expect(performance.now() - started).toBeLessThan(200);
    // The normal approximation is excellent here: Φ(0.0001/√(0.1·0.9/1e7 + 0.1001·0.8999/1e7)) = Φ(0.7451) = 0.7719.
    expect(r.chanceToBeatControl).toBeCloseTo(0.7719, 4);
  });

  it("P(B > A) is symmetric: P(B > A) + P(A > B) = 1", () => {
    const a = { alpha: 13, beta: 90 };
    const b = { alpha: 20, beta: 85 };
    expectClose(probGreater(a, b) + probGreater(b, a), 1, "symmetry", 1e-13);
  });

  it("edge cases: an empty arm is undefined; all successes and a zero control are fine", () => {
    const empty = bayesRates({ n: 0, successes: 0 }, { n: 10, successes: 3 });
    expect(empty.chanceToBeatControl).toBeNaN();
    expect(empty.liftCredibleInterval.every(Number.isNaN)).toBe(true);
    const all = bayesRates({ n: 40, successes: 40 }, { n: 40, successes: 40 });
    expectClose(all.chanceToBeatControl, 0.5, "all successes", 1e-12);
    const zero = bayesRates({ n: 100, successes: 0 }, { n: 100, successes: 5 });
    expect(zero.chanceToBeatControl).toBeGreaterThan(0.97);
    expect(Number.isFinite(zero.liftCredibleInterval[0])).toBe(true); // the posterior mean is never 0
    expect(zero.relativeExpectedLoss!.treatment).toBeNaN(); // … but the observed control rate is
  });
});

describe("bayesMeans: gbstats' effect model on the relative lift", () => {
  const cases = (ref.means as MeanCase[]).map((c, i) => [i, c] as const).filter(([, c]) => c.bayes);
  const check = (r: ReturnType<typeof bayesMeans>, e: GbEffect, at: string) => {
    expectClose(r.chanceToBeatControl, e.chance, `${at} chance`);
    expectClose(r.relativeExpectedLoss!.treatment, e.relLossTreatment, `${at} relative loss(treatment)`);
    expectClose(r.relativeExpectedLoss!.control, e.relLossControl, `${at} relative loss(control)`);
    expectClose(r.expectedLoss.treatment, e.lossTreatment, `${at} loss(treatment)`);
    expectClose(r.expectedLoss.control, e.lossControl, `${at} loss(control)`);
    expectClose(r.liftCredibleInterval[0], e.interval[0], `${at} interval lo`);
    expectClose(r.liftCredibleInterval[1], e.interval[1], `${at} interval hi`);
  };
  it.each(cases)("case %i: proper N(0, 0.3²) prior (default), flat prior, inverse at 90%", (i, c) => {
    check(bayesMeans(c.control, c.treatment), c.bayes!.proper, `case ${i} proper`);
    check(
      bayesMeans(c.control, c.treatment, { priorSd: Number.POSITIVE_INFINITY }),
      c.bayes!.flat,
      `case ${i} flat`,
    );
    check(
      bayesMeans(c.control, c.treatment, { inverse: true, level: 0.9, priorSd: PRIOR_SD }),
      c.bayes!.inverse90,
      `case ${i} inverse`,
    );
  });
  it("the prior shrinks a large lift measured on few units", () => {
    const control = { n: 5, sum: 10, sumSquares: 24 };
    const treatment = { n: 5, sum: 20, sumSquares: 90 };
    const flat = bayesMeans(control, treatment, { priorSd: Number.POSITIVE_INFINITY });
    const proper = bayesMeans(control, treatment);
    const centre = (r: typeof flat) => (r.liftCredibleInterval[0] + r.liftCredibleInterval[1]) / 2;
    expectClose(centre(flat), 1, "flat centre = observed lift", 1e-12);
    expect(centre(proper)).toBeLessThan(0.5);
  });
  it("edge cases: zero control mean, zero variance, one unit are undefined", () => {
    expect(
      bayesMeans({ n: 5, sum: 0, sumSquares: 2 }, { n: 5, sum: 5, sumSquares: 7 }).chanceToBeatControl,
    ).toBeNaN();
    expect(
      bayesMeans({ n: 4, sum: 8, sumSquares: 16 }, { n: 4, sum: 12, sumSquares: 36 }).chanceToBeatControl,
    ).toBeNaN();
    expect(
      bayesMeans({ n: 1, sum: 8, sumSquares: 64 }, { n: 4, sum: 12, sumSquares: 40 }).chanceToBeatControl,
    ).toBeNaN();
  });
});

describe("risk thresholds are GrowthBook's", () => {
  it("0.0025 and 0.0125", () => {
    expect([WIN_RISK, LOSE_RISK, PRIOR_SD]).toEqual([0.0025, 0.0125, 0.3]);
    expect(riskLevel(0.001)).toBe("low");
    expect(riskLevel(0.005)).toBe("medium");
    expect(riskLevel(0.02)).toBe("high");
    expect(riskLevel(Number.NaN)).toBeNull();
  });
});
