import { describe, expect, it } from "vitest";
import {
  formatChance,
  formatLift,
  formatLiftWithInterval,
  formatMetricValue,
  formatPClause,
  formatPValue,
  formatValueWithCi,
  significanceTone,
} from "@/lib/charts/experiment-format";
import {
  guardrailRows,
  liftCharts,
  liftDomain,
  metricType,
  powerLine,
  srmSummary,
  variantRows,
} from "@/lib/charts/experiment-results";
import { SERIES_COLORS } from "@/lib/charts/palette";
import { resultsFixture } from "./charts-experiment-fixture";

describe("formatting", () => {
  it("writes lifts and intervals like the decision summary", () => {
    expect(formatLift(0.118)).toBe("+11.8%");
    expect(formatLift(-0.0412)).toBe("\u22124.1%");
    expect(formatLift(-0.0001)).toBe("0.0%");
    expect(formatLift(null)).toBe("—");
    expect(formatLiftWithInterval(0.118, [0.041, 0.199])).toBe("+11.8% [+4.1%, +19.9%]");
    expect(formatLiftWithInterval(0.118, null)).toBe("+11.8%");
  });

  it("formats values by metric type: rates as %, log loss with 4 digits, means as numbers", () => {
    expect(formatMetricValue(0.1118, "binary", "conversion")).toBe("11.2%");
    expect(formatMetricValue(0.0021, "binary", "error")).toBe("0.21%");
    expect(formatMetricValue(0.31234, "mean", "log_loss")).toBe("0.3123");
    expect(formatMetricValue(0.8123, "f1", "f1")).toBe("0.812");
    expect(formatMetricValue(12.5, "mean", "revenue")).toBe("12.50");
    expect(formatMetricValue(1234.56, "mean", "revenue")).toBe("1,235");
    expect(formatValueWithCi(0.1, [0.0941, 0.1059], "binary", "conversion")).toBe("10.0% [9.4%, 10.6%]");
  });

  it("formats p-values and chances without claiming certainty", () => {
    expect(formatPValue(0.0031)).toBe("0.0031");
    expect(formatPValue(0.00001)).toBe("< 0.0001");
    expect(formatPClause(0.00001)).toBe("p < 0.0001");
    expect(formatPClause(0.0031)).toBe("p = 0.0031");
    expect(formatChance(0.9963)).toBe("99.6%");
    expect(formatChance(0.99996)).toBe("> 99.9%");
    expect(formatChance(0.00001)).toBe("< 0.1%");
  });

  it("colours significance by the metric's good direction", () => {
    const base = { significant: true, inverse: false, diff: 0.01, lift: 0.1 };
    expect(significanceTone(base)).toBe("better");
    expect(significanceTone({ ...base, diff: -0.01, lift: -0.1 })).toBe("worse");
    expect(significanceTone({ ...base, inverse: true })).toBe("worse");
    expect(significanceTone({ ...base, inverse: true, diff: -0.01 })).toBe("better");
    expect(significanceTone({ ...base, significant: false })).toBe("inconclusive");
    // control at 0: no lift, the difference still says which way
    expect(significanceTone({ ...base, lift: null })).toBe("better");
  });
});

describe("variant table", () => {
  it("has one row per variant with weight, units, share and each metric with its interval", () => {
    const rows = variantRows(resultsFixture());
    expect(rows.map((r) => [r.key, r.isControl, r.weight, r.units, r.share])).toEqual([
      ["control", true, "50%", "10,000", "50.0%"],
      ["treatment", false, "25%", "5,000", "25.0%"],
      ["treat.b", false, "25%", "5,000", "25.0%"],
    ]);
    expect(rows[0]!.cells.map((c) => c.text)).toEqual([
      "10.0% [9.4%, 10.6%]",
      "12.50 [12.10, 12.90]",
      "0.3123 [0.3000, 0.3247]",
    ]);
    expect(rows[2]!.cells.map((c) => c.text)).toEqual(["10.1%", "—", "—"]);
    expect(rows.map((r) => r.color)).toEqual(SERIES_COLORS.slice(0, 3));
  });

  it("reads a metric's type from the variants", () => {
    const r = resultsFixture();
    expect(metricType(r, "conversion")).toBe("binary");
    expect(metricType(r, "revenue")).toBe("mean");
    expect(metricType(r, "nope")).toBe("binary");
  });
});

describe("lift with interval bars", () => {
  it("pads a domain that always holds zero", () => {
    const [lo, hi] = liftDomain([0.1, 0.2]);
    expect(lo).toBeCloseTo(-0.016, 12);
    expect(hi).toBeCloseTo(0.216, 12);
    const [elo, ehi] = liftDomain([]);
    expect([elo, ehi].map((x) => Number(x.toFixed(12)))).toEqual([-0.058, 0.058]);
  });

  it("places every treatment of a metric on one scale around the zero line", () => {
    const [conversion, revenue, logLoss] = liftCharts(resultsFixture());
    // conversion: intervals span −0.06 (treat.b's low) … 0.199 (treatment's high); pad 8% of 0.259. The
    // sequential interval (−0.01 … 0.25) does not widen the scale: it is clipped at the edge.
    const [lo, hi] = conversion!.domain;
    expect(lo).toBeCloseTo(-0.08072, 10);
    expect(hi).toBeCloseTo(0.21972, 10);
    const at = (x: number) => ((x - lo) / (hi - lo)) * 100;
    expect(conversion!.zero).toBeCloseTo(at(0), 10);
    expect(conversion!.rows.map((r) => r.variant)).toEqual(["treatment", "treat.b"]);
    const t = conversion!.rows[0]!;
    expect(t.bar!.left).toBeCloseTo(at(0.041), 10);
    expect(t.bar!.width).toBeCloseTo(at(0.199) - at(0.041), 10);
    expect(t.point).toBeCloseTo(at(0.118), 10);
    expect(t.sequentialBar!.left).toBeCloseTo(at(-0.01), 10);
    expect(t.sequentialBar!.left + t.sequentialBar!.width).toBe(100);
    expect(t.sequentialInterval).toBe("[\u22121.0%, +25.0%]");
    expect([t.tone, t.lift, t.interval, t.pValue, t.adjustedPValue, t.chance, t.expectedLoss]).toEqual([
      "better",
      "+11.8%",
      "[+4.1%, +19.9%]",
      "0.0031",
      "0.0124",
      "99.6%",
      "0.00%",
    ]);
    expect(conversion!.rows[1]!.tone).toBe("inconclusive");
    expect(conversion!.rows[1]!.sequentialBar).toBeNull();
    expect(conversion!.ticks.map((x) => x.label)).toEqual(["\u22128%", "0%", "+22%"]);
    // accuracy-like metric: the low end is 3% of the width from zero, its label would overlap "0%"
    const r = resultsFixture();
    r.comparisons[0]!.ci = [0.01, 0.4];
    r.comparisons[1]!.ci = [0.005, 0.3];
    expect(liftCharts(r)[0]!.ticks.map((x) => x.label)).toEqual(["0%", "+43%"]);
    expect(revenue!.rows[0]!.tone).toBe("worse");
    // log loss went up: lower is better, so significant and worse
    expect(logLoss!.rows[0]!.tone).toBe("worse");
    expect(logLoss!.rows[0]!.inverse).toBe(true);
  });

  it("draws no bar when the interval is missing", () => {
    const r = resultsFixture();
    r.comparisons[0]!.ci = null;
    r.comparisons[0]!.lift = null;
    const row = liftCharts(r)[0]!.rows[0]!;
    expect(row.bar).toBeNull();
    expect(row.point).toBeNull();
    expect(row.lift).toBe("—");
  });
});

describe("guardrails, SRM and power", () => {
  it("formats guardrail values in their units", () => {
    expect(guardrailRows(resultsFixture())).toEqual([
      {
        variant: "treatment",
        guardrail: "latency p95",
        regressed: true,
        control: "42.3 ms",
        value: "61.7 ms",
        pValue: "< 0.0001",
        detail: "p95 latency rose by 45.9%",
      },
      {
        variant: "treatment",
        guardrail: "error rate",
        regressed: false,
        control: "0.21%",
        value: "0.19%",
        pValue: "0.6100",
        detail: "no increase",
      },
    ]);
  });

  it("lists observed against expected units per variant", () => {
    const r = resultsFixture();
    r.srm = {
      observed: [10_400, 4_900, 4_700],
      expected: [10_000, 5_000, 5_000],
      chiSquare: 36.1,
      pValue: 1.4e-8,
      flagged: true,
    };
    expect(srmSummary(r)).toEqual({
      counts: [
        { variant: "control", observed: "10,400", expected: "10,000" },
        { variant: "treatment", observed: "4,900", expected: "5,000" },
        { variant: "treat.b", observed: "4,700", expected: "5,000" },
      ],
      chiSquare: "36.10",
      pClause: "p < 0.0001",
    });
  });

  it("says how many units 80% power needs", () => {
    const r = resultsFixture();
    expect(powerLine(r)).toBe(
      "80% power on conversion (treat.b vs control) needs 36,513 units per variant; about 31,513 more to go.",
    );
    r.power = { ...r.power!, remaining: 0 };
    expect(powerLine(r)).toMatch(/; reached\.$/);
    r.power = { ...r.power!, requiredPerVariant: null };
    expect(powerLine(r)).toBe(
      "Not enough data yet to estimate the sample size for 80% power on conversion (treat.b vs control).",
    );
    expect(powerLine({ power: null })).toBeNull();
  });
});
