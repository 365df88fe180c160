// Time ranges of a model page, as kept in the URL: `?range=7d` or `?from=ISO&to=ISO`, plus `&version=`.

export const RANGE_PRESETS = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
} as const;

export type RangePreset = keyof typeof RANGE_PRESETS;
export const PRESET_KEYS = Object.keys(RANGE_PRESETS) as RangePreset[];
export const DEFAULT_PRESET: RangePreset = "24h";

export type RangeSelection =
  | { kind: "preset"; preset: RangePreset }
  | { kind: "custom"; from: string; to: string };

export interface ResolvedRange {
  from: string;
  to: string;
  window: "1h" | "1d";
  spanMs: number;
}

type ParamReader = { get(name: string): string | null };

function isPreset(s: string | null): s is RangePreset {
  return s !== null && Object.hasOwn(RANGE_PRESETS, s);
}

/** Read the range from URL search params; anything invalid falls back to the default preset. */
export function parseRange(params: ParamReader): RangeSelection {
  const from = params.get("from");
  const to = params.get("to");
  if (from && to) {
    const f = Date.parse(from);
    const t = Date.parse(to);
    if (Number.isFinite(f) && Number.isFinite(t) && f < t) {
      return { kind: "custom", from: new Date(f).toISOString(), to: new Date(t).toISOString() };
    }
  }
  const range = params.get("range");
  return { kind: "preset", preset: isPreset(range) ? range : DEFAULT_PRESET };
}

/** Hourly windows up to 7 days, daily beyond. */
export function windowFor(spanMs: number): "1h" | "1d" {
  return spanMs <= RANGE_PRESETS["7d"] ? "1h" : "1d";
}

/** Concrete from/to. Presets end at `now` rounded up to the minute so query keys are stable for a minute. */
export function resolveRange(sel: RangeSelection, now: number): ResolvedRange {
  if (sel.kind === "custom") {
    const spanMs = Date.parse(sel.to) - Date.parse(sel.from);
    return { from: sel.from, to: sel.to, window: windowFor(spanMs), spanMs };
  }
  const spanMs = RANGE_PRESETS[sel.preset];
  const to = Math.ceil(now / 60_000) * 60_000;
  return {
    from: new Date(to - spanMs).toISOString(),
    to: new Date(to).toISOString(),
    window: windowFor(spanMs),
    spanMs,
  };
}

/** The query string for a selection (without "?"), keeping the version filter. */
export function rangeQuery(sel: RangeSelection, version: string | null): string {
  const p = new URLSearchParams();
  if (sel.kind === "custom") {
    p.set("from", sel.from);
    p.set("to", sel.to);
  } else {
    p.set("range", sel.preset);
  }
  if (version) p.set("version", version);
  return p.toString();
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** ISO → value for <input type="datetime-local"> in the browser's local time ("YYYY-MM-DDTHH:mm"). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** <input type="datetime-local"> value (local time) → ISO, or null when empty/invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isFinite(d.getTime()) ? d.toISOString() : null;
}
