"use client";
// The Cluster page's reads: scrape targets (GET /api/v1/scrape-targets), serving endpoints
// (GET /api/v1/serving-endpoints) and the GPU view's two PromQL requests (instant for the table, range for the
// heatmap), on Vigil or on an external data source. Live: targets and endpoints every 15 s, GPUs every 30 s.
import { useQuery } from "@tanstack/react-query";
import type { EndpointInfo } from "@/lib/charts/cluster-endpoints";
import { gpuHeatmapQuery, type HeatmapFrame, heatmapFrame } from "@/lib/charts/gpu-heatmap";
import type { TargetInfo } from "@/lib/cluster/targets";
import { fetchJson, retryServerErrors } from "./fetch-json";
import { fetchPromRun } from "./use-prom-query";

export const CLUSTER_LIVE_MS = 15_000;
export const GPU_LIVE_MS = 30_000;

/** Every cluster query starts with "cluster": one invalidation refreshes the page after a change. */
export const clusterKeys = {
  all: ["cluster"] as const,
  targets: () => ["cluster", "scrape-targets"] as const,
  endpoints: () => ["cluster", "serving-endpoints"] as const,
  gpuInstant: (p: object) => ["cluster", "gpu", "instant", p] as const,
  gpuRange: (p: object) => ["cluster", "gpu", "range", p] as const,
};

/**
 * Whether a previous query (its key) asked the same source. The GPU queries keep showing the previous answer
 * while a new one loads (a new time, a new range), but never across sources: another source's GPUs must not
 * pass for this one's.
 */
function sameSource(key: readonly unknown[] | undefined, source: string | null): boolean {
  const params = key?.at(-1);
  return typeof params === "object" && params !== null && "source" in params && params.source === source;
}

export function useScrapeTargets() {
  return useQuery({
    queryKey: clusterKeys.targets(),
    queryFn: ({ signal }) => fetchJson<{ targets: TargetInfo[] }>("/api/v1/scrape-targets", signal),
    refetchInterval: CLUSTER_LIVE_MS,
    retry: retryServerErrors,
  });
}

export function useServingEndpoints() {
  return useQuery({
    queryKey: clusterKeys.endpoints(),
    queryFn: ({ signal }) => fetchJson<{ endpoints: EndpointInfo[] }>("/api/v1/serving-endpoints", signal),
    refetchInterval: CLUSTER_LIVE_MS,
    retry: retryServerErrors,
  });
}

/**
 * The GPU table's instant query at `time` (unix s), or at the moment of each request when `time` is null (a
 * range that follows now), refreshed every 30 s then.
 */
export function useGpuInstant(query: string, time: number | null, source: string | null) {
  return useQuery({
    queryKey: clusterKeys.gpuInstant({ query, time, source }),
    queryFn: ({ signal }) => {
      const at = time ?? Date.now() / 1000;
      return fetchPromRun({ mode: "table", query, start: at, end: at, step: 1, ds: source }, signal);
    },
    refetchInterval: time === null ? GPU_LIVE_MS : false,
    placeholderData: (previous, query) => (sameSource(query?.queryKey, source) ? previous : undefined),
    retry: retryServerErrors,
  });
}

/** The heatmap's window: fixed times, or the last `spanMs` up to the moment of each request. */
export type HeatmapWindow = { fromMs: number; toMs: number } | { spanMs: number };

/**
 * The heatmap's range query over a frame aligned to its step. A window that follows now gets its frame when
 * the request is made, so a refresh (every 30 s, or after "scrape now") always reaches the newest step.
 */
export function useGpuRange(range: HeatmapWindow, source: string | null) {
  const live = "spanMs" in range;
  return useQuery({
    queryKey: clusterKeys.gpuRange({ ...range, source }),
    queryFn: async ({ signal }) => {
      const frame: HeatmapFrame =
        "spanMs" in range
          ? heatmapFrame(Date.now() - range.spanMs, Date.now())
          : heatmapFrame(range.fromMs, range.toMs);
      const run = await fetchPromRun(
        {
          mode: "graph",
          query: gpuHeatmapQuery(frame.step),
          start: frame.start,
          end: frame.end,
          step: frame.step,
          ds: source,
        },
        signal,
      );
      return { run, frame };
    },
    refetchInterval: live ? GPU_LIVE_MS : false,
    placeholderData: (previous, query) => (sameSource(query?.queryKey, source) ? previous : undefined),
    retry: retryServerErrors,
  });
}
