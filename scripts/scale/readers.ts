// The dashboard readers of the load: `config.readers` concurrent loops, each making one request every ~2 s,
// in turn: the models list, the quality of the last day, drift of the last minutes against the run's start, a
// query_range, the experiment's results and the shadow comparison of the last minutes.
import type { Outcome } from "./request-log";
import { MODEL } from "./rows";

export interface ReaderConfig {
  readers: number;
  shadowId: number;
  experimentKey: string;
  referenceFrom: number;
  referenceTo: number;
}

type Send = (
  path: string,
  init: RequestInit,
  kind: string,
) => Promise<{ status: number; outcome: Outcome; body: string }>;

const PERIOD_MS = 2000;
/** The drift and shadow readers look at the last this many ms (after the drift reference, for drift). */
export const RECENT_MS = 5 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** The request a reader makes on its `turn`-th round, at `now` (epoch ms). */
export function readerRequest(
  turn: number,
  now: number,
  c: Pick<ReaderConfig, "shadowId" | "experimentKey" | "referenceFrom" | "referenceTo">,
): { name: string; path: string } {
  const recent = now - RECENT_MS;
  switch (turn % 6) {
    case 0:
      return { name: "models", path: "/api/v1/models" };
    case 1:
      return { name: "quality", path: `/api/v1/models/${MODEL}/quality?${q({ window: "1h" })}` };
    case 2: {
      // Drift needs a current range after the reference; before there is one, the reader lists models.
      const from = Math.max(recent, c.referenceTo);
      if (now - from < 5000) return { name: "models", path: "/api/v1/models" };
      return {
        name: "drift",
        path: `/api/v1/models/${MODEL}/drift?${q({ from: iso(from), to: iso(now), referenceFrom: iso(c.referenceFrom), referenceTo: iso(c.referenceTo) })}`,
      };
    }
    case 3:
      return {
        name: "query_range",
        path: `/api/v1/query_range?${q({
          query: `sum by (version) (vigil_predictions_total{model="${MODEL}",window="1h"})`,
          start: String(Math.floor((now - 3600_000) / 1000)),
          end: String(Math.floor(now / 1000)),
          step: "15",
        })}`,
      };
    case 4:
      return { name: "experiment", path: `/api/v1/experiments/${c.experimentKey}/results` };
    default:
      return {
        name: "shadow",
        path: `/api/v1/shadows/${c.shadowId}/comparison?${q({ from: iso(recent), to: iso(now) })}`,
      };
  }
}

export function startReaders(config: ReaderConfig, send: Send) {
  let stopping = false;
  const counts: Record<string, Record<string, number>> = {};
  const loop = async (reader: number) => {
    await new Promise((r) => setTimeout(r, Math.random() * PERIOD_MS)); // spread the readers over the period
    for (let turn = reader; !stopping; turn++) {
      const began = Date.now();
      const { name, path } = readerRequest(turn, began, config);
      const res = await send(path, { method: "GET" }, `read:${name}`);
      counts[name] ??= {};
      const bucket = counts[name];
      const key = res.outcome === "ok" ? String(res.status) : `${res.outcome}:${res.status}`;
      bucket[key] = (bucket[key] ?? 0) + 1;
      const wait = PERIOD_MS * (0.9 + Math.random() * 0.2) - (Date.now() - began);
      if (wait > 0 && !stopping) await new Promise((r) => setTimeout(r, wait));
    }
  };
  const loops = Array.from({ length: config.readers }, (_, i) => loop(i));
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
    },
    counts: () => counts,
  };
}
