// The model page's Serving tab, as pure functions: `?source=` / `?endpoint=` URL state, the shared time window
// of its stacked charts, and PromQL range results or latency buckets → recharts rows, one line per version.
import { type ServingQuery, vigilVersionOf } from "../cluster/serving-queries";
import type { LatencyResponse } from "../serving/latency-schemas";
import { driftSelector, lastOverTime, type SeriesWindow } from "./drift";
import { SERIES_COLORS, seriesColor } from "./palette";
import { type PromMatrixItem, type PromQueryData, parsePromValue } from "./prom-result";
import { autoStep } from "./prom-step";
import type { SeriesDef, SeriesRow } from "./types";

export type { LatencyResponse };

type ParamReader = { get(name: string): string | null };

// ——— URL state ———

/** The source of the cluster series: null = Vigil's own store, else an external data source's name. */
export function parseSourceParam(params: ParamReader): string | null {
  const s = params.get("source");
  return s && s !== "vigil" && /^[a-z0-9][a-z0-9_-]{0,63}$/.test(s) ? s : null;
}

/** The endpoint whose series are charted when the model has several (its name). */
export function parseEndpointParam(params: ParamReader): string | null {
  const e = params.get("endpoint");
  return e && e.length <= 100 ? e : null;
}

/** The query string (without "?") with `source` / `endpoint` set or removed, everything else kept. */
export function servingSearch(
  search: string,
  changes: { source?: string | null; endpoint?: string | null },
): string {
  const p = new URLSearchParams(search);
  for (const key of ["source", "endpoint"] as const) {
    const value = changes[key];
    if (value === undefined) continue;
    if (value) p.set(key, value);
    else p.delete(key);
  }
  return p.toString();
}

/** The named endpoint, else the first enabled one, else the first; null when there are none. */
export function pickEndpoint<E extends { name: string; enabled: boolean }>(
  endpoints: readonly E[],
  name: string | null,
): E | null {
  return endpoints.find((e) => e.name === name) ?? endpoints.find((e) => e.enabled) ?? endpoints[0] ?? null;
}

// ——— The shared time axis ———

export interface ServingWindow {
  /** Epoch ms: the first step, aligned to a multiple of the step (as Grafana aligns range queries). */
  startMs: number;
  endMs: number;
  /** Seconds: ~240 points over the range, never below 60 s (scrape intervals are 15–60 s). */
  stepSeconds: number;
}

export function servingWindow(from: string, to: string): ServingWindow {
  const f = Date.parse(from);
  const t = Date.parse(to);
  const stepSeconds = Math.max(60, autoStep((t - f) / 1000, 240));
  const stepMs = stepSeconds * 1000;
  return { startMs: Math.floor(f / stepMs) * stepMs, endMs: t, stepSeconds };
}

/** The query_range window (unix seconds) for the cluster series. */
export function promWindow(w: ServingWindow): { start: number; end: number; step: number } {
  return { start: w.startMs / 1000, end: w.endMs / 1000, step: w.stepSeconds };
}

// ——— Quality (hourly or daily points, stamped at window start) ———

export interface MainMetric {
  key: "accuracy" | "rmse";
  series: string;
  label: string;
  /** true: a share in [0, 1], shown as a percentage. */
  proportion: boolean;
}

/** The model's headline quality metric: accuracy for classification, RMSE for regression. */
export function mainMetric(task: string | null | undefined): MainMetric {
  return task === "regression"
    ? { key: "rmse", series: "vigil_model_rmse", label: "RMSE", proportion: false }
    : { key: "accuracy", series: "vigil_model_accuracy", label: "Accuracy", proportion: true };
}

/**
 * query_range window for the quality series of a window size: steps on whole windows (UTC hours or days), so
 * each step reads the point stamped at its start (or the latest of its windows when a step spans several).
 */
export function qualityWindow(from: string, to: string, window: "1h" | "1d", maxSteps = 240): SeriesWindow {
  const size = window === "1h" ? 3_600_000 : 86_400_000;
  const start = Math.floor(Date.parse(from) / size) * size;
  const end = Math.max(start, Math.floor((Date.parse(to) - 1) / size) * size);
  const windows = Math.max(1, Math.ceil((end - start) / size / maxSteps));
  return { start: start / 1000, end: end / 1000, step: (windows * size) / 1000 };
}

export function qualityQuery(
  metric: MainMetric,
  q: { model: string; version: string | null; window: "1h" | "1d"; stepSeconds: number },
): string {
  const selector = driftSelector(metric.series, { model: q.model, version: q.version, window: q.window });
  return lastOverTime(selector, q.stepSeconds);
}

// ——— Rows ———

export interface Lines {
  rows: SeriesRow[];
  series: SeriesDef[];
  hasData: boolean;
}

/** A colour per series key: the version's colour where it has one, the palette's next free colour otherwise. */
function colorFor(key: string, colors: Record<string, string>, index: number): string {
  return colors[key] ?? seriesColor(Object.keys(colors).length + index);
}

function sortKeys(keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/** Rows from keyed points; every row has every key (null where that series has no point). */
function pivot(points: ReadonlyArray<{ key: string; ts: number; value: number | null }>, keys: string[]) {
  const byTs = new Map<number, SeriesRow>();
  for (const p of points) {
    let row = byTs.get(p.ts);
    if (!row) {
      row = { ts: p.ts } as SeriesRow;
      for (const k of keys) row[k] = null;
      byTs.set(p.ts, row);
    }
    row[p.key] = p.value;
  }
  return [...byTs.values()].sort((a, b) => a.ts - b.ts);
}

function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

export const ALL_VERSIONS_KEY = "all versions";

/**
 * A range result with one series per version → one line per Vigil version. `versionLabel` names the server's
 * version label (null: one series for every version); server versions are renamed through the versionMap.
 */
export function versionLines(
  result: readonly PromMatrixItem[],
  opts: { versionLabel: string | null; versionMap?: Record<string, string>; colors: Record<string, string> },
): Lines {
  const keyOf = (m: Record<string, string>) =>
    opts.versionLabel === null
      ? ALL_VERSIONS_KEY
      : vigilVersionOf(opts.versionMap ?? {}, m[opts.versionLabel] ?? "");
  const points = result.flatMap((item) => {
    const key = keyOf(item.metric);
    return item.values.map(([t, raw]) => ({
      key,
      ts: Math.round(t * 1000),
      value: finite(parsePromValue(raw)),
    }));
  });
  const keys = sortKeys(new Set(points.map((p) => p.key)));
  return {
    rows: pivot(points, keys),
    series: keys.map((k, i) => ({
      key: k,
      label: k,
      color: k === ALL_VERSIONS_KEY ? SERIES_COLORS[7] : colorFor(k, opts.colors, i),
    })),
    hasData: points.some((p) => p.value !== null),
  };
}

export const GPU_MEAN_KEY = "mean";

/** "gpu-node-1 · GPU 0" from DCGM's labels, the UUID's tail from Triton's. */
export function gpuLabel(metric: Record<string, string>): string {
  if (metric.Hostname !== undefined || metric.gpu !== undefined)
    return `${metric.Hostname ?? "?"} · GPU ${metric.gpu ?? "?"}`;
  if (metric.gpu_uuid) return `GPU …${metric.gpu_uuid.slice(-6)}`;
  return "GPU";
}

/** The mean (a thick line) over thin grey lines per GPU. */
export function gpuLines(
  mean: readonly PromMatrixItem[],
  perGpu: readonly PromMatrixItem[],
): Lines & {
  thin: Set<string>;
} {
  const points = [
    ...mean.flatMap((item) =>
      item.values.map(([t, raw]) => ({
        key: GPU_MEAN_KEY,
        ts: Math.round(t * 1000),
        value: finite(parsePromValue(raw)),
      })),
    ),
  ];
  const perKeys = new Set<string>();
  for (const item of perGpu) {
    const key = gpuLabel(item.metric);
    perKeys.add(key);
    for (const [t, raw] of item.values)
      points.push({ key, ts: Math.round(t * 1000), value: finite(parsePromValue(raw)) });
  }
  const thinKeys = sortKeys(perKeys);
  const hasMean = mean.length > 0;
  const keys = [...(hasMean ? [GPU_MEAN_KEY] : []), ...thinKeys];
  return {
    rows: pivot(points, keys),
    series: [
      ...(hasMean ? [{ key: GPU_MEAN_KEY, label: "mean", color: seriesColor(0) }] : []),
      ...thinKeys.map((k) => ({ key: k, label: k, color: SERIES_COLORS[7] })),
    ],
    thin: new Set(thinKeys),
    hasData: points.some((p) => p.value !== null),
  };
}

/** p95 of the latency buckets, one line per version. */
export function latencyLines(res: LatencyResponse, colors: Record<string, string>): Lines {
  const withPoints = res.versions.filter((v) => v.points.length > 0);
  const keys = withPoints.map((v) => v.version);
  const points = withPoints.flatMap((v) =>
    v.points.map((p) => ({ key: v.version, ts: Date.parse(p.t), value: p.p95 })),
  );
  return {
    rows: pivot(points, keys),
    series: keys.map((k, i) => ({ key: k, label: k, color: colorFor(k, colors, i) })),
    hasData: points.length > 0,
  };
}

/** The latest value of each series (its last non-null point), for the panel's "now" figures. */
export function latestValues(
  lines: Pick<Lines, "rows" | "series">,
): Array<{ key: string; label: string; color: string; ts: number; value: number }> {
  return lines.series.flatMap((s) => {
    for (let i = lines.rows.length - 1; i >= 0; i--) {
      const row = lines.rows[i]!;
      const v = row[s.key];
      if (typeof v === "number")
        return [{ key: s.key, label: s.label, color: s.color, ts: row.ts, value: v }];
    }
    return [];
  });
}

// ——— Why a chart is empty ———

export type SeriesStatus =
  | { kind: "no-endpoint" }
  | { kind: "unavailable"; reason: string }
  | { kind: "error"; message: string }
  | { kind: "loading" }
  | { kind: "nothing" }
  | { kind: "data"; result: PromMatrixItem[] };

/** The matrix of a range result (anything else — a scalar — has no series to draw). */
export function matrixOf(data: PromQueryData | undefined): PromMatrixItem[] {
  return data?.resultType === "matrix" ? data.result : [];
}

/**
 * What a cluster chart can show: no endpoint registered, the server kind has no such series (the reason), the
 * query failed, is loading, returned no sample, or the series.
 */
export function seriesStatus(input: {
  hasEndpoint: boolean;
  plan: ServingQuery | null;
  error: Error | null;
  data: PromQueryData | undefined;
}): SeriesStatus {
  if (!input.hasEndpoint || !input.plan) return { kind: "no-endpoint" };
  if (input.plan.expr === null) return { kind: "unavailable", reason: input.plan.reason };
  if (input.error) return { kind: "error", message: input.error.message };
  if (!input.data) return { kind: "loading" };
  const result = matrixOf(input.data).filter((s) =>
    s.values.some(([, v]) => Number.isFinite(parsePromValue(v))),
  );
  return result.length > 0 ? { kind: "data", result } : { kind: "nothing" };
}
