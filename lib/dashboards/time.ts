// A dashboard's time range and refresh, as Grafana writes them: `now`, `now-6h`, an ISO date or epoch
// milliseconds; refresh "off" or a duration from a fixed list. Pure: the page, the store's validation and the
// embed all resolve times with these.
import { autoStep, formatPromDuration, parseDuration, TARGET_POINTS } from "../charts/prom-step";

export const REFRESH_INTERVALS = ["off", "10s", "30s", "1m", "5m", "15m", "30m", "1h"] as const;
export type RefreshInterval = (typeof REFRESH_INTERVALS)[number];

export const DEFAULT_TIME = { from: "now-24h", to: "now" } as const;

/** The quick ranges of the time picker, each ending now. */
export const TIME_PRESETS: ReadonlyArray<{ from: string; label: string }> = [
  { from: "now-5m", label: "Last 5 minutes" },
  { from: "now-15m", label: "Last 15 minutes" },
  { from: "now-1h", label: "Last 1 hour" },
  { from: "now-6h", label: "Last 6 hours" },
  { from: "now-12h", label: "Last 12 hours" },
  { from: "now-24h", label: "Last 24 hours" },
  { from: "now-2d", label: "Last 2 days" },
  { from: "now-7d", label: "Last 7 days" },
  { from: "now-30d", label: "Last 30 days" },
];

const RELATIVE = /^now(?:-([0-9a-z]+))?$/;
const EPOCH_MS = /^\d{10,15}$/;
/** An ISO-8601 date, with or without time and zone; Date.parse alone also accepts prose like "March 7". */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `now`, `now-<duration>`, an ISO date or epoch ms → epoch ms; null when it is none of those. */
export function parseTimeExpr(text: string, nowMs: number): number | null {
  const s = text.trim();
  const relative = RELATIVE.exec(s);
  if (relative) {
    if (!relative[1]) return nowMs;
    const seconds = parseDuration(relative[1]);
    return seconds === null || /^\d+(\.\d+)?$/.test(relative[1]) ? null : nowMs - seconds * 1000;
  }
  if (EPOCH_MS.test(s)) return Number(s);
  if (!ISO.test(s)) return null;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : null;
}

export function isTimeExpr(text: string): boolean {
  return parseTimeExpr(text, 0) !== null;
}

export function isRelative(text: string): boolean {
  return RELATIVE.test(text.trim());
}

export interface TimeRange {
  from: string;
  to: string;
}

export interface ResolvedTime {
  fromMs: number;
  toMs: number;
  /** Seconds between them. */
  spanSeconds: number;
}

/** Concrete times; null when either end is not a time or `from` is not before `to`. */
export function resolveTime(range: TimeRange, nowMs: number): ResolvedTime | null {
  const fromMs = parseTimeExpr(range.from, nowMs);
  const toMs = parseTimeExpr(range.to, nowMs);
  if (fromMs === null || toMs === null || fromMs >= toMs) return null;
  return { fromMs, toMs, spanSeconds: (toMs - fromMs) / 1000 };
}

/** "Last 6 hours" for a preset, else "from → to" as written. */
export function timeLabel(range: TimeRange): string {
  if (range.to === "now") {
    const preset = TIME_PRESETS.find((p) => p.from === range.from);
    if (preset) return preset.label;
    const m = RELATIVE.exec(range.from);
    if (m?.[1]) return `Last ${m[1]}`;
  }
  return `${range.from} → ${range.to}`;
}

export function refreshMs(refresh: string): number | null {
  if (refresh === "off") return null;
  const seconds = parseDuration(refresh);
  return seconds === null ? null : seconds * 1000;
}

/** Lower bound of `$__rate_interval`: four scrapes at Vigil's default 15 s interval. */
export const MIN_RATE_INTERVAL_SECONDS = 60;

export interface QueryTiming {
  /** unix seconds */
  start: number;
  end: number;
  /** seconds */
  step: number;
  /** `$__interval`, `$__rate_interval` and `$__range` as PromQL durations */
  interval: string;
  rateInterval: string;
  range: string;
}

/**
 * The range query's frame for a panel: step from the span (about `points` points; fewer for a narrow panel),
 * start and end aligned to the step so a refresh moves whole steps and points do not wobble.
 */
export function queryTiming(time: ResolvedTime, points = TARGET_POINTS): QueryTiming {
  const step = autoStep(time.spanSeconds, Math.max(10, points));
  // Floor both ends (as Grafana does): an end past now would repeat the last sample into the future.
  const start = Math.floor(time.fromMs / 1000 / step) * step;
  const end = Math.max(start, Math.floor(time.toMs / 1000 / step) * step);
  return {
    start,
    end,
    step,
    interval: formatPromDuration(step),
    rateInterval: formatPromDuration(Math.max(4 * step, MIN_RATE_INTERVAL_SECONDS)),
    range: formatPromDuration(Math.max(1, Math.round(time.spanSeconds))),
  };
}
