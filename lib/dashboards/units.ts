// Panel values as people read them: units (percent, durations, bytes, rates), decimals, and the colour of a
// value by the panel's thresholds. Pure; numbers through Intl with the app's fixed locale.
import { DEFAULT_LOCALE } from "../charts/format";
import { formatPromValue } from "../charts/prom-result";
import { NAMED_COLORS, type Threshold, type Unit } from "./schema";

const DASH = "—";

function fixed(v: number, decimals: number | undefined, auto = 2): string {
  const digits = decimals ?? (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : auto);
  return new Intl.NumberFormat(DEFAULT_LOCALE, {
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: digits,
  }).format(v);
}

/** 1234567 → "1.23M": SI-compact, `decimals` fraction digits (default: up to 2). */
function short(v: number, decimals: number | undefined): string {
  return new Intl.NumberFormat(DEFAULT_LOCALE, {
    notation: "compact",
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? 2,
  }).format(v);
}

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

function bytes(v: number, decimals: number | undefined, suffix = ""): string {
  let i = 0;
  let n = Math.abs(v);
  while (n >= 1024 && i < BYTE_UNITS.length - 1) {
    n /= 1024;
    i++;
  }
  return `${fixed(Math.sign(v) * n, decimals, i === 0 ? 0 : 1)} ${BYTE_UNITS[i]}${suffix}`;
}

/** Seconds → the largest unit that keeps the number ≥ 1: "850 µs", "12.5 ms", "3.2 s", "4.5 min", "2.1 h", "3 d". */
function duration(seconds: number, decimals: number | undefined): string {
  const abs = Math.abs(seconds);
  const steps: Array<[number, string]> = [
    [86_400, "d"],
    [3_600, "h"],
    [60, "min"],
    [1, "s"],
    [0.001, "ms"],
    [0.000_001, "µs"],
  ];
  if (abs === 0) return `${fixed(0, decimals, 0)} s`;
  const [size, name] = steps.find(([s]) => abs >= s) ?? steps[steps.length - 1]!;
  return `${fixed(seconds / size, decimals, 1)} ${name}`;
}

/** A value with its panel's unit and decimals; NaN/±Inf spelled as Prometheus does, null as a dash. */
export function formatValue(v: number | null | undefined, unit: Unit | undefined, decimals?: number): string {
  if (v === null || v === undefined) return DASH;
  if (!Number.isFinite(v)) return formatPromValue(v);
  switch (unit ?? "none") {
    case "none":
      return decimals === undefined ? formatPromValue(v, 4) : fixed(v, decimals);
    case "short":
      return short(v, decimals);
    case "percent":
      return `${fixed(v, decimals, 1)}%`;
    case "percentunit":
      return `${fixed(v * 100, decimals, 1)}%`;
    case "s":
      return duration(v, decimals);
    case "ms":
      return duration(v / 1000, decimals);
    case "us":
      return duration(v / 1_000_000, decimals);
    case "bytes":
      return bytes(v, decimals);
    case "Bps":
      return bytes(v, decimals, "/s");
    case "reqps":
      return `${short(v, decimals)} req/s`;
    case "ops":
      return `${short(v, decimals)} ops/s`;
    case "celsius":
      return `${fixed(v, decimals, 1)} °C`;
    case "watt":
      return `${short(v, decimals)} W`;
  }
}

/** Axis ticks: the same units, fewer digits. */
export function formatAxis(v: number, unit: Unit | undefined): string {
  if (!Number.isFinite(v)) return formatPromValue(v);
  if ((unit ?? "none") === "none") {
    return Math.abs(v) >= 1000
      ? new Intl.NumberFormat(DEFAULT_LOCALE, { notation: "compact", maximumFractionDigits: 1 }).format(v)
      : formatPromValue(v, 3);
  }
  return formatValue(v, unit);
}

/** A threshold's colour as CSS: a named palette colour or #rrggbb. */
export function thresholdCss(color: string): string {
  return Object.hasOwn(NAMED_COLORS, color) ? NAMED_COLORS[color as keyof typeof NAMED_COLORS] : color;
}

/** Thresholds from the lowest value up. */
export function sortedThresholds(thresholds: readonly Threshold[] | undefined): Threshold[] {
  return [...(thresholds ?? [])].sort((a, b) => a.value - b.value);
}

/**
 * The colour of `v`: that of the highest threshold whose value it reaches (v ≥ threshold), or `base` below
 * them all (and for no value).
 */
export function colorFor(
  v: number | null,
  thresholds: readonly Threshold[] | undefined,
  base: string,
): string {
  if (v === null || Number.isNaN(v)) return base;
  let color = base;
  for (const t of sortedThresholds(thresholds)) if (v >= t.value) color = thresholdCss(t.color);
  return color;
}
