// Case types, evaluation times and the spec → case expansion shared by the query lists. Ids are stable: the
// ratchet in passing.json refers to them, so rename only together with that file.
import { END_MS } from "./data";

export const MIN = 60_000;

export type Evaluation =
  | { type: "instant"; timeMs: number }
  | { type: "range"; startMs: number; endMs: number; stepMs: number };

export interface ParityCase {
  id: string;
  query: string;
  eval: Evaluation;
  /** Prometheus rejects it (parse or execution error); Vigil must reject it too. */
  expectError: boolean;
  /** Instant sort()/sort_desc(): the order of the result is part of the answer. */
  ordered: boolean;
}

/** Instant evaluation times: off the scrape grid, at the end, and after it (lookback still finds samples). */
export const T = {
  main: END_MS - 7 * MIN - 500,
  end: END_MS,
  /** 4m after the last sample: still inside the 5m lookback. */
  after: END_MS + 4 * MIN,
  /** 6m after: nothing is left. */
  gone: END_MS + 6 * MIN,
  /** Inside the 7.5m gap of demo_memory_usage_bytes{instance=~".*10002",type="buffers"}. */
  gap: END_MS - 41 * MIN,
};

/** Range evaluations: the last hour at 30s (the default), a fine one running past the end, an unaligned one. */
export const R = {
  main: { startMs: END_MS - 60 * MIN, endMs: END_MS, stepMs: 30_000 },
  fine: { startMs: END_MS - 15 * MIN, endMs: END_MS + 6 * MIN, stepMs: 10_000 },
  odd: { startMs: END_MS - 50 * MIN + 7_000, endMs: END_MS - 5 * MIN, stepMs: 17_000 },
};
type RangeName = keyof typeof R;
type TimeName = keyof typeof T;

export interface Spec {
  id: string;
  query: string;
  /** Instant times to run at; default ["main"] unless only a range is wanted. */
  times?: TimeName[];
  ranges?: RangeName[];
  /** Which evaluations: default both. */
  only?: "instant" | "range";
  error?: boolean;
  ordered?: boolean;
}

export function spec(id: string, query: string, opts: Omit<Spec, "id" | "query"> = {}): Spec {
  return { id, query, ...opts };
}

/** One case per evaluation: `<id>/i` (or `/i.<time>`) and `/r` (or `/r.<range>`). */
export function expand(s: Spec): ParityCase[] {
  const out: ParityCase[] = [];
  const base = { query: s.query, expectError: s.error ?? false, ordered: s.ordered ?? false };
  if (s.only !== "range") {
    const times = s.times ?? ["main"];
    for (const t of times) {
      const id = times.length === 1 && t === "main" ? `${s.id}/i` : `${s.id}/i.${t}`;
      out.push({ id, ...base, eval: { type: "instant", timeMs: T[t] } });
    }
  }
  if (s.only !== "instant") {
    const ranges = s.ranges ?? ["main"];
    for (const r of ranges) {
      const id = ranges.length === 1 && r === "main" ? `${s.id}/r` : `${s.id}/r.${r}`;
      out.push({ id, ...base, eval: { type: "range", ...R[r] } });
    }
  }
  return out;
}
