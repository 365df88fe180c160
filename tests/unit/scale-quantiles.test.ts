// The multi-replica run's latency figures: numpy's linear percentiles and the printed table.
import { describe, expect, it } from "vitest";
import { latencyTable, quantile, summarize } from "@/scripts/scale/quantiles";

describe("quantile", () => {
  it("interpolates linearly between closest ranks, as numpy.percentile does by default", () => {
    // numpy.percentile([1, 2, 3, 4], [50, 95, 99]) == [2.5, 3.85, 3.97]
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85, 12);
    expect(quantile([1, 2, 3, 4], 0.99)).toBeCloseTo(3.97, 12);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([1, 10], 0)).toBe(1);
    expect(quantile([1, 10], 1)).toBe(10);
  });

  it("is NaN for no values", () => {
    expect(quantile([], 0.5)).toBeNaN();
    expect(summarize([]).p99).toBeNaN();
  });

  it("summarises unsorted values", () => {
    const values = Array.from({ length: 101 }, (_, i) => 100 - i);
    expect(summarize(values)).toEqual({ n: 101, p50: 50, p95: 95, p99: 99, max: 100 });
  });
});

describe("latencyTable", () => {
  it("prints one aligned row per request kind with its outcomes", () => {
    const table = latencyTable(
      [
        { label: "ingest:predictions", summary: summarize([10, 20, 30]), extra: "200:3" },
        { label: "read:models", summary: summarize([]), extra: "reset:1" },
      ],
      "outcomes",
    );
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^request\s+n\s+p50 ms\s+p95 ms\s+p99 ms\s+max ms\s+outcomes$/);
    expect(lines[1]).toMatch(/^ingest:predictions\s+3\s+20\.0\s+29\.0\s+29\.8\s+30\.0\s+200:3$/);
    expect(lines[2]).toMatch(/^read:models\s+0\s+—\s+—\s+—\s+—\s+reset:1$/);
  });
});
