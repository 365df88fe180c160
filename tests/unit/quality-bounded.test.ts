// Bounded rollup state: score tables past SCORE_TABLE_EXACT_CAP distinct scores and label-delay sketches past
// QUANTILE_EXACT_CAP delays. Below the caps both are exact (the scikit-learn fixtures in quality.test.ts hold);
// above them the error stays within the documented bounds of the exact result.
import { describe, expect, it } from "vitest";
import {
  addSample,
  boundScoreTables,
  computeQualityMetrics,
  createQualityState,
  mergeQualityStateInto,
  type QualitySample,
  SCORE_TABLE_EXACT_CAP,
} from "@/lib/quality";
import { roundScore, SCORE_GRID_STEP } from "@/lib/quality/score-bound";
import {
  addToSketch,
  emptyQuantileSketch,
  mergeQuantileSketchInto,
  parseQuantileSketch,
  QUANTILE_EXACT_CAP,
  QUANTILE_RELATIVE_ACCURACY,
  sketchCount,
  sketchQuantile,
} from "@/lib/rollups/quantile-sketch";
import { percentile } from "@/lib/rollups/samples";
import { mulberry32 } from "@/lib/simulator/random";

const binary = { task: "binary" as const, positiveClass: "1" };

/** n binary samples whose score is informative but noisy, so the AUC is neither 0.5 nor 1. */
function samples(n: number, seed: number): QualitySample[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const label = rng() < 0.3 ? 1 : 0;
    const score = 1 / (1 + Math.exp(-(label * 1.5 - 0.8 + (rng() - 0.5) * 4)));
    return { prediction: score > 0.5 ? 1 : 0, label, score };
  });
}

describe("score tables", () => {
  it("stay exact up to the cap, then round on the finest grid that fits", () => {
    const state = createQualityState();
    for (let i = 0; i < SCORE_TABLE_EXACT_CAP; i++)
      addSample(state, { prediction: 1, label: 1, score: i / 1e5 }, binary);
    const exact = JSON.stringify(state.scoreTable);
    boundScoreTables(state);
    expect(JSON.stringify(state.scoreTable)).toBe(exact);
    expect(state.scoreStep).toBeUndefined();
    addSample(state, { prediction: 1, label: 0, score: 0.5 }, binary);
    boundScoreTables(state);
    expect(state.scoreStep).toBe(SCORE_GRID_STEP);
    expect(Object.keys(state.scoreTable).length).toBeLessThanOrEqual(SCORE_TABLE_EXACT_CAP);
  });

  it("round probabilities on a logit grid: odds move by at most half a step", () => {
    const rng = mulberry32(7);
    for (let i = 0; i < 10_000; i++) {
      const p = rng() ** 3;
      const q = roundScore(p, SCORE_GRID_STEP);
      const logitError = Math.abs(Math.log(q / (1 - q)) - Math.log(p / (1 - p)));
      expect(logitError).toBeLessThanOrEqual(SCORE_GRID_STEP / 2 + 1e-9);
    }
    expect(roundScore(0, SCORE_GRID_STEP)).toBe(0);
    expect(roundScore(1, SCORE_GRID_STEP)).toBe(1);
    expect(roundScore(-250, SCORE_GRID_STEP)).toBeCloseTo(-250, 0); // non-probabilities keep their order
  });

  it("keep a day of 5-minute buckets bounded, with AUC and log loss close to the exact ones", () => {
    const all = samples(100_000, 1);
    const exact = createQualityState();
    for (const s of all) addSample(exact, s, binary);
    expect(Object.keys(exact.scoreTable).length).toBeGreaterThan(90_000);

    // 20 buckets of 5000 samples, each bounded as the bucket job stores it, merged as the hour and day jobs do.
    const merged = createQualityState();
    for (let b = 0; b < 20; b++) {
      const bucket = createQualityState();
      for (const s of all.slice(b * 5000, (b + 1) * 5000)) addSample(bucket, s, binary);
      mergeQualityStateInto(merged, bucket);
      expect(Object.keys(merged.scoreTable).length).toBeLessThanOrEqual(SCORE_TABLE_EXACT_CAP);
    }
    const want = computeQualityMetrics(exact, binary);
    const got = computeQualityMetrics(merged, binary);
    expect(got.count).toBe(want.count);
    expect(got.accuracy).toBe(want.accuracy);
    expect(got.f1).toBe(want.f1);
    expect(Math.abs(got.rocAuc! - want.rocAuc!)).toBeLessThan(1e-3);
    expect(Math.abs(got.logLoss! - want.logLoss!)).toBeLessThan(SCORE_GRID_STEP / 2);
  });

  it("merge in the same order gives the same state", () => {
    const parts = [samples(6000, 2), samples(6000, 3), samples(300, 4)];
    const run = () => {
      const out = createQualityState();
      for (const p of parts) {
        const s = createQualityState();
        for (const x of p) addSample(s, x, binary);
        mergeQualityStateInto(out, s);
      }
      return JSON.stringify(out);
    };
    expect(run()).toBe(run());
  });
});

describe("label-delay sketch", () => {
  const delays = (n: number, seed: number) => {
    const rng = mulberry32(seed);
    // Log-normal-ish: seconds to days, plus some exact zeros (label timestamp before the prediction's).
    return Array.from({ length: n }, () => (rng() < 0.05 ? 0 : Math.exp(rng() * 12)));
  };

  it("is numpy's percentile while exact, also after merging", () => {
    const a = delays(600, 1);
    const b = delays(400, 2);
    const sa = emptyQuantileSketch();
    const sb = emptyQuantileSketch();
    for (const d of a) addToSketch(sa, d);
    for (const d of b) addToSketch(sb, d);
    mergeQuantileSketchInto(sa, sb);
    expect(sketchCount(sa)).toBe(1000);
    for (const q of [0, 0.5, 0.9, 1]) expect(sketchQuantile(sa, q)).toBe(percentile([...a, ...b], q));
  });

  it("past the cap, percentiles are within the relative accuracy of the exact ones", () => {
    const all = delays(50_000, 3);
    const merged = emptyQuantileSketch();
    for (let i = 0; i < all.length; i += 5000) {
      const part = emptyQuantileSketch();
      for (const d of all.slice(i, i + 5000)) addToSketch(part, d);
      mergeQuantileSketchInto(merged, parseQuantileSketch(JSON.stringify(part)));
    }
    expect(merged.exact).toBeNull();
    expect(sketchCount(merged)).toBe(all.length);
    const sorted = [...all].sort((x, y) => x - y);
    for (const q of [0.1, 0.5, 0.9, 0.99]) {
      const want = sorted[Math.floor(q * (all.length - 1))]!;
      const got = sketchQuantile(merged, q)!;
      expect(Math.abs(got - want) / want).toBeLessThanOrEqual(QUANTILE_RELATIVE_ACCURACY + 1e-12);
    }
    expect(sketchQuantile(merged, 0)).toBe(0);
  });

  it("switches to buckets when a merge would pass the cap", () => {
    const a = emptyQuantileSketch();
    const b = emptyQuantileSketch();
    for (let i = 0; i < QUANTILE_EXACT_CAP; i++) addToSketch(a, i + 1);
    addToSketch(b, 5);
    mergeQuantileSketchInto(a, b);
    expect(a.exact).toBeNull();
    expect(sketchCount(a)).toBe(QUANTILE_EXACT_CAP + 1);
    expect(b.exact).toEqual([5]);
  });
});
