// Prometheus range-query result → recharts rows and series: one column per series (`s0`, `s1`, …), rows
// aligned on sample time, NaN/±Inf as gaps (null), at most `maxSeries` drawn.
import { seriesColor } from "./palette";
import {
  formatLabels,
  type PromMatrixItem,
  type PromMetric,
  type PromQueryData,
  parsePromValue,
} from "./prom-result";
import type { SeriesDef, SeriesRow } from "./types";

export const MAX_GRAPH_SERIES = 50;

export interface GraphSeries extends SeriesDef {
  metric: PromMetric;
  /** Finite samples drawn. */
  points: number;
  /** NaN / ±Inf samples, left out as gaps. */
  nonFinite: number;
}

export interface PreparedGraph {
  rows: SeriesRow[];
  series: GraphSeries[];
  /** Series in the result, drawn or not. */
  total: number;
  /** True when only the first `maxSeries` are drawn. */
  truncated: boolean;
  /** Any finite point at all. */
  hasData: boolean;
  nonFinite: number;
  /** First and last sample time (epoch ms), for the axis. */
  spanMs: number;
}

/** Everything a graph can draw, as matrix items (an instant vector or a scalar becomes one-point series). */
export function asMatrix(data: PromQueryData): PromMatrixItem[] {
  switch (data.resultType) {
    case "matrix":
      return data.result;
    case "vector":
      return data.result.map((r) => ({ metric: r.metric, values: [r.value] }));
    case "scalar":
      return [{ metric: {}, values: [data.result] }];
    case "string":
      return [];
  }
}

/** Legend text: the label set, or "scalar" / the expression's result for an unlabelled series. */
export function legendLabel(metric: PromMetric): string {
  return Object.keys(metric).length === 0 ? "{}" : formatLabels(metric);
}

export function prepareGraph(data: PromQueryData, maxSeries = MAX_GRAPH_SERIES): PreparedGraph {
  const all = asMatrix(data);
  const drawn = all.slice(0, Math.max(0, maxSeries));
  const byTs = new Map<number, SeriesRow>();
  let nonFiniteTotal = 0;
  const series: GraphSeries[] = drawn.map((item, i) => {
    const key = `s${i}`;
    let points = 0;
    let nonFinite = 0;
    for (const [t, raw] of item.values) {
      const ts = Math.round(t * 1000);
      if (!Number.isFinite(ts)) continue;
      let row = byTs.get(ts);
      if (!row) {
        row = { ts } as SeriesRow;
        byTs.set(ts, row);
      }
      const v = parsePromValue(raw);
      if (Number.isFinite(v)) {
        row[key] = v;
        points++;
      } else {
        row[key] = null;
        nonFinite++;
      }
    }
    nonFiniteTotal += nonFinite;
    return {
      key,
      label: data.resultType === "scalar" ? "scalar" : legendLabel(item.metric),
      color: seriesColor(i),
      metric: item.metric,
      points,
      nonFinite,
    };
  });
  // Every row carries every key: a missing sample is an explicit gap, not an interpolated line.
  const rows = [...byTs.values()].sort((a, b) => a.ts - b.ts);
  for (const row of rows) for (const s of series) if (!(s.key in row)) row[s.key] = null;
  const first = rows[0]?.ts ?? 0;
  const last = rows[rows.length - 1]?.ts ?? 0;
  return {
    rows,
    series,
    total: all.length,
    truncated: all.length > drawn.length,
    hasData: series.some((s) => s.points > 0),
    nonFinite: nonFiniteTotal,
    spanMs: last - first,
  };
}
