import { describe, expect, it } from "vitest";
import { heatColor, SERIES_COLORS, seriesColor, versionColors } from "../../lib/charts/palette";
import {
  metricValue,
  prepareLabelDelayChart,
  prepareMetricChart,
  prepareSparkline,
  prepareVolumeChart,
} from "../../lib/charts/series";
import type { WindowLike } from "../../lib/charts/types";

function w(version: string, start: string, over: Partial<WindowLike> = {}): WindowLike {
  return {
    version,
    start,
    count: 10,
    labeled: 5,
    accuracy: null,
    precision: null,
    recall: null,
    f1: null,
    rocAuc: null,
    logLoss: null,
    confusionMatrix: null,
    macro: null,
    mae: null,
    rmse: null,
    r2: null,
    labelDelayP50Seconds: null,
    labelDelayP90Seconds: null,
    ...over,
  };
}

const T0 = "2026-11-29T10:00:00.000Z";
const T1 = "2026-11-29T11:00:00.000Z";

describe("palette", () => {
  it("gives versions stable Okabe–Ito colours by position and wraps", () => {
    expect(versionColors(["v1", "v2"])).toEqual({ v1: SERIES_COLORS[0], v2: SERIES_COLORS[1] });
    expect(seriesColor(SERIES_COLORS.length)).toBe(SERIES_COLORS[0]);
    expect(seriesColor(-1)).toBe(SERIES_COLORS[SERIES_COLORS.length - 1]);
  });
  it("clamps heat shading", () => {
    expect(heatColor(2)).toBe(heatColor(1));
    expect(heatColor(Number.NaN)).toBe(heatColor(0));
  });
});

describe("prepareMetricChart", () => {
  it("pivots windows by start time with one column per version, nulls for gaps", () => {
    const windows = [w("v1", T0, { f1: 0.8 }), w("v1", T1, { f1: 0.9 }), w("v2", T1, { f1: 0.7 })];
    const { rows, series, hasData } = prepareMetricChart(windows, ["v1", "v2"], "f1");
    expect(rows).toEqual([
      { ts: Date.parse(T0), v1: 0.8, v2: null },
      { ts: Date.parse(T1), v1: 0.9, v2: 0.7 },
    ]);
    expect(series.map((s) => s.key)).toEqual(["v1", "v2"]);
    expect(hasData).toBe(true);
  });
  it("reports no data when every value is null", () => {
    expect(prepareMetricChart([w("v1", T0)], ["v1"], "accuracy").hasData).toBe(false);
  });
  it("falls back to macro averages for multiclass", () => {
    expect(metricValue(w("v1", T0, { macro: { precision: 0.5, recall: 0.6, f1: 0.55 } }), "f1")).toBe(0.55);
    expect(
      metricValue(w("v1", T0, { f1: 0.9, macro: { precision: 0.5, recall: 0.6, f1: 0.55 } }), "f1"),
    ).toBe(0.9);
  });
});

describe("prepareVolumeChart", () => {
  it("counts predictions per version and totals them", () => {
    const { rows, total } = prepareVolumeChart(
      [w("v1", T0, { count: 3 }), w("v2", T0, { count: 4 })],
      ["v1", "v2"],
    );
    expect(rows).toEqual([{ ts: Date.parse(T0), v1: 3, v2: 4 }]);
    expect(total).toBe(7);
  });
});

describe("prepareLabelDelayChart", () => {
  it("emits p50 solid and p90 dashed per version in the version colour, in minutes", () => {
    const { rows, series, hasData } = prepareLabelDelayChart(
      [w("v1", T0, { labelDelayP50Seconds: 60, labelDelayP90Seconds: 900 })],
      ["v1", "v2"],
    );
    expect(series.map((s) => [s.key, !!s.dashed])).toEqual([
      ["v1 p50", false],
      ["v1 p90", true],
      ["v2 p50", false],
      ["v2 p90", true],
    ]);
    expect(series[0]!.color).toBe(series[1]!.color);
    expect(rows[0]).toEqual({
      ts: Date.parse(T0),
      "v1 p50": 1,
      "v1 p90": 15,
      "v2 p50": null,
      "v2 p90": null,
    });
    expect(hasData).toBe(true);
  });
});

describe("prepareSparkline", () => {
  it("sorts buckets and drops bad timestamps", () => {
    expect(
      prepareSparkline([
        { ts: T1, count: 2 },
        { ts: "nope", count: 9 },
        { ts: T0, count: 1 },
      ]),
    ).toEqual([
      { ts: Date.parse(T0), count: 1 },
      { ts: Date.parse(T1), count: 2 },
    ]);
  });
});

describe("colour stability under a version filter", () => {
  it("keeps a version's colour when only that version is shown", () => {
    const colors = versionColors(["v1", "v2"]);
    const { series } = prepareMetricChart([w("v2", T0, { f1: 0.5 })], ["v2"], "f1", colors);
    expect(series).toEqual([{ key: "v2", label: "v2", color: SERIES_COLORS[1] }]);
  });
});
