// Per-sample timestamp checks. A rejected sample is dropped alone (its series' other samples are kept) and
// reported with a message naming the series and the timestamp.
// Future limit: Prometheus's receiver refuses samples more than 10 minutes ahead (maxAheadTime); Mimir calls
// this "sample too far in the future" (-validation.create-grace-period).
import { formatSeries, type ResolvedLabels } from "./labels";

/** Largest |timestamp| accepted: what a JavaScript Date can hold (±8.64e15 ms, ~±275,000 years). */
export const MAX_TIMESTAMP_MS = 8.64e15;
export const DEFAULT_MAX_FUTURE_MS = 10 * 60 * 1000;

export interface TimeWindowOptions {
  /** The receiver's clock; default Date.now(). */
  nowMs?: number;
  /** How far past nowMs a timestamp may be; default 10 minutes. */
  maxFutureMs?: number;
}

/** The accepted timestamps, [min, max] inclusive; compute once per request. */
export interface TimeWindow {
  min: number;
  max: number;
  nowMs: number;
  maxFutureMs: number;
}

export function timeWindow(opts: TimeWindowOptions = {}): TimeWindow {
  const nowMs = opts.nowMs ?? Date.now();
  const maxFutureMs = opts.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS;
  return { min: -MAX_TIMESTAMP_MS, max: Math.min(nowMs + maxFutureMs, MAX_TIMESTAMP_MS), nowMs, maxFutureMs };
}

/** The hot-path check: `ts >= window.min && ts <= window.max` (timestamps decode as integers). */
export function timestampOk(ts: number, window: TimeWindow): boolean {
  return ts >= window.min && ts <= window.max;
}

/** Why a sample's timestamp is refused, naming series and timestamp; null when it is accepted. */
export function sampleTimeError(ts: number, window: TimeWindow, series: ResolvedLabels): string | null {
  if (timestampOk(ts, window)) return null;
  const name = formatSeries(series);
  if (ts > window.max && ts <= MAX_TIMESTAMP_MS)
    return `sample too far in the future: timestamp ${ts} (${new Date(ts).toISOString()}) is more than ${describeMs(window.maxFutureMs)} ahead of the receiver's clock (${new Date(window.nowMs).toISOString()}), series ${name}`;
  return `sample timestamp ${ts} is out of range (must be within ±${MAX_TIMESTAMP_MS} ms of the epoch), series ${name}`;
}

function describeMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
