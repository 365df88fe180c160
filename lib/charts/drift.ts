// The model page's Drift tab, as pure functions: tab/feature URL state, test names and directions, statistic
// formatting, the table's sort, "drifting since" from the hourly dataset-drift series, and the drift series
// (PromQL range results) → recharts rows. Types come from the API contract (type-only import).

import type { z } from "zod";
import type { contract } from "../api/contract";
import { P_VALUE_TESTS } from "../drift/stattest-names";
import { DEFAULT_LOCALE, formatPercent } from "./format";
import { seriesColor } from "./palette";
import { type PromMatrixItem, parsePromValue } from "./prom-result";
import type { SeriesDef, SeriesRow } from "./types";

export type DriftResponse = z.infer<typeof contract.modelDrift.response>;
export type ColumnDrift = DriftResponse["features"][number];
export type DriftReference = NonNullable<DriftResponse["reference"]>;
export type DriftConfig = z.infer<typeof contract.getDriftConfig.response>["config"];

/** GET …/drift/distribution: shares per shared bin (numbers) or per category, reference vs current. */
export type DistributionResponse = z.infer<typeof contract.driftDistribution.response>;
export type DistributionBin = DistributionResponse["bins"][number];

const HOUR = 3_600_000;
const DASH = "—";

// ——— URL state: `?tab=drift&feature=price` next to the range and version ———

export const MODEL_TABS = ["quality", "drift", "shadows", "serving"] as const;
export type ModelTab = (typeof MODEL_TABS)[number];
export const DEFAULT_TAB: ModelTab = "quality";
export const TAB_LABELS: Record<ModelTab, string> = {
  quality: "Quality",
  drift: "Drift",
  shadows: "Shadows",
  serving: "Serving",
};

type ParamReader = { get(name: string): string | null };

export function parseModelTab(params: ParamReader): ModelTab {
  const t = params.get("tab");
  return (MODEL_TABS as readonly string[]).includes(t ?? "") ? (t as ModelTab) : DEFAULT_TAB;
}

/** The open feature detail (only on the Drift tab). */
export function parseFeatureParam(params: ParamReader): string | null {
  if (parseModelTab(params) !== "drift") return null;
  const f = params.get("feature");
  return f && f.length <= 256 ? f : null;
}

/**
 * A query string (without "?") with tab, feature and shadow set or removed, everything else kept: `feature`
 * lives only on the Drift tab, `shadow` only on the Shadows tab, and the default tab is left out so the model
 * page's links stay as they were.
 */
export function tabSearch(
  search: string,
  changes: { tab?: ModelTab; feature?: string | null; shadow?: number | null },
): string {
  const p = new URLSearchParams(search);
  const tab = changes.tab ?? parseModelTab(p);
  if (tab === DEFAULT_TAB) p.delete("tab");
  else p.set("tab", tab);
  const feature =
    tab === "drift" ? (changes.feature === undefined ? p.get("feature") : changes.feature) : null;
  if (feature) p.set("feature", feature);
  else p.delete("feature");
  const shadow = tab === "shadows" ? (changes.shadow === undefined ? p.get("shadow") : changes.shadow) : null;
  if (shadow !== null && shadow !== "") p.set("shadow", String(shadow));
  else p.delete("shadow");
  return p.toString();
}

// ——— Tests: names, directions, formatting ———

/** Tests whose `statistic` is a p-value (drift when below the threshold); the others are distances. */
export { P_VALUE_TESTS };

export function isPValueTest(stattest: string | null | undefined): boolean {
  return stattest !== null && stattest !== undefined && (P_VALUE_TESTS as ReadonlySet<string>).has(stattest);
}

export const STATTEST_LABELS: Record<string, string> = {
  ks: "Kolmogorov–Smirnov",
  chisquare: "Chi-square",
  z: "Z-test (proportions)",
  wasserstein: "Wasserstein (normed)",
  jensenshannon: "Jensen–Shannon",
  psi: "PSI",
  kl_div: "Kullback–Leibler",
  hellinger: "Hellinger",
  tvd: "Total variation",
};

/** Short name for table cells. */
export const STATTEST_SHORT: Record<string, string> = {
  ks: "K–S",
  chisquare: "χ²",
  z: "Z",
  wasserstein: "Wasserstein",
  jensenshannon: "Jensen–Shannon",
  psi: "PSI",
  kl_div: "KL",
  hellinger: "Hellinger",
  tvd: "TVD",
};

export function stattestLabel(stattest: string | null | undefined, short = false): string {
  if (!stattest) return DASH;
  return (short ? STATTEST_SHORT : STATTEST_LABELS)[stattest] ?? stattest;
}

/** What the statistic means, for the column's tooltip and the detail's description. */
export function driftRule(stattest: string | null | undefined): string {
  if (!stattest) return "Not tested: the reference or the current range has no values.";
  return isPValueTest(stattest)
    ? "p-value: drift when it falls below the threshold"
    : "distance: drift when it reaches the threshold";
}

function fin(n: number | null | undefined): n is number {
  return typeof n === "number" && Number.isFinite(n);
}

/** Up to `digits` significant digits, exponent for tiny or huge values: 0.0412, 1.2e-7, 12.3. */
export function formatSignificant(v: number | null | undefined, digits = 3): string {
  if (!fin(v)) return DASH;
  if (v === 0) return "0";
  const abs = Math.abs(v);
  if (abs < 1e-4 || abs >= 1e6) return v.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, "e");
  return String(Number(v.toPrecision(digits)));
}

/** A statistic as the table shows it: "p = 0.0031" for p-value tests, the distance otherwise. */
export function formatStatistic(
  value: number | null | undefined,
  stattest: string | null | undefined,
): string {
  if (!fin(value)) return DASH;
  if (!isPValueTest(stattest)) return formatSignificant(value);
  if (value === 0) return "p < 1e-300";
  return `p = ${formatSignificant(value, 2)}`;
}

/** The threshold with its direction: "p < 0.05" or "≥ 0.1". */
export function formatThreshold(
  threshold: number | null | undefined,
  stattest: string | null | undefined,
): string {
  if (!fin(threshold)) return DASH;
  return isPValueTest(stattest) ? `p < ${formatSignificant(threshold)}` : `≥ ${formatSignificant(threshold)}`;
}

/** True when a statistic is past the threshold, as the API decides `drifted`. */
export function isPastThreshold(
  statistic: number | null | undefined,
  threshold: number | null | undefined,
  stattest: string | null | undefined,
): boolean {
  if (!fin(statistic) || !fin(threshold) || !stattest) return false;
  return isPValueTest(stattest) ? statistic < threshold : statistic >= threshold;
}

/**
 * How far past the threshold, in orders of magnitude (log10 of the ratio): > 0 past it, < 0 short of it. A
 * p-value of 0.0005 against 0.05 is 2; a PSI of 0.4 against 0.1 is 0.6. null when not tested.
 */
export function driftSeverity(c: Pick<ColumnDrift, "statistic" | "threshold" | "stattest">): number | null {
  if (!fin(c.statistic) || !fin(c.threshold) || c.threshold <= 0 || !c.stattest) return null;
  const tiny = 1e-300;
  return isPValueTest(c.stattest)
    ? Math.log10(c.threshold / Math.max(c.statistic, tiny))
    : Math.log10(Math.max(c.statistic, tiny) / c.threshold);
}

/** "4.0% vs 1.2%" (current vs reference). */
export function formatMissing(
  current: number | null | undefined,
  reference: number | null | undefined,
): string {
  if (!fin(current) && !fin(reference)) return DASH;
  return `${formatPercent(current)} vs ${formatPercent(reference)}`;
}

// ——— Summary ———

export const DEFAULT_DRIFT_SHARE = 0.5;

export interface DriftCounts {
  /** Features that drifted. */
  drifted: number;
  /** Features with a test (both sides have values): the denominator of the drift share. */
  tested: number;
  /** Every feature, tested or not. */
  total: number;
}

export function driftCounts(features: ReadonlyArray<Pick<ColumnDrift, "drifted" | "stattest">>): DriftCounts {
  const tested = features.filter((f) => f.stattest !== null);
  return {
    drifted: tested.filter((f) => f.drifted).length,
    tested: tested.length,
    total: features.length,
  };
}

export const REFERENCE_SOURCE_LABELS: Record<DriftReference["source"], string> = {
  pinned: "pinned",
  default: "first 7 days",
  query: "chosen range",
  profile: "uploaded dataset",
};

/** "exact", or "sketch ±1%" (the sketch's relative error bound). */
export function methodLabel(method: DriftResponse["method"], relativeAccuracy: number | null): string {
  if (method === "exact") return "exact";
  return fin(relativeAccuracy) ? `sketch ±${formatSignificant(relativeAccuracy * 100, 2)}%` : "sketch";
}

/** "Jun 1, 14:00 – Jun 8, 14:00" in the browser's time zone (UTC in tests). */
export function formatWindow(from: string, to: string, locale = DEFAULT_LOCALE, timeZone?: string): string {
  const f = Date.parse(from);
  const t = Date.parse(to);
  if (!Number.isFinite(f) || !Number.isFinite(t)) return DASH;
  const fmt = new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  });
  return `${fmt.format(f)} – ${fmt.format(t)}`;
}

export interface TimePoint {
  ts: number;
  value: number;
}

export type SinceWhen =
  | { state: "no-data" }
  | { state: "not-drifting"; latest: number }
  | {
      state: "drifting";
      /** Start of the first hour of the current run. */
      since: number;
      /** Start of the latest hour with a value. */
      latest: number;
      /** Hours with a value in the run. */
      hours: number;
      /** The run begins at the start of the queried window: it may have begun earlier. */
      open: boolean;
    };

/**
 * The current uninterrupted run of hours whose dataset drift share is ≥ `threshold`: walk back from the latest
 * hour with a value while values stay at or above it. Hours without a value (no traffic) neither end nor extend
 * a run; NaN counts as no value. `windowStart` (epoch ms): where the query began — a run starting there may
 * have started earlier (`open`).
 */
export function sinceDrifting(
  points: readonly TimePoint[],
  threshold: number,
  windowStart?: number,
): SinceWhen {
  const pts = points
    .filter((p) => Number.isFinite(p.ts) && Number.isFinite(p.value))
    .sort((a, b) => a.ts - b.ts);
  const last = pts[pts.length - 1];
  if (!last) return { state: "no-data" };
  if (last.value < threshold) return { state: "not-drifting", latest: last.ts };
  let i = pts.length - 1;
  while (i > 0 && pts[i - 1]!.value >= threshold) i--;
  const open = i === 0 && (windowStart === undefined || pts[0]!.ts <= windowStart);
  return { state: "drifting", since: pts[i]!.ts, latest: last.ts, hours: pts.length - i, open };
}

/** Range-query points of one series → time points (NaN/Inf dropped). */
export function matrixPoints(item: Pick<PromMatrixItem, "values">): TimePoint[] {
  return item.values
    .map(([t, raw]) => ({ ts: Math.round(t * 1000), value: parsePromValue(raw) }))
    .filter((p) => Number.isFinite(p.value));
}

// ——— The feature table's sort ———

export type DriftSortKey = "drift" | "name" | "type" | "test" | "statistic" | "threshold" | "missing";
export type DriftSortDir = "asc" | "desc";

export const DEFAULT_SORT: { key: DriftSortKey; dir: DriftSortDir } = { key: "drift", dir: "desc" };

/** Direction a column sorts in when first picked: text ascending, drift and numbers descending. */
export function defaultSortDir(key: DriftSortKey): DriftSortDir {
  return key === "name" || key === "type" || key === "test" ? "asc" : "desc";
}

/** Next sort after a header is activated: the same column flips, another starts at its default direction. */
export function nextSort(
  current: { key: DriftSortKey; dir: DriftSortDir },
  key: DriftSortKey,
): { key: DriftSortKey; dir: DriftSortDir } {
  if (current.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { key, dir: defaultSortDir(key) };
}

type SortValue = string | number | null;

function sortValues(c: ColumnDrift, key: DriftSortKey): SortValue[] {
  switch (key) {
    case "drift": {
      // Drifted first, then how far past (or short of) the threshold; untested columns have no value.
      const s = driftSeverity(c);
      return s === null ? [null] : [c.drifted ? 1 : 0, s];
    }
    case "name":
      return [c.name.toLowerCase()];
    case "type":
      return [c.type];
    case "test":
      return [c.stattest];
    case "statistic":
      return [fin(c.statistic) ? c.statistic : null];
    case "threshold":
      return [fin(c.threshold) ? c.threshold : null];
    case "missing":
      return [fin(c.missingShare) ? c.missingShare : null];
  }
}

function compare(a: SortValue[], b: SortValue[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null || y === null) return 0; // handled by the caller (nulls last)
    if (typeof x === "string" && typeof y === "string") {
      const c = x.localeCompare(y, DEFAULT_LOCALE, { numeric: true });
      if (c !== 0) return c;
      continue;
    }
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Stable sort; columns without a value (untested, no statistic) last whatever the direction; ties by name. */
export function sortColumns<T extends ColumnDrift>(
  rows: readonly T[],
  key: DriftSortKey,
  dir: DriftSortDir,
): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((c, i) => ({ c, i, v: sortValues(c, key) }))
    .sort((a, b) => {
      const an = a.v[0] === null;
      const bn = b.v[0] === null;
      if (an !== bn) return an ? 1 : -1;
      const c = an ? 0 : compare(a.v, b.v) * sign;
      if (c !== 0) return c;
      return a.c.name.localeCompare(b.c.name, DEFAULT_LOCALE, { numeric: true }) || a.i - b.i;
    })
    .map((x) => x.c);
}

// ——— Drift series (PromQL) ———

/** The `feature` label of the drift series for prediction, score and label. */
export const OUTPUT_SERIES = {
  prediction: "__prediction__",
  score: "__score__",
  label: "__label__",
} as const;
export type OutputColumn = keyof typeof OUTPUT_SERIES;
export const OUTPUT_LABELS: Record<OutputColumn, string> = {
  prediction: "Prediction",
  score: "Score",
  label: "Label",
};

/** "__score__" → "Score"; feature names as they are. */
export function columnDisplayName(feature: string): string {
  for (const [k, v] of Object.entries(OUTPUT_SERIES))
    if (v === feature) return OUTPUT_LABELS[k as OutputColumn];
  return feature;
}

/** A PromQL string literal. */
export function promString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** `metric{model="m",version="v",feature="f"}` with every value quoted. */
export function driftSelector(metric: string, labels: Record<string, string | null | undefined>): string {
  const pairs = Object.entries(labels)
    .filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")
    .map(([k, v]) => `${k}=${promString(v)}`);
  return `${metric}{${pairs.join(",")}}`;
}

export interface SeriesWindow {
  /** Unix seconds, on whole hours. */
  start: number;
  end: number;
  /** Seconds: whole hours, ≥ 1 h, at most ~240 steps. */
  step: number;
}

/**
 * query_range window for hourly series over [from, to]: hour-aligned (points sit at the start of each hour),
 * so `last_over_time(x[step])` evaluated at each step reads that hour's point (or the last of the step's hours).
 */
export function seriesWindow(from: string, to: string, maxSteps = 240): SeriesWindow {
  const f = Date.parse(from);
  const t = Date.parse(to);
  const start = Math.floor(f / HOUR) * HOUR;
  const end = Math.max(start, Math.floor((t - 1) / HOUR) * HOUR);
  const hours = Math.max(1, Math.ceil((end - start) / HOUR / maxSteps));
  return { start: start / 1000, end: end / 1000, step: hours * 3600 };
}

/**
 * `last_over_time(selector[step - 1s])`: at each (hour-aligned) step, the latest hourly point of that step's
 * hours only — one second short of the step so the previous step's last point (Prometheus 2.42 ranges include
 * both ends) is not carried into an hour without traffic.
 */
export function lastOverTime(selector: string, stepSeconds: number): string {
  return `last_over_time(${selector}[${Math.max(1, Math.round(stepSeconds) - 1)}s])`;
}

export interface ColumnSeries {
  feature: string;
  version: string;
  stattest: string | null;
  points: TimePoint[];
}

/** A range result of vigil_feature_drift / vigil_feature_missing_share → series by feature label. */
export function groupByFeature(result: readonly PromMatrixItem[]): Map<string, ColumnSeries[]> {
  const out = new Map<string, ColumnSeries[]>();
  for (const item of result) {
    const feature = item.metric.feature;
    if (feature === undefined) continue;
    const s: ColumnSeries = {
      feature,
      version: item.metric.version ?? "",
      stattest: item.metric.stattest ?? null,
      points: matrixPoints(item),
    };
    const list = out.get(feature);
    if (list) list.push(s);
    else out.set(feature, [s]);
  }
  return out;
}

/**
 * One line per version, aligned on time. When a test is given, series of other tests (left from before a
 * settings change) are left out, unless no series has it.
 */
export function prepareDriftLines(
  series: readonly ColumnSeries[],
  colors: Record<string, string>,
  stattest: string | null = null,
): { rows: SeriesRow[]; series: SeriesDef[]; hasData: boolean; points: number } {
  const matching = stattest ? series.filter((s) => s.stattest === stattest) : [];
  const used = matching.length > 0 ? matching : series;
  const versions = [...new Set(used.map((s) => s.version))].sort((a, b) =>
    a.localeCompare(b, undefined, { numeric: true }),
  );
  const byTs = new Map<number, SeriesRow>();
  let points = 0;
  for (const s of used) {
    for (const p of s.points) {
      let row = byTs.get(p.ts);
      if (!row) {
        row = { ts: p.ts } as SeriesRow;
        for (const v of versions) row[v] = null;
        byTs.set(p.ts, row);
      }
      row[s.version] = p.value;
      points++;
    }
  }
  const defs: SeriesDef[] = versions.map((v, i) => ({
    key: v,
    label: v || "value",
    color: colors[v] ?? seriesColor(i),
  }));
  return { rows: [...byTs.values()].sort((a, b) => a.ts - b.ts), series: defs, hasData: points > 0, points };
}

/**
 * For a sparkline's accessible name: the latest value (the first series' when versions share the latest hour)
 * and how many hourly values were past the threshold.
 */
export function sparklineSummary(
  series: readonly ColumnSeries[],
  threshold: number | null,
  stattest: string | null,
): { latest: number | null; past: number; total: number } {
  const matching = stattest ? series.filter((s) => s.stattest === stattest) : [];
  const used = matching.length > 0 ? matching : series;
  let latest: TimePoint | null = null;
  let past = 0;
  let total = 0;
  for (const s of used)
    for (const p of s.points) {
      total++;
      if (isPastThreshold(p.value, threshold, stattest)) past++;
      if (!latest || p.ts > latest.ts) latest = p;
    }
  return { latest: latest?.value ?? null, past, total };
}

/**
 * p-values on a log axis: the axis floor (a power of ten at or below the smallest positive p-value and a tenth of
 * the threshold, at least 1e-12) and the rows with every value below it (0 included) raised to it, so the
 * threshold sits visibly above drifted hours instead of every small p-value lying on the zero line.
 */
export function logPValueRows(
  rows: readonly SeriesRow[],
  keys: readonly string[],
  threshold: number | null,
): { rows: SeriesRow[]; floor: number } {
  let min = Number.POSITIVE_INFINITY;
  for (const r of rows)
    for (const k of keys) {
      const v = r[k];
      if (typeof v === "number" && v > 0 && v < min) min = v;
    }
  const limit = Math.min(fin(threshold) && threshold > 0 ? threshold / 10 : 0.01, min);
  const floor = Math.max(1e-12, 10 ** Math.floor(Math.log10(limit)));
  const out = rows.map((r) => {
    const row = { ...r };
    for (const k of keys) {
      const v = row[k];
      if (typeof v === "number" && Number.isFinite(v)) row[k] = Math.min(1, Math.max(floor, v));
    }
    return row;
  });
  return { rows: out, floor };
}

/** Ticks of a log p-value axis: powers of ten from the floor to 1, at most `max` of them. */
export function logTicks(floor: number, max = 6): number[] {
  const lo = Math.round(Math.log10(floor));
  const n = -lo + 1;
  const every = Math.max(1, Math.ceil(n / max));
  const ticks: number[] = [];
  for (let e = 0; e >= lo; e -= every) ticks.unshift(10 ** e);
  return ticks;
}

/** Upper end of a share axis (0..1): a little above the largest value or reference, at least 5%. */
export function shareAxisMax(
  rows: readonly SeriesRow[],
  keys: readonly string[],
  reference: number | null,
): number {
  let max = fin(reference) ? reference : 0;
  for (const r of rows)
    for (const k of keys) {
      const v = r[k];
      if (typeof v === "number" && Number.isFinite(v) && v > max) max = v;
    }
  return Math.min(1, Math.max(0.05, Math.ceil(max * 1.2 * 20) / 20));
}

/** Distribution bins → bar rows; `hasData` false when both sides are empty. */
export function prepareDistribution(bins: readonly DistributionBin[]): {
  rows: Array<{ label: string; reference: number; current: number }>;
  hasData: boolean;
} {
  const rows = bins.map((b) => ({
    label: b.label,
    reference: fin(b.reference) ? b.reference : 0,
    current: fin(b.current) ? b.current : 0,
  }));
  return { rows, hasData: rows.some((r) => r.reference > 0 || r.current > 0) };
}
