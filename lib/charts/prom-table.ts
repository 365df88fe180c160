// Prometheus instant-query result → table rows (label set + value), sortable by labels or value.
import {
  formatLabels,
  formatPromValue,
  type PromMetric,
  type PromQueryData,
  parsePromValue,
} from "./prom-result";

export interface TableRow {
  key: string;
  metric: PromMetric;
  /** `name{a="b"}`, "scalar" or "string". */
  labels: string;
  /** The value to sort by: the sample, or the last sample of a range vector. */
  value: number;
  /** What the cell shows: one line per sample (`value @ time` for range vectors). */
  display: string[];
}

export type TableSortKey = "labels" | "value";
export type TableSortDir = "asc" | "desc";

function sampleLine(t: number, raw: string): string {
  return `${formatPromValue(parsePromValue(raw))} @${t}`;
}

export function prepareTable(data: PromQueryData): TableRow[] {
  switch (data.resultType) {
    case "vector":
      return data.result.map((r, i) => {
        const value = parsePromValue(r.value[1]);
        return {
          key: `${i}`,
          metric: r.metric,
          labels: formatLabels(r.metric),
          value,
          display: [formatPromValue(value)],
        };
      });
    case "matrix":
      return data.result.map((r, i) => {
        const last = r.values[r.values.length - 1];
        return {
          key: `${i}`,
          metric: r.metric,
          labels: formatLabels(r.metric),
          value: last ? parsePromValue(last[1]) : Number.NaN,
          display: r.values.map(([t, v]) => sampleLine(t, v)),
        };
      });
    case "scalar": {
      const value = parsePromValue(data.result[1]);
      return [{ key: "0", metric: {}, labels: "scalar", value, display: [formatPromValue(value)] }];
    }
    case "string":
      return [{ key: "0", metric: {}, labels: "string", value: Number.NaN, display: [data.result[1]] }];
  }
}

/** Stable sort. By value: numeric order with -Inf < numbers < +Inf, NaN always last. */
export function sortTable(rows: readonly TableRow[], key: TableSortKey, dir: TableSortDir): TableRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      if (key === "labels") {
        const c = a.r.labels.localeCompare(b.r.labels, "en", { numeric: true });
        return c !== 0 ? sign * c : a.i - b.i;
      }
      const an = Number.isNaN(a.r.value);
      const bn = Number.isNaN(b.r.value);
      if (an || bn) return an && bn ? a.i - b.i : an ? 1 : -1;
      if (a.r.value === b.r.value) return a.i - b.i;
      return a.r.value < b.r.value ? -sign : sign;
    })
    .map((x) => x.r);
}

/** Number of results an answer holds (series for vectors and matrices, 1 for a scalar or string). */
export function resultCount(data: PromQueryData): number {
  return data.resultType === "vector" || data.resultType === "matrix" ? data.result.length : 1;
}
