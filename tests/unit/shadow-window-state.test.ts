// The shadow series' mergeable state: an hour merged from bucket states gives what the pure comparisons give over
// all of the hour's rows (agreement, mean score difference, accuracy; the latency p95 while exact).
import { describe, expect, it } from "vitest";
import {
  agreement,
  type ComparedRow,
  latencyPercentiles,
  meanAbsScoreDiff,
  quality,
} from "@/lib/shadow/compare";
import {
  addComparedRow,
  emptyShadowState,
  mergeShadowStateInto,
  type ShadowWindowState,
  shadowSeriesValues,
} from "@/lib/shadow/window-state";
import { mulberry32 } from "@/lib/simulator/random";

function rows(n: number, seed: number): ComparedRow[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const truth = rng();
    const productionScore = Math.min(1, Math.max(0, truth + (rng() - 0.5) * 0.6));
    const shadowScore = rng() < 0.05 ? null : Math.min(1, Math.max(0, truth + (rng() - 0.5) * 0.4));
    return {
      production: productionScore >= 0.5 ? 1 : 0,
      productionScore,
      shadow: shadowScore === null ? null : shadowScore >= 0.5 ? 1 : 0,
      shadowScore,
      shadowScores: null,
      latencyMs: 0.2 + rng() * 3,
      label: rng() < 0.3 ? null : truth > 0.45 ? 1 : 0,
    };
  });
}

function stateOf(part: ComparedRow[]): ShadowWindowState {
  const s = emptyShadowState("binary");
  for (const r of part) addComparedRow(s, r);
  return s;
}

describe("shadow window state", () => {
  it("an hour merged from 12 bucket states equals the comparisons over all its rows", () => {
    const all = rows(900, 5);
    const hour = emptyShadowState("binary");
    for (let b = 0; b < 12; b++)
      mergeShadowStateInto(hour, JSON.parse(JSON.stringify(stateOf(all.slice(b * 75, (b + 1) * 75)))));
    const got = shadowSeriesValues(hour, "1");
    expect(got.agreement).toBeCloseTo(agreement(all)!, 12);
    expect(got.scoreDiff).toBeCloseTo(meanAbsScoreDiff(all)!, 12);
    expect(got.latencyP95).toBe(latencyPercentiles(all).p95);
    expect(got.accuracy).toBeCloseTo(quality(all, "binary", "1").accuracy!, 12);
  });

  it("has no agreement for regression, no accuracy without labels or task, and nothing for no rows", () => {
    const unlabeled = rows(50, 6).map((r) => ({ ...r, label: null }));
    expect(shadowSeriesValues(stateOf(unlabeled), "1").accuracy).toBeNull();
    const noTask = emptyShadowState(null);
    for (const r of rows(50, 7)) addComparedRow(noTask, r);
    expect(shadowSeriesValues(noTask, "1").accuracy).toBeNull();
    expect(noTask.quality.count).toBe(0);
    const regression = emptyShadowState("regression");
    for (const r of rows(50, 8)) addComparedRow(regression, r);
    expect(shadowSeriesValues(regression, null).agreement).toBeNull();
    expect(shadowSeriesValues(emptyShadowState("binary"), "1")).toEqual({
      agreement: null,
      scoreDiff: null,
      latencyP95: null,
      accuracy: null,
    });
  });
});
