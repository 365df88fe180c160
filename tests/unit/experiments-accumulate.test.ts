// The one-pass accumulation: event type inference, per-unit log loss as scikit-learn computes it, quality on
// labeled units only, and CUPED's pooled mean standing in for a missing covariate.
import { describe, expect, it } from "vitest";
import { addToAccumulator, createAccumulator, type Unit, unitLogLoss } from "@/lib/experiments/accumulate";
import { covariateSummary } from "@/lib/experiments/moments";
import { totalsOf } from "@/lib/experiments/summaries";

const unit = (over: Partial<Unit>): Unit => ({
  variant: 0,
  ts: Date.parse("2026-11-01T10:00:00Z"),
  latencyMs: 10,
  covariate: null,
  events: new Map(),
  prediction: 1,
  label: null,
  score: 0.8,
  scores: null,
  ...over,
});

describe("unitLogLoss", () => {
  it("binary from score with the positive class; multiclass from the normalised own-class probability", () => {
    expect(unitLogLoss(unit({ label: 1, score: 0.8 }), "binary", "1")).toBeCloseTo(-Math.log(0.8), 15);
    expect(unitLogLoss(unit({ label: 0, score: 0.8 }), "binary", "1")).toBeCloseTo(-Math.log(0.2), 15);
    const scores = { a: 0.2, b: 0.5, c: 0.5 };
    expect(unitLogLoss(unit({ label: "b", score: null, scores }), "multiclass", null)).toBeCloseTo(
      -Math.log(0.5 / 1.2),
      15,
    );
    expect(unitLogLoss(unit({ label: "z", score: null, scores }), "multiclass", null)).toBeNull();
    expect(unitLogLoss(unit({ label: null }), "binary", "1")).toBeNull();
  });
});

describe("accumulator", () => {
  it("infers binary for 0/1 event values and mean otherwise; counts quality on labeled units only", () => {
    const acc = createAccumulator({
      variants: 2,
      eventNames: ["click", "revenue"],
      task: "binary",
      positiveClass: "1",
    });
    addToAccumulator(
      acc,
      unit({ events: new Map([["click", { count: 2, sum: 2, notZeroOne: 0 }]]), label: 1 }),
    );
    addToAccumulator(
      acc,
      unit({ events: new Map([["revenue", { count: 1, sum: 12.5, notZeroOne: 1 }]]), label: 0 }),
    );
    addToAccumulator(acc, unit({ variant: 1, ts: Date.parse("2026-11-02T10:00:00Z") }));
    expect(acc.zeroOne).toEqual({ click: true, revenue: false });
    expect(acc.days.size).toBe(2);
    const [a, b] = totalsOf(acc.days, 2, acc.eventNames);
    expect(a!.n).toBe(2);
    expect(b!.n).toBe(1);
    expect(a!.events.click!.binary).toMatchObject({ n: 2, sumY: 1 });
    expect(a!.events.click!.mean).toMatchObject({ n: 2, sumY: 2 });
    expect(a!.events.revenue!.mean).toMatchObject({ n: 2, sumY: 12.5, sumY2: 156.25 });
    expect(a!.accuracy).toMatchObject({ n: 2, sumY: 1 });
    expect(b!.accuracy.n).toBe(0);
    expect(a!.confusion).toEqual({ "1": { "1": 1 }, "0": { "1": 1 } });
  });

  it("CUPED: units without a covariate get the pooled mean", () => {
    const acc = createAccumulator({ variants: 1, eventNames: ["buy"], task: "binary", positiveClass: "1" });
    const buy = new Map([["buy", { count: 1, sum: 10, notZeroOne: 1 }]]);
    addToAccumulator(acc, unit({ covariate: 2, events: buy }));
    addToAccumulator(acc, unit({ covariate: 4 }));
    addToAccumulator(acc, unit({ covariate: null, events: buy }));
    const pooled = acc.covariate.sum / acc.covariate.n;
    expect(pooled).toBe(3);
    const s = covariateSummary(totalsOf(acc.days, 1, ["buy"])[0]!.events.buy!.mean, pooled);
    // x = [2, 4, 3], y = [10, 0, 10]
    expect(s).toEqual({ n: 3, sumY: 20, sumY2: 200, sumX: 9, sumX2: 29, sumXY: 50 });
  });
});
