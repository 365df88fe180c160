import { describe, expect, it } from "vitest";
import type { PreviewResponse } from "@/lib/alerts/api-schemas";
import { findThreshold, mergeBands, previewChart } from "@/lib/charts/alert-preview";

describe("findThreshold", () => {
  it.each([
    ['vigil_model_accuracy{window="1h"} < 0.9', 'vigil_model_accuracy{window="1h"}', "<", 0.9],
    ["avg(DCGM_FI_DEV_GPU_UTIL) by (gpu) > 95", "avg(DCGM_FI_DEV_GPU_UTIL) by (gpu)", ">", 95],
    ["(rate(x[5m])) >= -(2)", "(rate(x[5m]))", ">=", -2],
    ["0.5 <= vigil_feature_drift", "vigil_feature_drift", ">=", 0.5],
    ["  up == 0  ", "up", "==", 0],
  ])("%s → %s %s %s", (expr, lhs, op, value) => {
    expect(findThreshold(expr)).toEqual({ lhs, op, value });
  });

  it.each([
    "up",
    "up > bool 1",
    "up > on() down",
    "absent(vigil_predictions_total)",
    "up > ",
    "1 > 2",
    "a and b",
  ])("no threshold in %s", (expr) => {
    expect(findThreshold(expr)).toBeNull();
  });
});

describe("mergeBands", () => {
  it("lets firing win where series overlap and joins touching periods", () => {
    const series: PreviewResponse["series"] = [
      {
        labels: { a: "1" },
        values: [],
        states: [
          { from: 0, to: 10, state: "pending" },
          { from: 10, to: 30, state: "firing" },
        ],
      },
      {
        labels: { a: "2" },
        values: [],
        states: [
          { from: 5, to: 20, state: "pending" },
          { from: 40, to: 50, state: "pending" },
          { from: 50, to: 60, state: "firing" },
        ],
      },
    ];
    expect(mergeBands(series)).toEqual([
      { from: 0, to: 10, state: "pending" },
      { from: 10, to: 30, state: "firing" },
      { from: 40, to: 50, state: "pending" },
      { from: 50, to: 60, state: "firing" },
    ]);
  });

  it("drops empty periods", () => {
    expect(mergeBands([{ labels: {}, values: [], states: [{ from: 5, to: 5, state: "firing" }] }])).toEqual(
      [],
    );
  });
});

describe("previewChart", () => {
  const values: PreviewResponse = {
    from: 0,
    to: 300_000,
    stepMs: 60_000,
    series: [
      {
        labels: { model: "a" },
        values: [
          [0, 1],
          [60_000, 2],
        ],
        states: [],
      },
      {
        labels: { model: "b" },
        values: [
          [60_000, 5],
          [120_000, 6],
        ],
        states: [],
      },
    ],
  };
  const states: PreviewResponse = {
    ...values,
    series: [
      {
        labels: { model: "b" },
        values: [],
        states: [
          { from: 60_000, to: 120_000, state: "pending" },
          { from: 120_000, to: 300_000, state: "firing" },
        ],
      },
    ],
  };

  it("aligns rows on time and sums the pending and firing time", () => {
    const chart = previewChart(values, states);
    expect(chart.rows).toEqual([
      { ts: 0, s0: 1 },
      { ts: 60_000, s0: 2, s1: 5 },
      { ts: 120_000, s1: 6 },
    ]);
    expect(chart.series.map((s) => s.label)).toEqual(['{model="a"}', '{model="b"}']);
    expect(chart.pendingMs).toBe(60_000);
    expect(chart.firingMs).toBe(180_000);
    expect(chart.firingPeriods).toBe(1);
    expect(chart.spanMs).toBe(300_000);
    expect(chart.hasData).toBe(true);
  });

  it("draws at most maxSeries but counts them all", () => {
    const chart = previewChart(values, states, 1);
    expect(chart.series).toHaveLength(1);
    expect(chart.total).toBe(2);
  });
});
