// Number, time and duration formatting through Intl. Pure; a fixed default locale keeps output stable.

export const DEFAULT_LOCALE = "en-US";
const DASH = "—";

function ok(n: number | null | undefined): n is number {
  return typeof n === "number" && Number.isFinite(n);
}

/** 0.9123 → "91.2%". */
export function formatPercent(value: number | null | undefined, digits = 1, locale = DEFAULT_LOCALE): string {
  if (!ok(value)) return DASH;
  return new Intl.NumberFormat(locale, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** SI-compact counts: 1234 → "1.2K", 3_400_000 → "3.4M". */
export function formatCount(value: number | null | undefined, locale = DEFAULT_LOCALE): string {
  if (!ok(value)) return DASH;
  return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/** Full integer with grouping: 12345 → "12,345". */
export function formatInteger(value: number | null | undefined, locale = DEFAULT_LOCALE): string {
  if (!ok(value)) return DASH;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A metric in [0,1] or unbounded (log loss, MAE): fixed significant precision. */
export function formatMetric(value: number | null | undefined, digits = 3, locale = DEFAULT_LOCALE): string {
  if (!ok(value)) return DASH;
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: Math.abs(value) >= 1000 ? 0 : digits,
    maximumFractionDigits: Math.abs(value) >= 1000 ? 0 : digits,
  }).format(value);
}

/** Seconds → "45s", "3m 20s", "3h 12m", "2d 4h": the two largest units, a zero second unit dropped. */
export function formatDuration(seconds: number | null | undefined): string {
  if (!ok(seconds)) return DASH;
  let rest = Math.max(0, Math.round(seconds));
  const sizes: Array<[string, number]> = [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ];
  const amounts = sizes.map(([name, size]) => {
    const q = Math.floor(rest / size);
    rest -= q * size;
    return [name, q] as const;
  });
  const first = amounts.findIndex(([, q]) => q > 0);
  if (first === -1) return "0s";
  const [n1, q1] = amounts[first]!;
  const next = amounts[first + 1];
  return next && next[1] > 0 ? `${q1}${n1} ${next[1]}${next[0]}` : `${q1}${n1}`;
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** ISO time relative to now: "5 minutes ago", "in 2 hours", "just now". */
export function formatRelativeTime(
  iso: string | null | undefined,
  now: number = Date.now(),
  locale = DEFAULT_LOCALE,
): string {
  if (!iso) return "never";
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return DASH;
  const diff = (t - now) / 1000;
  const abs = Math.abs(diff);
  if (abs < 45) return "just now";
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (abs >= size) return rtf.format(Math.round(diff / size), unit);
  }
  return rtf.format(Math.round(diff / 60), "minute");
}

/** Axis tick for a time axis: hours:minutes for short spans, month/day for long ones. */
export function formatTimeTick(ts: number, spanMs: number, locale = DEFAULT_LOCALE): string {
  const d = new Date(ts);
  if (spanMs <= 36 * 3_600_000) {
    return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hour12: false }).format(d);
  }
  if (spanMs <= 10 * 86_400_000) {
    return new Intl.DateTimeFormat(locale, {
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    }).format(d);
  }
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" }).format(d);
}

/** Full timestamp for tooltips. */
export function formatDateTime(ts: number | string, locale = DEFAULT_LOCALE): string {
  const d = typeof ts === "number" ? new Date(ts) : new Date(Date.parse(ts));
  if (!Number.isFinite(d.getTime())) return DASH;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(d);
}
