// The GPU utilization heatmap: rows = GPUs (node/gpu), columns = time steps of a range query, colour = the
// step's mean utilization on a fixed 0–100 % scale. Pure: the query, the grid from the matrix answer, the
// colour scale, the cell geometry and the text for screen readers.
import { DEFAULT_LOCALE, formatDateTime } from "./format";
import { type GpuSource, gpuIdentity, gpuLabel, namesSelector, naturalCompare } from "./gpu-view";
import type { PromMatrixItem } from "./prom-result";
import { parsePromValue } from "./prom-result";
import { autoStep, formatPromDuration } from "./prom-step";

/** At most this many columns: one per step; finer would make cells thinner than a pixel or two. */
export const MAX_COLUMNS = 120;

/** A nice step (5m, 10m, 1h …) giving at most `maxColumns` columns over the span. */
export function heatmapStep(spanSeconds: number, maxColumns = MAX_COLUMNS): number {
  return autoStep(spanSeconds, maxColumns);
}

/**
 * The range query: each step's mean utilization over the step (not a point sample, so a short spike between
 * two steps still colours its cell). DCGM's % and Triton's 0–1 ratio come back together; the grid keeps one.
 */
export function gpuHeatmapQuery(stepSeconds: number, selector?: string | null): string {
  const names = namesSelector(["DCGM_FI_DEV_GPU_UTIL", "nv_gpu_utilization"], selector);
  return `avg_over_time(${names}[${formatPromDuration(stepSeconds)}])`;
}

/** The range query's start/end/step, aligned to the step so columns stay put while time moves on. */
export interface HeatmapFrame {
  start: number;
  end: number;
  step: number;
}

export function heatmapFrame(fromMs: number, toMs: number, maxColumns = MAX_COLUMNS): HeatmapFrame {
  const span = Math.max(1, (toMs - fromMs) / 1000);
  const step = heatmapStep(span, maxColumns);
  // The first column is the step that holds `from`; the last is the step that holds `to` (while the range
  // follows now, that step is still in progress: its cell averages what has arrived so far).
  const start = Math.floor(fromMs / 1000 / step) * step + step;
  const end = Math.max(start, Math.ceil(toMs / 1000 / step) * step);
  return { start, end, step };
}

export interface HeatRow {
  key: string;
  node: string;
  gpu: string;
  source: GpuSource;
  label: string;
}

export interface Heatmap {
  source: GpuSource | null;
  rows: HeatRow[];
  /** column times, unix seconds: each cell covers (t − step, t] */
  times: number[];
  /** rows × columns, percent; null = no data in that step */
  values: Array<Array<number | null>>;
  step: number;
}

/** Column times from start to end by step (both inclusive). */
export function frameTimes(frame: HeatmapFrame): number[] {
  const out: number[] = [];
  if (frame.step <= 0 || frame.end < frame.start) return out;
  const n = Math.floor((frame.end - frame.start) / frame.step + 1e-9);
  for (let i = 0; i <= n; i++) out.push(frame.start + i * frame.step);
  return out;
}

/**
 * Matrix answer → grid. DCGM rows are used when there are any (Triton's GPU gauges only without them, as in the
 * table); Triton's 0–1 ratio becomes percent; a GPU reported by two series fills its gaps from the second.
 */
export function prepareHeatmap(result: readonly PromMatrixItem[], frame: HeatmapFrame): Heatmap {
  const times = frameTimes(frame);
  const classified = result
    .map((item) => ({ item, id: gpuIdentity(item.metric) }))
    .filter((s): s is { item: PromMatrixItem; id: NonNullable<ReturnType<typeof gpuIdentity>> } =>
      Boolean(s.id),
    );
  const source: GpuSource | null = classified.some((s) => s.id.source === "dcgm")
    ? "dcgm"
    : classified.length
      ? "triton"
      : null;
  const rows = new Map<string, { row: HeatRow; values: Array<number | null> }>();
  for (const { item, id } of classified) {
    if (id.source !== source) continue;
    let entry = rows.get(id.key);
    if (!entry) {
      entry = {
        row: { key: id.key, node: id.node, gpu: id.gpu, source: id.source, label: "" },
        values: times.map(() => null),
      };
      entry.row.label = `${id.node} / ${gpuLabel(entry.row)}`;
      rows.set(id.key, entry);
    }
    const scale = id.source === "triton" ? 100 : 1;
    for (const [t, raw] of item.values) {
      const col = Math.round((t - frame.start) / frame.step);
      if (col < 0 || col >= times.length) continue;
      const v = parsePromValue(raw) * scale;
      if (Number.isFinite(v) && entry.values[col] === null) entry.values[col] = v;
    }
  }
  const sorted = [...rows.values()].sort(
    (a, b) => naturalCompare(a.row.node, b.row.node) || naturalCompare(a.row.gpu, b.row.gpu),
  );
  return {
    source,
    rows: sorted.map((e) => e.row),
    times,
    values: sorted.map((e) => e.values),
    step: frame.step,
  };
}

// Viridis (perceptually uniform, readable with colour-vision deficiencies and in greyscale): 0 % dark, 100 % bright.
export const UTIL_STOPS: ReadonlyArray<readonly [number, string]> = [
  [0, "#440154"],
  [25, "#3b528b"],
  [50, "#21918c"],
  [75, "#5ec962"],
  [100, "#fde725"],
];

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Utilization (percent, clamped to 0–100) → colour, interpolated between the viridis stops. */
export function utilizationColor(percent: number): string {
  const p = Math.min(100, Math.max(0, Number.isFinite(percent) ? percent : 0));
  let i = 1;
  while (i < UTIL_STOPS.length - 1 && p > UTIL_STOPS[i]![0]) i++;
  const [p0, c0] = UTIL_STOPS[i - 1]!;
  const [p1, c1] = UTIL_STOPS[i]!;
  const f = p1 === p0 ? 0 : (p - p0) / (p1 - p0);
  const a = hexToRgb(c0);
  const b = hexToRgb(c1);
  const mix = a.map((x, k) => Math.round(x + (b[k]! - x) * f));
  return `rgb(${mix[0]}, ${mix[1]}, ${mix[2]})`;
}

export interface HeatmapLayout {
  width: number;
  height: number;
  /** left margin for the row labels */
  labelWidth: number;
  /** top margin above the grid (none) and room below for the time axis */
  axisHeight: number;
  cellWidth: number;
  rowHeight: number;
  x: (col: number) => number;
  y: (row: number) => number;
}

/** Cell geometry: columns share the width left of the labels; rows have a fixed height. */
export function heatmapLayout(opts: {
  width: number;
  rows: number;
  columns: number;
  labelWidth?: number;
  rowHeight?: number;
  axisHeight?: number;
}): HeatmapLayout {
  const labelWidth = opts.labelWidth ?? 150;
  const rowHeight = opts.rowHeight ?? 22;
  const axisHeight = opts.axisHeight ?? 22;
  const plot = Math.max(0, opts.width - labelWidth);
  const cellWidth = opts.columns > 0 ? plot / opts.columns : 0;
  return {
    width: opts.width,
    height: opts.rows * rowHeight + axisHeight,
    labelWidth,
    axisHeight,
    cellWidth,
    rowHeight,
    x: (col) => labelWidth + col * cellWidth,
    y: (row) => row * rowHeight,
  };
}

/** Indices of the columns that get a time label: about `maxTicks`, evenly spaced, the first one included. */
export function tickColumns(columns: number, maxTicks = 6): number[] {
  if (columns <= 0) return [];
  const every = Math.max(1, Math.ceil(columns / Math.max(1, maxTicks)));
  const out: number[] = [];
  for (let i = 0; i < columns; i += every) out.push(i);
  return out;
}

const pct = (v: number) =>
  `${new Intl.NumberFormat(DEFAULT_LOCALE, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(v)} %`;

/** The cell's tooltip: which GPU, which step, the exact value. */
export function cellTitle(row: HeatRow, t: number, step: number, value: number | null): string {
  const when = `${formatDateTime((t - step) * 1000)} – ${formatDateTime(t * 1000)}`;
  return `${row.label} · ${when} · ${value === null ? "no data" : pct(value)}`;
}

export interface HeatRowStats {
  row: HeatRow;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** unix seconds of the max */
  maxAt: number | null;
  /** steps with data */
  steps: number;
}

/** Per-GPU numbers for the visually hidden table that stands for the picture. */
export function heatmapRowStats(h: Heatmap): HeatRowStats[] {
  return h.rows.map((row, r) => {
    let sum = 0;
    let n = 0;
    let min: number | null = null;
    let max: number | null = null;
    let maxAt: number | null = null;
    h.values[r]!.forEach((v, c) => {
      if (v === null) return;
      sum += v;
      n++;
      if (min === null || v < min) min = v;
      if (max === null || v > max) {
        max = v;
        maxAt = h.times[c]!;
      }
    });
    return { row, mean: n ? sum / n : null, min, max, maxAt, steps: n };
  });
}

/** One sentence for aria-label: what the picture shows and its headline numbers. */
export function heatmapSummary(h: Heatmap): string {
  if (h.rows.length === 0 || h.times.length === 0) return "GPU utilization heatmap: no data in this range.";
  const stats = heatmapRowStats(h).filter((s) => s.mean !== null);
  const from = formatDateTime((h.times[0]! - h.step) * 1000);
  const to = formatDateTime(h.times.at(-1)! * 1000);
  const head = `GPU utilization heatmap of ${h.rows.length} GPU${h.rows.length === 1 ? "" : "s"}, ${from} to ${to}, one column per ${formatPromDuration(h.step)}`;
  if (stats.length === 0) return `${head}: no data in this range.`;
  const mean =
    stats.reduce((a, s) => a + (s.mean ?? 0) * s.steps, 0) / stats.reduce((a, s) => a + s.steps, 0);
  const peak = stats.reduce((a, s) => ((s.max ?? -1) > (a.max ?? -1) ? s : a));
  return `${head}: mean ${pct(mean)}, peak ${pct(peak.max ?? 0)} on ${peak.row.label} at ${formatDateTime((peak.maxAt ?? 0) * 1000)}.`;
}
