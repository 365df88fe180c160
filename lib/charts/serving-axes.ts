// The Serving tab's axes and units: ms, requests per second and utilization, time ticks over the shared domain,
// the share axis, and the lone points a line cannot show.
import { DEFAULT_LOCALE } from "./format";
import type { SeriesRow } from "./types";

// ——— Units ———

const numberFormat = (maximumFractionDigits: number) =>
  new Intl.NumberFormat(DEFAULT_LOCALE, { maximumFractionDigits });

/** Milliseconds with up to two decimals below 1000 (19.05 ms), whole and grouped above (1,250 ms). */
export function formatMs(v: number): string {
  if (!Number.isFinite(v)) return "—";
  return `${numberFormat(Math.abs(v) < 1000 ? 2 : 0).format(v)} ms`;
}

/** Requests per second: two decimals below 100 (0.5/s), compact above (1.2K/s). */
export function formatRate(v: number): string {
  if (!Number.isFinite(v)) return "—";
  if (Math.abs(v) < 100) return `${numberFormat(2).format(v)}/s`;
  return `${new Intl.NumberFormat(DEFAULT_LOCALE, { notation: "compact", maximumFractionDigits: 1 }).format(v)}/s`;
}

/** Utilization in percent (0–100) → "42%", "7.5%". */
export function formatUtilization(v: number): string {
  if (!Number.isFinite(v)) return "—";
  return `${numberFormat(Math.abs(v) < 10 ? 1 : 0).format(v)}%`;
}

/**
 * Row indexes where a series has a value but no neighbour with one: a line cannot show such a point (a bucket of
 * sparse traffic between empty ones), so the chart draws a dot there. With `connected` lines only a series'
 * single point is isolated.
 */
export function isolatedPoints(
  rows: readonly SeriesRow[],
  keys: readonly string[],
  connected = false,
): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const has = (i: number, k: string) => typeof rows[i]?.[k] === "number";
  for (const k of keys) {
    const set = new Set<number>();
    const present = rows.flatMap((_, i) => (has(i, k) ? [i] : []));
    if (connected) {
      if (present.length === 1) set.add(present[0]!);
    } else {
      for (const i of present) if (!has(i - 1, k) && !has(i + 1, k)) set.add(i);
    }
    out.set(k, set);
  }
  return out;
}

const TICK_STEPS_MS = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10_080].map((m) => m * 60_000);

/** Ticks over a fixed time domain: whole multiples of a round interval, at most `max` of them. */
export function timeTicks(domain: readonly [number, number], max = 8): number[] {
  const [from, to] = domain;
  if (!(to > from)) return [];
  const span = to - from;
  const every = TICK_STEPS_MS.find((s) => span / s <= max) ?? Math.ceil(span / max / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / every) * every; t <= to; t += every) ticks.push(t);
  return ticks;
}

/** y-axis bounds for a share in [0, 1]: the data's range widened to tenths, never past 0 or 1. */
export const SHARE_DOMAIN: [(min: number) => number, (max: number) => number] = [
  (min) => Math.max(0, Math.floor(min * 10) / 10),
  (max) => Math.min(1, Math.ceil(max * 10) / 10),
];
