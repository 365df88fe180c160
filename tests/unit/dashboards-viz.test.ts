import { describe, expect, it } from "vitest";
import type { PromQueryData } from "@/lib/charts/prom-result";
import { planPanel, promRequestUrl } from "@/lib/dashboards/panel-query";
import { panelSchema } from "@/lib/dashboards/schema";
import { resolveTime } from "@/lib/dashboards/time";
import { colorFor, formatValue } from "@/lib/dashboards/units";
import {
  applyLegend,
  chartRows,
  heatGrid,
  latestValues,
  namedSeries,
  sortTable,
  tableData,
} from "@/lib/dashboards/viz-data";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const time = resolveTime({ from: "now-6h", to: "now" }, NOW)!;

const matrix: PromQueryData = {
  resultType: "matrix",
  result: [
    {
      metric: { __name__: "acc", version: "v1" },
      values: [
        [100, "0.9"],
        [160, "0.8"],
      ],
    },
    {
      metric: { __name__: "acc", version: "v2" },
      values: [
        [100, "0.7"],
        [160, "NaN"],
      ],
    },
  ],
};

describe("panel values", () => {
  it("formats units and decimals", () => {
    expect(formatValue(0.9123, "percentunit")).toBe("91.2%");
    expect(formatValue(0.9123, "percentunit", 0)).toBe("91%");
    expect(formatValue(87.5, "percent", 2)).toBe("87.50%");
    expect(formatValue(0.0125, "s")).toBe("12.5 ms");
    expect(formatValue(250, "ms")).toBe("250 ms");
    expect(formatValue(90, "s")).toBe("1.5 min");
    expect(formatValue(1536, "bytes")).toBe("1.5 KiB");
    expect(formatValue(12, "reqps")).toBe("12 req/s");
    expect(formatValue(1234567, "short")).toBe("1.23M");
    expect(formatValue(1.23456, "none")).toBe("1.235");
    expect(formatValue(1.23456, "none", 2)).toBe("1.23");
    expect(formatValue(null, "none")).toBe("—");
    expect(formatValue(Number.NaN, "percent")).toBe("NaN");
    expect(formatValue(Number.POSITIVE_INFINITY, "ms")).toBe("+Inf");
  });

  it("colours a value by the highest threshold it reaches", () => {
    const thresholds = [
      { value: 0.9, color: "green" },
      { value: 0.8, color: "#123456" },
    ];
    expect(colorFor(0.5, thresholds, "base")).toBe("base");
    expect(colorFor(0.8, thresholds, "base")).toBe("#123456");
    expect(colorFor(0.95, thresholds, "base")).toBe("#009E73");
    expect(colorFor(null, thresholds, "base")).toBe("base");
  });
});

describe("series preparation", () => {
  it("names series with legend templates and aligns rows on time with gaps", () => {
    const { series, total } = namedSeries([{ target: 0, data: matrix, legend: "acc {{version}}" }]);
    expect(total).toBe(2);
    expect(series.map((s) => s.name)).toEqual(["acc v1", "acc v2"]);
    const { rows, defs } = chartRows(series);
    expect(defs.map((d) => d.key)).toEqual(["s0", "s1"]);
    expect(rows).toEqual([
      { ts: 100_000, s0: 0.9, s1: 0.7 },
      { ts: 160_000, s0: 0.8, s1: null },
    ]);
    expect(latestValues(series).map((v) => v.value)).toEqual([0.8, 0.7]);
    expect(applyLegend(undefined, { __name__: "up", job: "x" })).toBe('up{job="x"}');
    expect(applyLegend("{{ missing }}!", {})).toBe("!");
  });

  it("tables: label columns, latest values, sorting", () => {
    const vector: PromQueryData = {
      resultType: "vector",
      result: [
        { metric: { model: "b", version: "v10" }, value: [100, "2"] },
        { metric: { model: "a", version: "v9" }, value: [100, "3"] },
      ],
    };
    const data = tableData(namedSeries([{ target: 0, data: vector }]).series);
    expect(data.columns).toEqual(["model", "version"]);
    expect(data.rows.map((r) => r.value)).toEqual([2, 3]);
    expect(sortTable(data, "__value__", "desc").map((r) => r.labels.model)).toEqual(["a", "b"]);
    expect(sortTable(data, "version", "asc").map((r) => r.labels.version)).toEqual(["v9", "v10"]);
  });

  it("heatmap grid: one cell per step, min and max", () => {
    const grid = heatGrid(namedSeries([{ target: 0, data: matrix }]).series, {
      start: 100,
      end: 220,
      step: 60,
    });
    expect(grid.times).toEqual([100_000, 160_000, 220_000]);
    expect(grid.values).toEqual([
      [0.9, 0.8, null],
      [0.7, null, null],
    ]);
    expect([grid.min, grid.max]).toEqual([0.7, 0.9]);
  });
});

describe("panel plan", () => {
  const panel = panelSchema.parse({
    id: "p",
    title: "t",
    type: "timeseries",
    gridPos: { x: 0, y: 0, w: 12, h: 8 },
    targets: [
      { expr: 'rate(x{m="$model"}[$__rate_interval])', datasource: "prod" },
      { expr: 'x{v="$version"}' },
    ],
  });

  it("interpolates each query into a range request, reporting those that cannot run", () => {
    const plan = planPanel(panel, { model: ["rec"] }, time);
    expect(plan.requests).toEqual([
      {
        kind: "range",
        panelId: "p",
        target: 0,
        expr: 'rate(x{m="rec"}[8m])',
        datasource: "prod",
        start: plan.timing.start,
        end: plan.timing.end,
        step: 120,
      },
    ]);
    expect(plan.problems).toEqual([{ target: 1, message: "no value for $version" }]);
    expect(promRequestUrl(plan.requests[0] as Parameters<typeof promRequestUrl>[0])).toBe(
      `/api/v1/query_range?query=rate%28x%7Bm%3D%22rec%22%7D%5B8m%5D%29&start=${plan.timing.start}&end=${plan.timing.end}&step=120&datasource=prod`,
    );
  });

  it("instant requests for latest-value panels, built-in requests with variables filled", () => {
    const gauge = planPanel({ ...panel, type: "gauge" }, { model: ["rec"], version: ["v1"] }, time);
    expect(gauge.requests.map((r) => r.kind)).toEqual(["instant", "instant"]);
    expect(gauge.requests[0]).toMatchObject({ time: NOW / 1000 });
    const builtin = panelSchema.parse({
      ...panel,
      type: "builtin",
      targets: [],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${var} syntax is what is tested
      builtin: { kind: "confusion-matrix", model: "$model", version: "${version}" },
    });
    expect(planPanel(builtin, { model: ["rec"], version: ["v2"] }, time).requests).toEqual([
      {
        kind: "builtin",
        panelId: "p",
        builtin: { kind: "confusion-matrix", model: "rec", version: "v2", shadow: null, experiment: null },
        from: new Date(NOW - 21_600_000).toISOString(),
        to: new Date(NOW).toISOString(),
      },
    ]);
    expect(planPanel(builtin, {}, time).problems[0]?.message).toMatch(/model "\$model" names a variable/);
  });
});
