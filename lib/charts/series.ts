// Quality windows → rows for recharts line charts (one series per version, aligned on window start).
import { SERIES_COLORS, seriesColor, versionColors } from "./palette";
import type { SeriesDef, SeriesRow, WindowLike } from "./types";

export type MetricKey =
  | "accuracy"
  | "precision"
  | "recall"
  | "f1"
  | "rocAuc"
  | "logLoss"
  | "mae"
  | "rmse"
  | "r2";

export const CLASSIFICATION_METRICS: MetricKey[] = ["accuracy", "precision", "recall", "f1"];
export const REGRESSION_METRICS: MetricKey[] = ["mae", "rmse", "r2"];

export const METRIC_LABELS: Record<MetricKey, string> = {
  accuracy: "Accuracy",
  precision: "Precision",
  recall: "Recall",
  f1: "F1",
  rocAuc: "ROC AUC",
  logLoss: "Log loss",
  mae: "MAE",
  rmse: "RMSE",
  r2: "R²",
};

/** Metrics in [0,1] are shown as percentages; the others as plain numbers. */
export function isProportion(metric: MetricKey): boolean {
  return metric === "accuracy" || metric === "precision" || metric === "recall" || metric === "f1";
}

/** A window's value for a metric; multiclass precision/recall/F1 fall back to the macro average. */
export function metricValue(w: WindowLike, metric: MetricKey): number | null {
  const v = w[metric];
  if (v !== null && Number.isFinite(v)) return v;
  if ((metric === "precision" || metric === "recall" || metric === "f1") && w.macro) {
    const m = w.macro[metric];
    return m !== null && Number.isFinite(m) ? m : null;
  }
  return null;
}

/** Pivot windows into rows keyed by start time, one column per version (missing → null). */
export function pivotByVersion(
  windows: readonly WindowLike[],
  versions: readonly string[],
  pick: (w: WindowLike) => number | null,
): SeriesRow[] {
  const byTs = new Map<number, SeriesRow>();
  for (const w of windows) {
    const ts = Date.parse(w.start);
    if (!Number.isFinite(ts)) continue;
    let row = byTs.get(ts);
    if (!row) {
      row = { ts } as SeriesRow;
      for (const v of versions) row[v] = null;
      byTs.set(ts, row);
    }
    row[w.version] = pick(w);
  }
  return [...byTs.values()].sort((a, b) => a.ts - b.ts);
}

/** Pass `colors` built from the model's full version list so a filtered view keeps each version's colour. */
export function versionSeries(
  versions: readonly string[],
  colors: Record<string, string> = versionColors(versions),
): SeriesDef[] {
  return versions.map((v, i) => ({ key: v, label: v, color: colors[v] ?? seriesColor(i) }));
}

export function prepareMetricChart(
  windows: readonly WindowLike[],
  versions: readonly string[],
  metric: MetricKey,
  colors?: Record<string, string>,
): { rows: SeriesRow[]; series: SeriesDef[]; hasData: boolean } {
  const rows = pivotByVersion(windows, versions, (w) => metricValue(w, metric));
  const hasData = rows.some((r) => versions.some((v) => r[v] !== null && r[v] !== undefined));
  return { rows, series: versionSeries(versions, colors), hasData };
}

export function prepareVolumeChart(
  windows: readonly WindowLike[],
  versions: readonly string[],
  colors?: Record<string, string>,
): { rows: SeriesRow[]; series: SeriesDef[]; total: number } {
  const rows = pivotByVersion(windows, versions, (w) => w.count);
  const total = windows.reduce((s, w) => s + w.count, 0);
  return { rows, series: versionSeries(versions, colors), total };
}

const minutes = (s: number | null) => (s === null || !Number.isFinite(s) ? null : s / 60);

/** Label delay: p50 (solid) and p90 (dashed) per version, in minutes (so axis ticks land on round values). */
export function prepareLabelDelayChart(
  windows: readonly WindowLike[],
  versions: readonly string[],
  colors: Record<string, string> = versionColors(versions),
): { rows: SeriesRow[]; series: SeriesDef[]; hasData: boolean } {
  const byTs = new Map<number, SeriesRow>();
  let hasData = false;
  for (const w of windows) {
    const ts = Date.parse(w.start);
    if (!Number.isFinite(ts)) continue;
    const row = byTs.get(ts) ?? ({ ts } as SeriesRow);
    row[`${w.version} p50`] = minutes(w.labelDelayP50Seconds);
    row[`${w.version} p90`] = minutes(w.labelDelayP90Seconds);
    if (w.labelDelayP50Seconds !== null || w.labelDelayP90Seconds !== null) hasData = true;
    byTs.set(ts, row);
  }
  const series: SeriesDef[] = versions.flatMap((v) => [
    { key: `${v} p50`, label: `${v} p50`, color: colors[v] ?? SERIES_COLORS[7] },
    { key: `${v} p90`, label: `${v} p90`, color: colors[v] ?? SERIES_COLORS[7], dashed: true },
  ]);
  const rows = [...byTs.values()].sort((a, b) => a.ts - b.ts);
  for (const r of rows) for (const s of series) if (!(s.key in r)) r[s.key] = null;
  return { rows, series, hasData };
}

/** Overview sparkline: hourly volume buckets → rows. */
export function prepareSparkline(volume: ReadonlyArray<{ ts: string; count: number }>): SeriesRow[] {
  return volume
    .map((b) => ({ ts: Date.parse(b.ts), count: b.count }) as SeriesRow)
    .filter((r) => Number.isFinite(r.ts))
    .sort((a, b) => a.ts - b.ts);
}
