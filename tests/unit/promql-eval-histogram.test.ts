// histogram_quantile (classic buckets), result types and range queries; histogram cases and numbers from
// Prometheus 2.42's promql/testdata/histograms.test.
import { describe, expect, it } from "vitest";
import { cases, instant, load, range, seriesValues } from "./promql-eval-helpers";

const HIST = `load 5m
  testhistogram_bucket{le="0.1", start="positive"} 0+5x10
  testhistogram_bucket{le=".2", start="positive"} 0+7x10
  testhistogram_bucket{le="1e0", start="positive"} 0+11x10
  testhistogram_bucket{le="+Inf", start="positive"} 0+12x10
  testhistogram_bucket{le="-.2", start="negative"} 0+1x10
  testhistogram_bucket{le="-0.1", start="negative"} 0+2x10
  testhistogram_bucket{le="0.3", start="negative"} 0+2x10
  testhistogram_bucket{le="+Inf", start="negative"} 0+3x10
  request_duration_seconds_bucket{job="job1", instance="ins1", le="0.1"} 0+1x10
  request_duration_seconds_bucket{job="job1", instance="ins1", le="0.2"} 0+3x10
  request_duration_seconds_bucket{job="job1", instance="ins1", le="+Inf"} 0+4x10
  request_duration_seconds_bucket{job="job1", instance="ins2", le="0.1"} 0+2x10
  request_duration_seconds_bucket{job="job1", instance="ins2", le="0.2"} 0+5x10
  request_duration_seconds_bucket{job="job1", instance="ins2", le="+Inf"} 0+6x10
  request_duration_seconds_bucket{job="job2", instance="ins1", le="0.1"} 0+3x10
  request_duration_seconds_bucket{job="job2", instance="ins1", le="0.2"} 0+4x10
  request_duration_seconds_bucket{job="job2", instance="ins1", le="+Inf"} 0+6x10
  request_duration_seconds_bucket{job="job2", instance="ins2", le="0.1"} 0+4x10
  request_duration_seconds_bucket{job="job2", instance="ins2", le="0.2"} 0+7x10
  request_duration_seconds_bucket{job="job2", instance="ins2", le="+Inf"} 0+9x10
  mixed_bucket{job="job1", instance="ins1", le="0.1"} 0+1x10
  mixed_bucket{job="job1", instance="ins1", le="0.2"} 0+1x10
  mixed_bucket{job="job1", instance="ins1", le="2e-1"} 0+1x10
  mixed_bucket{job="job1", instance="ins1", le="2.0e-1"} 0+1x10
  mixed_bucket{job="job1", instance="ins1", le="+Inf"} 0+4x10
  mixed_bucket{job="job1", instance="ins2", le="+inf"} 0+0x10
  mixed_bucket{job="job1", instance="ins2", le="+Inf"} 0+0x10
  nonmonotonic_bucket{le="0.1"} 0+2x10
  nonmonotonic_bucket{le="1"} 0+1x10
  nonmonotonic_bucket{le="10"} 0+5x10
  nonmonotonic_bucket{le="100"} 0+4x10
  nonmonotonic_bucket{le="1000"} 0+9x10
  nonmonotonic_bucket{le="+Inf"} 0+8x10
  empty_bucket{le="0.1", job="job1", instance="ins1"} 0x10
  empty_bucket{le="0.2", job="job1", instance="ins1"} 0x10
  empty_bucket{le="+Inf", job="job1", instance="ins1"} 0x10
  request_duration_seconds2_bucket{job="job1", instance="ins1", le="0.1"} 0+1x10
  request_duration_seconds2_bucket{job="job1", instance="ins1", le="0.2"} 0+3x10
  request_duration_seconds2_bucket{job="job1", instance="ins1", le="+Inf"} 0+4x10`;

const BY_JOB_INSTANCE_03 = `{instance="ins1", job="job1"} 0.11\n{instance="ins2", job="job1"} 0.09\n{instance="ins1", job="job2"} 0.06\n{instance="ins2", job="job2"} 0.0675`;
cases("histogram_quantile", HIST, [
  [
    "histogram_quantile(-0.1, testhistogram_bucket)",
    "50m",
    `{start="positive"} -Inf\n{start="negative"} -Inf`,
  ],
  [
    "histogram_quantile(1.01, testhistogram_bucket)",
    "50m",
    `{start="positive"} +Inf\n{start="negative"} +Inf`,
  ],
  ["histogram_quantile(NaN, testhistogram_bucket)", "50m", `{start="positive"} NaN\n{start="negative"} NaN`],
  ['histogram_quantile(0, testhistogram_bucket{start="positive"})', "50m", `{start="positive"} 0`],
  ['histogram_quantile(0, testhistogram_bucket{start="negative"})', "50m", `{start="negative"} -0.2`],
  ["histogram_quantile(1, testhistogram_bucket)", "50m", `{start="positive"} 1\n{start="negative"} 0.3`],
  [
    "histogram_quantile(0.2, testhistogram_bucket)",
    "50m",
    `{start="positive"} 0.048\n{start="negative"} -0.2`,
  ],
  [
    "histogram_quantile(0.5, testhistogram_bucket)",
    "50m",
    `{start="positive"} 0.15\n{start="negative"} -0.15`,
  ],
  ["histogram_quantile(0.8, testhistogram_bucket)", "50m", `{start="positive"} 0.72\n{start="negative"} 0.3`],
  [
    "histogram_quantile(0.2, rate(testhistogram_bucket[5m]))",
    "50m",
    `{start="positive"} 0.048\n{start="negative"} -0.2`,
  ],
  [
    "histogram_quantile(0.8, rate(testhistogram_bucket[5m]))",
    "50m",
    `{start="positive"} 0.72\n{start="negative"} 0.3`,
  ],
  ["histogram_quantile(0.3, sum(rate(request_duration_seconds_bucket[5m])) by (le))", "50m", "{} 0.075"],
  [
    "histogram_quantile(0.5, sum(rate(request_duration_seconds_bucket[5m])) by (le))",
    "50m",
    "{} 0.1277777777777778",
  ],
  [
    "histogram_quantile(0.5, avg(rate(request_duration_seconds_bucket[5m])) by (le))",
    "50m",
    "{} 0.12777777777777778",
  ],
  [
    "histogram_quantile(0.5, sum(rate(request_duration_seconds_bucket[5m])) by (le, instance))",
    "50m",
    `{instance="ins1"} 0.1333333333\n{instance="ins2"} 0.125`,
  ],
  [
    "histogram_quantile(0.3, sum(rate(request_duration_seconds_bucket[5m])) by (le, job))",
    "50m",
    `{job="job1"} 0.1\n{job="job2"} 0.0642857142857143`,
  ],
  [
    "histogram_quantile(0.3, sum(rate(request_duration_seconds_bucket[5m])) by (le, job, instance))",
    "50m",
    BY_JOB_INSTANCE_03,
  ],
  ["histogram_quantile(0.3, rate(request_duration_seconds_bucket[5m]))", "50m", BY_JOB_INSTANCE_03],
  ["histogram_quantile(0.01, nonmonotonic_bucket)", "50m", "{} 0.0045"],
  ["histogram_quantile(0.5, nonmonotonic_bucket)", "50m", "{} 8.5"],
  ["histogram_quantile(0.99, nonmonotonic_bucket)", "50m", "{} 979.75"],
  [
    "histogram_quantile(0.5, rate(mixed_bucket[5m]))",
    "50m",
    `{instance="ins1", job="job1"} 0.15\n{instance="ins2", job="job1"} NaN`,
  ],
  [
    "histogram_quantile(0.75, rate(mixed_bucket[5m]))",
    "50m",
    `{instance="ins1", job="job1"} 0.2\n{instance="ins2", job="job1"} NaN`,
  ],
  ["histogram_quantile(0.2, rate(empty_bucket[5m]))", "50m", `{instance="ins1", job="job1"} NaN`],
]);

describe("histogram_quantile and results of other types", () => {
  const src = load(HIST);
  it("two histograms with the same labels after dropping the name collide", async () => {
    await expect(
      instant(src, 'histogram_quantile(0.99, {__name__=~"request_duration.*"})', "50m"),
    ).rejects.toThrow("vector cannot contain metrics with the same labelset");
  });
  it("a top-level range selector returns its raw samples (closed window)", async () => {
    const res = await instant(load("load 1m\n m 1 2 3 4"), "m[2m]", "3m");
    expect(res).toEqual({
      resultType: "matrix",
      result: [
        {
          metric: { __name__: "m" },
          values: [
            [60_000, 2],
            [120_000, 3],
            [180_000, 4],
          ],
        },
      ],
    });
  });
  it("a top-level subquery returns its aligned inner points", async () => {
    const res = await instant(load("load 1m\n m 1 2 3 4"), "m[2m:1m]", "3m");
    expect(res.resultType === "matrix" && res.result[0]!.values).toEqual([
      [60_000, 2],
      [120_000, 3],
      [180_000, 4],
    ]);
  });
  it("scalars and strings", async () => {
    expect(await instant(src, "1 + 2", "1m")).toEqual({ resultType: "scalar", result: [60_000, 3] });
    expect(await instant(src, '"hello"', "1m")).toEqual({ resultType: "string", result: [60_000, "hello"] });
  });
});

describe("range queries", () => {
  const src = load(`load 1m
    up{job="a"} 1 1 0 _ _ _ _ _ _ _ 1
    up{job="b"} 5+5x10
    a{x="1"} 1 _ _ _ _ _ _ _ _ _ _ _
    b{x="1"} _ _ _ _ _ _ _ 2
    c{x="1"} _ _ 3`);
  it("evaluates at every step and sorts series by labels", async () => {
    const res = await range(src, "up", "0", "10m", "2m");
    expect(seriesValues(res)).toEqual([
      [
        '[["__name__","up"],["job","a"]]',
        [
          [0, 1],
          [120_000, 0],
          [240_000, 0],
          [360_000, 0],
          [600_000, 1],
        ],
      ],
      [
        '[["__name__","up"],["job","b"]]',
        [
          [0, 5],
          [120_000, 15],
          [240_000, 25],
          [360_000, 35],
          [480_000, 45],
          [600_000, 55],
        ],
      ],
    ]);
  });
  it("scalar results become one series without labels", async () => {
    const res = await range(src, "time() * 2", "0", "2m", "1m");
    expect(res.result).toEqual([
      {
        metric: {},
        values: [
          [0, 0],
          [60_000, 120],
          [120_000, 240],
        ],
      },
    ]);
  });
  it("merges series whose labels coincide at different steps after dropping the name", async () => {
    const res = await range(src, '{__name__=~"a|b"} * 10', "0", "12m", "6m");
    expect(res.result).toEqual([
      {
        metric: { x: "1" },
        values: [
          [0, 10],
          [720_000, 20],
        ],
      },
    ]);
  });
  it("fails where they coincide at the same step", async () => {
    await expect(range(src, '{__name__=~"a|c"} * 10', "0", "10m", "1m")).rejects.toThrow(
      "vector cannot contain metrics with the same labelset",
    );
  });
  it("aggregates per step and rate over a range", async () => {
    const res = await range(src, 'sum(rate(up{job="b"}[2m]))', "2m", "4m", "1m");
    expect(res.result).toEqual([
      {
        metric: {},
        values: [
          [120_000, 5 / 60],
          [180_000, 5 / 60],
          [240_000, 5 / 60],
        ],
      },
    ]);
  });
  it("@ start() and end() pin to the query range", async () => {
    const res = await range(src, 'up{job="b"} @ end() - up{job="b"} @ start()', "1m", "3m", "1m");
    expect(res.result).toEqual([
      {
        metric: { job: "b" },
        values: [
          [60_000, 10],
          [120_000, 10],
          [180_000, 10],
        ],
      },
    ]);
  });
  it("refuses range vectors and counts samples against the limit", async () => {
    await expect(range(src, "up[5m]", "0", "1m", "1m")).rejects.toThrow(
      'invalid expression type "range vector"',
    );
    await expect(instant(src, "up", "5m", { maxSamples: 1 })).rejects.toThrow(
      "query processing would load too many samples into memory in query execution",
    );
  });
  it("wraps storage errors", async () => {
    const failing = { select: async () => Promise.reject(new Error("disk gone")) };
    await expect(instant(failing, "up", 0)).rejects.toThrow("expanding series: disk gone");
  });
});
