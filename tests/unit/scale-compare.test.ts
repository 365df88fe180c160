// Check b's comparisons: rollups, sketches, shadow rows and experiment figures of the multi-replica run
// against the single-process run, keyed by names, numbers to a tolerance.
import { describe, expect, it } from "vitest";
import {
  compareKeyed,
  describeComparison,
  experimentFigures,
  firstDifference,
  keyedEqual,
} from "@/scripts/scale/compare";

describe("firstDifference", () => {
  it("accepts numbers within the tolerance, relative above magnitude 1", () => {
    expect(firstDifference(0.1 + 0.2, 0.3, 1e-9)).toBeNull();
    expect(firstDifference(1e6, 1e6 + 1e-4, 1e-9)).toBeNull();
    expect(firstDifference(0.5, 0.5 + 2e-9, 1e-9)).toBe("$: 0.5 ≠ 0.500000002");
    expect(firstDifference(Number.NaN, Number.NaN, 0)).toBeNull();
  });

  it("names the path of the first difference in nested metrics", () => {
    const a = {
      accuracy: 0.9,
      confusionMatrix: {
        labels: ["0", "1"],
        matrix: [
          [5, 1],
          [2, 7],
        ],
      },
      mae: null,
    };
    const b = {
      accuracy: 0.9,
      confusionMatrix: {
        labels: ["0", "1"],
        matrix: [
          [5, 1],
          [3, 7],
        ],
      },
      mae: null,
    };
    expect(firstDifference(a, b, 1e-9)).toBe("$.confusionMatrix.matrix[1][0]: 2 ≠ 3");
    expect(firstDifference(a, { ...a, f1: 1 }, 1e-9)).toBe("$: keys differ (f1)");
    expect(firstDifference([1], [1, 2], 0)).toBe("$: length 1 ≠ 2");
    expect(firstDifference(null, 0, 0)).toBe("$: null ≠ 0");
    expect(firstDifference("1", 1, 0)).toBe('$: "1" ≠ 1');
  });
});

describe("compareKeyed", () => {
  const first = new Map<string, unknown>([
    ["v1 1h 10:00", { count: 100, labeled: 80, metrics: { f1: 0.5 } }],
    ["v2 1h 10:00", { count: 90, labeled: 70, metrics: { f1: 0.6 } }],
    ["v2 1d 00:00", { count: 90, labeled: 70, metrics: { f1: 0.6 } }],
  ]);

  it("reports rows only on one side and rows that differ", () => {
    const second = new Map<string, unknown>([
      ["v1 1h 10:00", { count: 100, labeled: 80, metrics: { f1: 0.5 + 1e-12 } }],
      ["v2 1h 10:00", { count: 90, labeled: 71, metrics: { f1: 0.6 } }],
      ["v3 1h 10:00", { count: 1, labeled: 0, metrics: {} }],
    ]);
    const c = compareKeyed(first, second, 1e-9);
    expect(c).toEqual({
      compared: 2,
      onlyFirst: ["v2 1d 00:00"],
      onlySecond: ["v3 1h 10:00"],
      differing: ["v2 1h 10:00: $.labeled: 70 ≠ 71"],
    });
    expect(keyedEqual(c)).toBe(false);
    expect(describeComparison(c, "windows")).toBe(
      "2 windows compared, 1 only in the multi-replica run (v2 1d 00:00), 1 only in the single-process run (v3 1h 10:00), 1 differ (v2 1h 10:00: $.labeled: 70 ≠ 71)",
    );
  });

  it("says all equal when they are", () => {
    const c = compareKeyed(first, new Map(first), 0);
    expect(keyedEqual(c)).toBe(true);
    expect(describeComparison(c, "windows")).toBe("3 windows compared, all equal");
  });
});

describe("experimentFigures", () => {
  it("keeps units and metric values per variant, not the clock-dependent parts", () => {
    const figures = experimentFigures({
      variants: [
        { key: "A", n: 10, metrics: { click: { n: 10, value: 0.2 }, accuracy: { n: 8, value: 0.75 } } },
        { key: "B", n: 12, metrics: { click: { n: 12, value: 0.25 }, accuracy: { n: 9, value: 0.8 } } },
      ],
    });
    expect([...figures]).toEqual([
      ["variant A units", 10],
      ["variant A click", { n: 10, value: 0.2 }],
      ["variant A accuracy", { n: 8, value: 0.75 }],
      ["variant B units", 12],
      ["variant B click", { n: 12, value: 0.25 }],
      ["variant B accuracy", { n: 9, value: 0.8 }],
    ]);
  });
});
