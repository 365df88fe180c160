// Latency percentiles and buckets equal numpy's (tests/fixtures/serving/generate.py wrote the expectations).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  bucketCount,
  LatencyBuckets,
  type LatencyPoint,
  quantiles,
  sortedQuantile,
} from "@/lib/serving/latency";

interface Fixture {
  quantiles: Array<{ name: string; values: number[]; expected: { p50: number; p95: number; p99: number } }>;
  route: {
    from: string;
    to: string;
    stepSeconds: number;
    rows: Array<{ id: string; version: string; ts: string; latencyMs: number | null }>;
    expected: { step: number; versions: Array<{ version: string; points: LatencyPoint[] }> };
  };
}

const fixture = JSON.parse(readFileSync("tests/fixtures/serving/latency.json", "utf8")) as Fixture;

describe("quantiles equal numpy.percentile (linear)", () => {
  for (const c of fixture.quantiles) {
    it(c.name, () => {
      const [p50, p95, p99] = quantiles(c.values, [0.5, 0.95, 0.99]);
      // numpy's interpolation is reproduced operation for operation: equal to the last bit.
      expect({ p50, p95, p99 }).toEqual(c.expected);
    });
  }

  it("ends, empty input and out-of-range q", () => {
    expect(sortedQuantile([1, 2, 3], 0)).toBe(1);
    expect(sortedQuantile([1, 2, 3], 1)).toBe(3);
    expect(sortedQuantile([1, 2, 3], 1.5)).toBe(3);
    expect(sortedQuantile([1, 2, 3], -1)).toBe(1);
    expect(sortedQuantile([], 0.5)).toBeNaN();
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    quantiles(values, [0.5]);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("buckets", () => {
  it("bucket count covers [from, to)", () => {
    expect(bucketCount(0, 3_600_000, 600_000)).toBe(6);
    expect(bucketCount(0, 3_600_001, 600_000)).toBe(7);
    expect(bucketCount(0, 1, 600_000)).toBe(1);
  });

  it("the fixture's rows give numpy's points per version and bucket", () => {
    const { route } = fixture;
    const from = Date.parse(route.from);
    const buckets = new LatencyBuckets<string>(from, Date.parse(route.to), route.stepSeconds * 1000);
    const rows = [...route.rows].sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
    for (const r of rows) if (r.latencyMs !== null) buckets.add(r.version, Date.parse(r.ts), r.latencyMs);
    const out = buckets.finish();
    for (const v of route.expected.versions) expect(out.get(v.version), v.version).toEqual(v.points);
  });

  it("refuses rows out of time order within a series; NaN and out-of-range rows are skipped", () => {
    const b = new LatencyBuckets<string>(0, 100, 10);
    b.add("a", 55, 1);
    b.add("b", 5, 1);
    expect(() => b.add("a", 12, 1)).toThrow(/ascending/);
    b.add("a", 56, Number.NaN);
    b.add("a", 100, 5);
    b.add("a", -1, 5);
    const out = b.finish();
    expect(out.get("a")).toEqual([{ t: new Date(50).toISOString(), count: 1, p50: 1, p95: 1, p99: 1 }]);
    expect(out.get("b")?.[0]?.t).toBe(new Date(0).toISOString());
  });
});
