// Range and step of an explore graph: duration strings as PromQL writes them ("15s", "1h30m", "7d") and
// the automatic step (range / 250 rounded up to a nice value, never below 1s).

export const EXPLORE_RANGES = ["5m", "15m", "1h", "6h", "24h", "7d"] as const;
export type ExploreRangePreset = (typeof EXPLORE_RANGES)[number];
export const DEFAULT_EXPLORE_RANGE: ExploreRangePreset = "1h";
export const TARGET_POINTS = 250;

const UNIT_SECONDS: Record<string, number> = {
  y: 365 * 86_400,
  w: 7 * 86_400,
  d: 86_400,
  h: 3_600,
  m: 60,
  s: 1,
  ms: 0.001,
};
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_ORDER = ["y", "w", "d", "h", "m", "s", "ms"] as const;

/** "1h30m" / "15s" / "7d" or plain seconds ("30", "0.5") → seconds; null when it is not a positive duration. */
export function parseDuration(text: string | null | undefined): number | null {
  const s = (text ?? "").trim();
  if (!s) return null;
  if (/^\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return n > 0 ? n : null;
  }
  const m = DURATION.exec(s);
  if (!m) return null;
  let total = 0;
  UNIT_ORDER.forEach((unit, i) => {
    const part = m[i + 1];
    if (part) total += Number(part) * UNIT_SECONDS[unit]!;
  });
  return total > 0 ? total : null;
}

/** Seconds → the shortest PromQL duration: 90 → "1m30s", 86400 → "1d", 0.25 → "250ms". */
export function formatPromDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return "0s";
  let ms = Math.round(seconds * 1000);
  let out = "";
  for (const unit of ["w", "d", "h", "m", "s"] as const) {
    const size = UNIT_SECONDS[unit]! * 1000;
    const q = Math.floor(ms / size);
    if (q > 0) {
      out += `${q}${unit}`;
      ms -= q * size;
    }
  }
  if (ms > 0) out += `${ms}ms`;
  return out;
}

/** Nice steps, in seconds: the auto step is the first one at least range / TARGET_POINTS. */
export const NICE_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800,
  604_800,
];

export function autoStep(rangeSeconds: number, points = TARGET_POINTS): number {
  if (!Number.isFinite(rangeSeconds) || rangeSeconds <= 0) return 1;
  const raw = rangeSeconds / points;
  const nice = NICE_STEPS.find((s) => s >= raw);
  return nice ?? Math.ceil(raw / 604_800) * 604_800;
}
