// The decision sentence: significant win, no significant difference, guardrail regression, power, SRM, no data.
import { describe, expect, it } from "vitest";
import { type DecisionInput, decide } from "@/lib/experiments/decision";
import type { ComparisonResult } from "@/lib/experiments/schemas";

const comparison = (over: Partial<ComparisonResult> = {}): ComparisonResult => ({
  variant: "treatment",
  metric: "conversion",
  type: "binary",
  inverse: false,
  controlValue: 0.1,
  value: 0.1118,
  diff: 0.0118,
  diffCi: [0.004, 0.02],
  lift: 0.118,
  ci: [0.041, 0.199],
  pValue: 0.003,
  adjustedPValue: 0.006,
  significant: true,
  chanceToBeatControl: 0.996,
  expectedLoss: 0.0001,
  credibleInterval: [0.04, 0.2],
  cuped: null,
  sequential: null,
  ...over,
});

const base: DecisionInput = {
  units: 20_000,
  status: "running",
  control: "control",
  srm: { pValue: 0.4, flagged: false },
  primary: [comparison()],
  guardrails: [
    {
      variant: "treatment",
      guardrail: "latency_p95",
      controlValue: 20,
      value: 21,
      regressed: false,
      pValue: null,
      detail: "",
    },
  ],
  power: { metric: "conversion", variant: "treatment", requiredPerVariant: 14_752, remaining: 4_752 },
};

describe("decide", () => {
  it("states a significant lift with its interval, the chance to beat control, guardrails and power", () => {
    expect(decide(base)).toBe(
      "treatment raises conversion by +11.8% [+4.1%, +19.9%], 99.6% chance to beat control; no guardrail regressed; keep running until N=14,752 per variant for 80% power (4,752 more).",
    );
  });

  it("says when there is no significant difference yet, and names a regressed guardrail", () => {
    const text = decide({
      ...base,
      primary: [comparison({ significant: false, lift: 0.02, ci: [-0.03, 0.07], chanceToBeatControl: 0.8 })],
      guardrails: [
        { ...base.guardrails[0]!, regressed: true, detail: "p95 latency 30.0 ms vs 20.0 ms (+50.0%)" },
      ],
      power: { ...base.power!, remaining: 0 },
    });
    expect(text).toBe(
      "no significant difference yet in conversion for treatment (+2.0% [−3.0%, +7.0%], 80.0% chance to beat control); guardrail regressed: latency p95 of treatment (p95 latency 30.0 ms vs 20.0 ms (+50.0%)); the sample is large enough for 80% power on conversion.",
    );
  });

  it("lowers for a negative lift; a stopped experiment gives no advice to keep running", () => {
    const text = decide({
      ...base,
      status: "stopped",
      primary: [
        comparison({
          metric: "log_loss",
          lift: -0.3,
          ci: [-0.35, -0.25],
          chanceToBeatControl: 1,
          inverse: true,
        }),
      ],
    });
    expect(text).toBe(
      "treatment lowers log loss by −30.0% [−35.0%, −25.0%], 100.0% chance to beat control; no guardrail regressed.",
    );
  });

  it("puts a sample ratio mismatch before everything", () => {
    expect(decide({ ...base, srm: { pValue: 7.7e-6, flagged: true } })).toBe(
      "Sample ratio mismatch (p = 7.7e-6): the split does not match the weights; do not trust these results until the cause is found.",
    );
  });

  it("says when there is no data", () => {
    expect(decide({ ...base, units: 0 })).toMatch(/^No data yet: /);
  });
});
