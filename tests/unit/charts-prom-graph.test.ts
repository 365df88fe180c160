import { describe, expect, it } from "vitest";
import { SERIES_COLORS } from "../../lib/charts/palette";
import { prepareGraph } from "../../lib/charts/prom-graph";
import type { PromQueryData } from "../../lib/charts/prom-result";
import { prepareTable, resultCount, sortTable } from "../../lib/charts/prom-table";

const matrix: PromQueryData = {
  resultType: "matrix",
  result: [
    {
      metric: { __name__: "vigil_model_accuracy", model: "rec", version: "v1" },
      values: [
        [100, "0.9"],
        [160, "NaN"],
        [220, "0.8"],
      ],
    },
    {
      metric: { model: "rec", version: "v2" },
      values: [
        [160, "+Inf"],
        [220, "0.7"],
        [280, "0.75"],
      ],
    },
  ],
};

describe("prepareGraph", () => {
  it("aligns series on time with NaN/Inf and missing samples as gaps", () => {
    const g = prepareGraph(matrix);
    expect(g.rows).toEqual([
      { ts: 100_000, s0: 0.9, s1: null },
      { ts: 160_000, s0: null, s1: null },
      { ts: 220_000, s0: 0.8, s1: 0.7 },
      { ts: 280_000, s0: null, s1: 0.75 },
    ]);
    expect(g.series.map((s) => s.label)).toEqual([
      'vigil_model_accuracy{model="rec",version="v1"}',
      '{model="rec",version="v2"}',
    ]);
    expect(g.series.map((s) => s.color)).toEqual([SERIES_COLORS[0], SERIES_COLORS[1]]);
    expect(g.series.map((s) => [s.points, s.nonFinite])).toEqual([
      [2, 1],
      [2, 1],
    ]);
    expect(g).toMatchObject({ total: 2, truncated: false, hasData: true, nonFinite: 2, spanMs: 180_000 });
  });

  it("caps the number of series drawn", () => {
    const many: PromQueryData = {
      resultType: "matrix",
      result: Array.from({ length: 60 }, (_, i) => ({ metric: { i: String(i) }, values: [[1, String(i)]] })),
    };
    const g = prepareGraph(many, 50);
    expect(g.series).toHaveLength(50);
    expect(g.total).toBe(60);
    expect(g.truncated).toBe(true);
    expect(Object.keys(g.rows[0]!)).toHaveLength(51);
  });

  it("draws a scalar and an instant vector as one-point series, and nothing for a string", () => {
    const scalar = prepareGraph({ resultType: "scalar", result: [50, "42"] });
    expect(scalar.rows).toEqual([{ ts: 50_000, s0: 42 }]);
    expect(scalar.series[0]!.label).toBe("scalar");
    const vector = prepareGraph({ resultType: "vector", result: [{ metric: {}, value: [1, "-Inf"] }] });
    expect(vector.hasData).toBe(false);
    expect(vector.series[0]!.label).toBe("{}");
    const str = prepareGraph({ resultType: "string", result: [1, "x"] });
    expect(str).toMatchObject({ rows: [], series: [], hasData: false, total: 0 });
  });
});

describe("prepareTable / sortTable", () => {
  const vector: PromQueryData = {
    resultType: "vector",
    result: [
      { metric: { model: "b" }, value: [10, "2"] },
      { metric: { model: "a" }, value: [10, "NaN"] },
      { metric: { model: "c" }, value: [10, "+Inf"] },
      { metric: { model: "d" }, value: [10, "-1.5"] },
    ],
  };

  it("makes one row per series with its label set and value", () => {
    const rows = prepareTable(vector);
    expect(rows.map((r) => [r.labels, r.display[0]])).toEqual([
      ['{model="b"}', "2"],
      ['{model="a"}', "NaN"],
      ['{model="c"}', "+Inf"],
      ['{model="d"}', "-1.5"],
    ]);
    expect(resultCount(vector)).toBe(4);
  });

  it("sorts by value with NaN last in both directions, and by labels", () => {
    const rows = prepareTable(vector);
    const by = (key: "labels" | "value", dir: "asc" | "desc") =>
      sortTable(rows, key, dir).map((r) => r.metric.model);
    expect(by("value", "asc")).toEqual(["d", "b", "c", "a"]);
    expect(by("value", "desc")).toEqual(["c", "b", "d", "a"]);
    expect(by("labels", "asc")).toEqual(["a", "b", "c", "d"]);
    expect(by("labels", "desc")).toEqual(["d", "c", "b", "a"]);
  });

  it("lists range-vector samples and reads scalars and strings", () => {
    const rows = prepareTable(matrix);
    expect(rows[0]!.display).toEqual(["0.9 @100", "NaN @160", "0.8 @220"]);
    expect(rows[0]!.value).toBe(0.8);
    expect(prepareTable({ resultType: "scalar", result: [1, "3.5"] })).toMatchObject([
      { labels: "scalar", value: 3.5, display: ["3.5"] },
    ]);
    expect(prepareTable({ resultType: "string", result: [1, "hello"] })[0]!.display).toEqual(["hello"]);
    expect(resultCount({ resultType: "scalar", result: [1, "1"] })).toBe(1);
  });
});
