// Query answers → what each visualisation draws: named series (legend templates like `{{version}}`), chart
// rows, the latest value per series (stat, gauge, bar, table) and a series × time grid (heatmap). Pure.
import { seriesColor } from "../charts/palette";
import { asMatrix, legendLabel } from "../charts/prom-graph";
import type { PromMetric, PromQueryData } from "../charts/prom-result";
import { parsePromValue } from "../charts/prom-result";
import type { SeriesDef, SeriesRow } from "../charts/types";

export interface NamedSeries {
  key: string;
  name: string;
  color: string;
  metric: PromMetric;
  /** [epoch ms, value]; NaN/±Inf kept as they are */
  points: Array<[number, number]>;
  /** the query it came from */
  target: number;
}

/** At most this many series are drawn per panel; the rest are counted. */
export const MAX_PANEL_SERIES = 50;

/** `{{label}}` → that label's value ("" when absent); no template: the label set. */
export function applyLegend(template: string | undefined, metric: PromMetric): string {
  if (!template) return legendLabel(metric);
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => metric[name] ?? "");
}

/** Every target's answer as named series, coloured in order across targets. */
export function namedSeries(
  answers: ReadonlyArray<{ target: number; data: PromQueryData; legend?: string }>,
): { series: NamedSeries[]; total: number } {
  const series: NamedSeries[] = [];
  let total = 0;
  for (const a of answers) {
    const items = asMatrix(a.data);
    total += items.length;
    for (const item of items) {
      if (series.length >= MAX_PANEL_SERIES) continue;
      const i = series.length;
      const name =
        a.data.resultType === "scalar"
          ? (a.legend ?? "scalar")
          : applyLegend(a.legend, item.metric) || legendLabel(item.metric);
      series.push({
        key: `s${i}`,
        name,
        color: seriesColor(i),
        metric: item.metric,
        points: item.values.map(([t, v]) => [Math.round(t * 1000), parsePromValue(v)] as [number, number]),
        target: a.target,
      });
    }
  }
  return { series, total };
}

/** Chart rows aligned on time, one column per series; NaN/±Inf and missing samples are gaps (null). */
export function chartRows(series: readonly NamedSeries[]): { rows: SeriesRow[]; defs: SeriesDef[] } {
  const byTs = new Map<number, SeriesRow>();
  for (const s of series) {
    for (const [ts, v] of s.points) {
      let row = byTs.get(ts);
      if (!row) {
        row = { ts } as SeriesRow;
        byTs.set(ts, row);
      }
      row[s.key] = Number.isFinite(v) ? v : null;
    }
  }
  const rows = [...byTs.values()].sort((a, b) => a.ts - b.ts);
  for (const row of rows) for (const s of series) if (!(s.key in row)) row[s.key] = null;
  return { rows, defs: series.map((s) => ({ key: s.key, label: s.name, color: s.color })) };
}

/** The last finite value of a series, or null. */
export function lastValue(s: Pick<NamedSeries, "points">): number | null {
  for (let i = s.points.length - 1; i >= 0; i--) {
    const v = s.points[i]![1];
    if (Number.isFinite(v)) return v;
  }
  return null;
}

export function hasPoints(series: readonly NamedSeries[]): boolean {
  return series.some((s) => s.points.some(([, v]) => Number.isFinite(v)));
}

/** Latest value of each series (stat, gauge, bar). */
export function latestValues(
  series: readonly NamedSeries[],
): Array<{ key: string; name: string; color: string; value: number | null }> {
  return series.map((s) => ({ key: s.key, name: s.name, color: s.color, value: lastValue(s) }));
}

export interface TableData {
  /** label names, in first-seen order (`__name__` first when present) */
  columns: string[];
  rows: Array<{ key: string; name: string; labels: PromMetric; value: number | null; time: number | null }>;
}

/** One row per series with its labels and latest value (an instant query's answer). */
export function tableData(series: readonly NamedSeries[]): TableData {
  const columns: string[] = [];
  for (const s of series) for (const k of Object.keys(s.metric)) if (!columns.includes(k)) columns.push(k);
  columns.sort((a, b) => (a === "__name__" ? -1 : b === "__name__" ? 1 : 0));
  return {
    columns,
    rows: series.map((s) => {
      const last = [...s.points].reverse().find(([, v]) => Number.isFinite(v));
      return {
        key: s.key,
        name: s.name,
        labels: s.metric,
        value: last?.[1] ?? null,
        time: last?.[0] ?? null,
      };
    }),
  };
}

export type SortDir = "asc" | "desc";

/** Table rows sorted by a label column, the value ("__value__") or the series name ("__name_legend__"). */
export function sortTable(data: TableData, column: string, dir: SortDir): TableData["rows"] {
  const sign = dir === "asc" ? 1 : -1;
  return [...data.rows].sort((a, b) => {
    if (column === "__value__") {
      if (a.value === null) return b.value === null ? 0 : 1;
      if (b.value === null) return -1;
      return sign * (a.value - b.value);
    }
    const av = column === "__name_legend__" ? a.name : (a.labels[column] ?? "");
    const bv = column === "__name_legend__" ? b.name : (b.labels[column] ?? "");
    return sign * av.localeCompare(bv, undefined, { numeric: true });
  });
}

export interface HeatGrid {
  rows: Array<{ key: string; name: string }>;
  /** column times, epoch ms */
  times: number[];
  values: Array<Array<number | null>>;
  min: number;
  max: number;
}

/** Series × time steps from `start` to `end` (unix seconds) by `step`: each cell the sample at that step. */
export function heatGrid(
  series: readonly NamedSeries[],
  frame: { start: number; end: number; step: number },
): HeatGrid {
  const times: number[] = [];
  if (frame.step > 0)
    for (let t = frame.start; t <= frame.end + 1e-9; t += frame.step) times.push(Math.round(t * 1000));
  const index = new Map(times.map((t, i) => [t, i]));
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const values = series.map((s) => {
    const row: Array<number | null> = times.map(() => null);
    for (const [ts, v] of s.points) {
      const col = index.get(ts) ?? Math.round((ts / 1000 - frame.start) / frame.step);
      if (col < 0 || col >= times.length || !Number.isFinite(v)) continue;
      row[col] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return row;
  });
  if (!Number.isFinite(min)) {
    min = 0;
    max = 0;
  }
  return { rows: series.map((s) => ({ key: s.key, name: s.name })), times, values, min, max };
}
