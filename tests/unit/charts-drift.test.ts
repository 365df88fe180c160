import { describe, expect, it } from "vitest";
import {
  type ColumnDrift,
  columnDisplayName,
  DEFAULT_SORT,
  driftCounts,
  driftSelector,
  driftSeverity,
  formatMissing,
  formatStatistic,
  formatThreshold,
  formatWindow,
  groupByFeature,
  isPastThreshold,
  isPValueTest,
  lastOverTime,
  logPValueRows,
  logTicks,
  methodLabel,
  nextSort,
  parseFeatureParam,
  parseModelTab,
  prepareDistribution,
  prepareDriftLines,
  seriesWindow,
  shareAxisMax,
  sinceDrifting,
  sortColumns,
  sparklineSummary,
  tabSearch,
} from "../../lib/charts/drift";
import type { PromMatrixItem } from "../../lib/charts/prom-result";

const H = 3_600_000;
const T0 = Date.parse("2026-11-28T00:00:00Z");

function col(name: string, over: Partial<ColumnDrift> = {}): ColumnDrift {
  return {
    name,
    type: "numerical",
    stattest: "ks",
    statistic: 0.5,
    testStatistic: 0.1,
    pValue: 0.5,
    threshold: 0.05,
    drifted: false,
    method: "exact",
    referenceCount: 100,
    currentCount: 100,
    missingShare: 0,
    referenceMissingShare: 0,
    missingDrifted: false,
    ...over,
  };
}

describe("tab and feature URL state", () => {
  it("reads the tab, defaulting to quality, and the feature only on the drift tab", () => {
    expect(parseModelTab(new URLSearchParams(""))).toBe("quality");
    expect(parseModelTab(new URLSearchParams("tab=drift"))).toBe("drift");
    expect(parseModelTab(new URLSearchParams("tab=nonsense"))).toBe("quality");
    expect(parseFeatureParam(new URLSearchParams("tab=drift&feature=price"))).toBe("price");
    expect(parseFeatureParam(new URLSearchParams("feature=price"))).toBeNull();
  });

  it("sets and clears tab and feature, keeping range and version", () => {
    const s = tabSearch("range=7d&version=v2", { tab: "drift" });
    expect(s).toBe("range=7d&version=v2&tab=drift");
    expect(tabSearch(s, { feature: "a b" })).toBe("range=7d&version=v2&tab=drift&feature=a+b");
    expect(tabSearch("range=7d&tab=drift&feature=x", { feature: null })).toBe("range=7d&tab=drift");
    // Back to the default tab: both go, so the quality page's links are unchanged.
    expect(tabSearch("range=7d&tab=drift&feature=x", { tab: "quality" })).toBe("range=7d");
    // A range change keeps the open feature.
    expect(tabSearch("range=1h", { tab: "drift", feature: "price" })).toBe(
      "range=1h&tab=drift&feature=price",
    );
  });
});

describe("tests and formatting", () => {
  it("knows which tests report p-values", () => {
    // tvd is Evidently's permutation test: a p-value, drift when small.
    expect(["ks", "chisquare", "z", "tvd"].every(isPValueTest)).toBe(true);
    expect(["wasserstein", "psi", "jensenshannon", "kl_div", "hellinger"].some(isPValueTest)).toBe(false);
    expect(isPValueTest(null)).toBe(false);
  });

  it("formats p-values as p = …, distances plainly, and thresholds with their direction", () => {
    expect(formatStatistic(0.0412, "ks")).toBe("p = 0.041");
    expect(formatStatistic(3.2e-7, "chisquare")).toBe("p = 3.2e-7");
    expect(formatStatistic(0, "z")).toBe("p < 1e-300");
    expect(formatStatistic(0.1234, "psi")).toBe("0.123");
    expect(formatStatistic(12.345, "kl_div")).toBe("12.3");
    expect(formatStatistic(null, "ks")).toBe("—");
    expect(formatThreshold(0.05, "ks")).toBe("p < 0.05");
    expect(formatThreshold(0.1, "wasserstein")).toBe("≥ 0.1");
    expect(formatThreshold(null, "ks")).toBe("—");
    expect(formatMissing(0.04, 0.012)).toBe("4.0% vs 1.2%");
    expect(formatMissing(null, null)).toBe("—");
  });

  it("decides drift in the test's direction", () => {
    expect(isPastThreshold(0.01, 0.05, "ks")).toBe(true);
    expect(isPastThreshold(0.05, 0.05, "ks")).toBe(false);
    expect(isPastThreshold(0.1, 0.1, "psi")).toBe(true);
    expect(isPastThreshold(0.09, 0.1, "psi")).toBe(false);
    expect(isPastThreshold(null, 0.1, "psi")).toBe(false);
  });

  it("measures how far past the threshold in orders of magnitude", () => {
    expect(driftSeverity(col("a", { statistic: 0.0005, threshold: 0.05 }))).toBeCloseTo(2);
    expect(driftSeverity(col("a", { stattest: "psi", statistic: 1, threshold: 0.1 }))).toBeCloseTo(1);
    expect(driftSeverity(col("a", { stattest: "psi", statistic: 0.01, threshold: 0.1 }))).toBeCloseTo(-1);
    expect(driftSeverity(col("a", { statistic: 0, threshold: 0.05 }))).toBeGreaterThan(290);
    expect(driftSeverity(col("a", { stattest: null, statistic: null }))).toBeNull();
  });

  it("labels the method and non-feature columns", () => {
    expect(methodLabel("exact", null)).toBe("exact");
    expect(methodLabel("sketch", 0.01)).toBe("sketch ±1%");
    expect(methodLabel("sketch", null)).toBe("sketch");
    expect(columnDisplayName("__prediction__")).toBe("Prediction");
    expect(columnDisplayName("__label__")).toBe("Label");
    expect(columnDisplayName("price")).toBe("price");
  });

  it("formats a window", () => {
    expect(formatWindow("2026-11-28T00:00:00Z", "2026-12-05T00:00:00Z", "en-US", "UTC")).toBe(
      "Nov 28, 00:00 – Dec 5, 00:00",
    );
  });

  it("counts drifted among tested features only", () => {
    expect(
      driftCounts([
        col("a", { drifted: true }),
        col("b"),
        col("c", { stattest: null, statistic: null, threshold: null }),
      ]),
    ).toEqual({ drifted: 1, tested: 2, total: 3 });
  });
});

describe("sortColumns", () => {
  const rows = [
    col("calm", { statistic: 0.8 }),
    col("psi-big", { stattest: "psi", statistic: 2, threshold: 0.1, drifted: true, missingShare: 0.2 }),
    col("untested", { stattest: null, statistic: null, threshold: null, missingShare: null }),
    col("ks-small", { statistic: 0.01, drifted: true, missingShare: 0.1 }),
    col("near", { statistic: 0.06 }),
  ];

  it("puts drifted first, then by how far past the threshold, untested last", () => {
    expect(sortColumns(rows, DEFAULT_SORT.key, DEFAULT_SORT.dir).map((c) => c.name)).toEqual([
      "psi-big", // log10(2 / 0.1) = 1.3
      "ks-small", // log10(0.05 / 0.01) = 0.7
      "near",
      "calm",
      "untested",
    ]);
  });

  it("reverses on ascending but keeps columns without a value last", () => {
    expect(sortColumns(rows, "drift", "asc").map((c) => c.name)).toEqual([
      "calm",
      "near",
      "ks-small",
      "psi-big",
      "untested",
    ]);
    expect(sortColumns(rows, "missing", "desc").map((c) => c.name)).toEqual([
      "psi-big",
      "ks-small",
      "calm",
      "near",
      "untested",
    ]);
  });

  it("sorts by name naturally and by statistic", () => {
    const named = [col("f10"), col("F2"), col("f1")];
    expect(sortColumns(named, "name", "asc").map((c) => c.name)).toEqual(["f1", "F2", "f10"]);
    expect(sortColumns(named, "name", "desc").map((c) => c.name)).toEqual(["f10", "F2", "f1"]);
    expect(sortColumns(rows, "statistic", "asc").map((c) => c.name)).toEqual([
      "ks-small",
      "near",
      "calm",
      "psi-big",
      "untested",
    ]);
  });

  it("flips the active column and starts others at their natural direction", () => {
    expect(nextSort({ key: "drift", dir: "desc" }, "drift")).toEqual({ key: "drift", dir: "asc" });
    expect(nextSort({ key: "drift", dir: "desc" }, "name")).toEqual({ key: "name", dir: "asc" });
    expect(nextSort({ key: "name", dir: "asc" }, "statistic")).toEqual({ key: "statistic", dir: "desc" });
  });
});

describe("sinceDrifting", () => {
  const pts = (values: Array<number | null>) =>
    values.flatMap((v, i) => (v === null ? [] : [{ ts: T0 + i * H, value: v }]));

  it("finds the first hour of the current run at or above the threshold", () => {
    expect(sinceDrifting(pts([0.2, 0.6, 0.1, 0.5, 0.7, 0.8]), 0.5)).toEqual({
      state: "drifting",
      since: T0 + 3 * H,
      latest: T0 + 5 * H,
      hours: 3,
      open: false,
    });
  });

  it("lets hours without traffic pass and says when the run may be older than the range", () => {
    expect(sinceDrifting(pts([0.6, null, null, 0.9]), 0.5)).toEqual({
      state: "drifting",
      since: T0,
      latest: T0 + 3 * H,
      hours: 2,
      open: true,
    });
    // The run starts at the window's first hour: it may be older.
    expect(sinceDrifting(pts([0.6, 0.9]), 0.5, T0)).toMatchObject({ since: T0, open: true });
    // The series starts later than the window: nothing before it, the run starts there.
    expect(sinceDrifting(pts([null, null, 0.6, 0.9]), 0.5, T0)).toMatchObject({
      since: T0 + 2 * H,
      open: false,
    });
  });

  it("reports no drift in the latest hour, and no data", () => {
    expect(sinceDrifting(pts([0.9, 0.9, 0.4]), 0.5)).toEqual({ state: "not-drifting", latest: T0 + 2 * H });
    expect(sinceDrifting([], 0.5)).toEqual({ state: "no-data" });
    expect(sinceDrifting([{ ts: T0, value: Number.NaN }], 0.5)).toEqual({ state: "no-data" });
  });

  it("sorts its input", () => {
    const s = sinceDrifting([...pts([0.1, 0.7, 0.7])].reverse(), 0.5);
    expect(s).toMatchObject({ state: "drifting", since: T0 + H, hours: 2 });
  });
});

describe("drift series", () => {
  it("quotes label values in selectors and reads hourly points one second short of the step", () => {
    expect(driftSelector("vigil_feature_drift", { model: 'my "m"', version: null, feature: "a\\b" })).toBe(
      'vigil_feature_drift{model="my \\"m\\"",feature="a\\\\b"}',
    );
    expect(lastOverTime("x", 3600)).toBe("last_over_time(x[3599s])");
    expect(lastOverTime("x", 3 * 3600)).toBe("last_over_time(x[10799s])");
  });

  it("aligns the query window on hours and caps the number of steps", () => {
    const from = new Date(T0 + 25 * 60_000).toISOString(); // 00:25
    const to = new Date(T0 + 24 * H + 25 * 60_000).toISOString(); // next day 00:25
    expect(seriesWindow(from, to)).toEqual({ start: T0 / 1000, end: (T0 + 24 * H) / 1000, step: 3600 });
    const month = seriesWindow(new Date(T0).toISOString(), new Date(T0 + 30 * 24 * H).toISOString());
    expect(month.step).toBe(3 * 3600);
    const hourly = seriesWindow(
      new Date(T0).toISOString(),
      new Date(T0 + 30 * 24 * H).toISOString(),
      Infinity,
    );
    expect(hourly.step).toBe(3600);
    // A range ending exactly on the hour does not include the next hour.
    expect(seriesWindow(new Date(T0).toISOString(), new Date(T0 + 2 * H).toISOString()).end).toBe(
      (T0 + H) / 1000,
    );
  });

  const result: PromMatrixItem[] = [
    {
      metric: { model: "m", version: "v1", feature: "price", stattest: "ks" },
      values: [
        [T0 / 1000, "0.2"],
        [(T0 + H) / 1000, "0.01"],
      ],
    },
    {
      metric: { model: "m", version: "v2", feature: "price", stattest: "ks" },
      values: [[(T0 + H) / 1000, "0.03"]],
    },
    {
      metric: { model: "m", version: "v1", feature: "price", stattest: "psi" },
      values: [[T0 / 1000, "0.5"]],
    },
    {
      metric: { model: "m", version: "v1", feature: "__score__", stattest: "ks" },
      values: [[T0 / 1000, "NaN"]],
    },
  ];

  it("groups series by feature and lines them up per version, keeping the column's test", () => {
    const byFeature = groupByFeature(result);
    expect([...byFeature.keys()]).toEqual(["price", "__score__"]);
    const price = byFeature.get("price")!;
    const lines = prepareDriftLines(price, { v1: "#0072B2", v2: "#E69F00" }, "ks");
    expect(lines.series.map((s) => [s.key, s.color])).toEqual([
      ["v1", "#0072B2"],
      ["v2", "#E69F00"],
    ]);
    expect(lines.rows).toEqual([
      { ts: T0, v1: 0.2, v2: null },
      { ts: T0 + H, v1: 0.01, v2: 0.03 },
    ]);
    expect(lines.hasData).toBe(true);
    // No series with the column's test: every series is shown rather than none.
    expect(prepareDriftLines(price, {}, "chisquare").points).toBe(4);
    // NaN points are dropped.
    expect(prepareDriftLines(byFeature.get("__score__")!, {}).hasData).toBe(false);
  });

  it("summarises a sparkline for its accessible name", () => {
    const price = groupByFeature(result).get("price")!;
    expect(sparklineSummary(price, 0.05, "ks")).toEqual({ latest: 0.01, past: 2, total: 3 });
    expect(sparklineSummary([], 0.05, "ks")).toEqual({ latest: null, past: 0, total: 0 });
  });

  it("puts p-values on a log axis with a floor, raising zeros to it", () => {
    const rows = [
      { ts: T0, v1: 0.3 },
      { ts: T0 + H, v1: 0 },
      { ts: T0 + 2 * H, v1: 2e-5 },
      { ts: T0 + 3 * H, v1: null },
    ];
    const log = logPValueRows(rows, ["v1"], 0.05);
    expect(log.floor).toBeCloseTo(1e-5, 15);
    expect(log.rows.map((r) => r.v1)).toEqual([0.3, log.floor, 2e-5, null]);
    expect(rows[1]!.v1).toBe(0); // input untouched
    // Only large p-values: the floor stays a decade below the threshold, so the threshold is drawn.
    expect(logPValueRows([{ ts: T0, v1: 0.6 }], ["v1"], 0.05).floor).toBeCloseTo(0.001, 15);
    expect(logPValueRows([{ ts: T0, v1: 1e-40 }], ["v1"], 0.05).floor).toBe(1e-12);
    expect(logTicks(1e-3)).toEqual([0.001, 0.01, 0.1, 1]);
    expect(logTicks(1e-12)).toEqual([1e-12, 1e-9, 1e-6, 0.001, 1]);
  });

  it("sizes a share axis to the data and the reference share", () => {
    expect(shareAxisMax([{ ts: T0, v1: 0 }], ["v1"], 0)).toBe(0.05);
    expect(shareAxisMax([{ ts: T0, v1: 0.41 }], ["v1"], 0.05)).toBe(0.5);
    expect(shareAxisMax([{ ts: T0, v1: 0.02 }], ["v1"], 0.3)).toBe(0.4);
    expect(shareAxisMax([{ ts: T0, v1: 0.95 }], ["v1"], null)).toBe(1);
  });

  it("turns distribution bins into bar rows", () => {
    expect(
      prepareDistribution([
        { label: "0–10", lower: 0, upper: 10, reference: 0.7, current: 0.2 },
        { label: "10–20", lower: 10, upper: 20, reference: 0.3, current: Number.NaN },
      ]),
    ).toEqual({
      rows: [
        { label: "0–10", reference: 0.7, current: 0.2 },
        { label: "10–20", reference: 0.3, current: 0 },
      ],
      hasData: true,
    });
    expect(prepareDistribution([{ label: "a", reference: 0, current: 0 }]).hasData).toBe(false);
  });
});
