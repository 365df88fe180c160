// The explore page's state as kept in the URL (`/explore?q=…&mode=graph&range=1h`), and the query
// strings it sends to /api/v1/query and /api/v1/query_range.
import { autoStep, DEFAULT_EXPLORE_RANGE, formatPromDuration, parseDuration } from "./prom-step";

export type ExploreMode = "table" | "graph";

export interface ExploreState {
  q: string;
  mode: ExploreMode;
  /** Graph range as a PromQL duration ("1h", "3d12h"). */
  range: string;
  /** Graph end (ISO); null = now. */
  end: string | null;
  /** Table evaluation time (ISO); null = now. */
  time: string | null;
  /** Step override as a duration; null = auto. */
  step: string | null;
  stacked: boolean;
  /** External data source name; null = Vigil's own series. */
  ds: string | null;
}

type ParamReader = { get(name: string): string | null };

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Reads the state; anything invalid falls back to its default. */
export function parseExplore(params: ParamReader): ExploreState {
  const range = params.get("range");
  const step = params.get("step");
  return {
    q: params.get("q") ?? "",
    mode: params.get("mode") === "graph" ? "graph" : "table",
    range: range && parseDuration(range) !== null ? range : DEFAULT_EXPLORE_RANGE,
    end: isoOrNull(params.get("end")),
    time: isoOrNull(params.get("time")),
    step: step && parseDuration(step) !== null ? step : null,
    stacked: params.get("stacked") === "1",
    ds:
      /^[a-z0-9][a-z0-9_-]{0,63}$/.test(params.get("ds") ?? "") && params.get("ds") !== "vigil"
        ? params.get("ds")
        : null,
  };
}

/** The query string (without "?"); defaults are left out so links stay short. */
export function exploreSearch(s: ExploreState): string {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  if (s.ds) p.set("ds", s.ds);
  p.set("mode", s.mode);
  if (s.mode === "graph") {
    p.set("range", s.range);
    if (s.end) p.set("end", s.end);
    if (s.step) p.set("step", s.step);
    if (s.stacked) p.set("stacked", "1");
  } else if (s.time) {
    p.set("time", s.time);
  }
  return p.toString();
}

/** A run: the state with its times resolved at the moment the query was run. */
export interface ResolvedRun {
  mode: ExploreMode;
  query: string;
  /** Unix seconds: evaluation time (table) or range end (graph). */
  end: number;
  start: number;
  step: number;
  ds: string | null;
}

export function resolveRun(s: ExploreState, nowMs: number): ResolvedRun {
  const rangeS = parseDuration(s.range) ?? parseDuration(DEFAULT_EXPLORE_RANGE)!;
  const endMs =
    s.mode === "graph" ? (s.end ? Date.parse(s.end) : nowMs) : s.time ? Date.parse(s.time) : nowMs;
  const end = Math.round(endMs) / 1000;
  const step = (s.step ? parseDuration(s.step) : null) ?? autoStep(rangeS);
  return { mode: s.mode, query: s.q, end, start: end - rangeS, step, ds: s.ds };
}

/** The API request for a run. */
export function runUrl(r: ResolvedRun): string {
  const source: Record<string, string> = r.ds ? { datasource: r.ds } : {};
  if (r.mode === "table") {
    return `/api/v1/query?${new URLSearchParams({ query: r.query, time: String(r.end), ...source })}`;
  }
  const p = new URLSearchParams({
    query: r.query,
    start: String(r.start),
    end: String(r.end),
    step: String(r.step),
    ...source,
  });
  return `/api/v1/query_range?${p}`;
}

/** "auto (15s)" text for the step field's placeholder. */
export function autoStepLabel(range: string): string {
  const seconds = parseDuration(range);
  return seconds === null ? "auto" : `auto (${formatPromDuration(autoStep(seconds))})`;
}
