"use client";
// The Serving tab's data: the model's serving endpoints (GET /api/v1/serving-endpoints?model=), the latency
// percentiles logged with its predictions (GET /api/v1/models/{model}/latency) and PromQL range queries against
// Vigil or an external data source. Live ranges refresh every 30 s; the previous result stays while a new one loads.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { LatencyResponse } from "@/lib/charts/serving";
import type { EndpointInfo } from "@/lib/charts/serving-endpoints";
import { ApiError, fetchJson, retryServerErrors } from "./fetch-json";
import { LIVE_REFRESH_MS } from "./use-models";
import { fetchPromRun } from "./use-prom-query";

export type { EndpointInfo, LatencyResponse };

/** A 404 (a server without the endpoints API) reads as "none registered"; other errors are reported. */
export function useServingEndpoints(model: string) {
  return useQuery({
    queryKey: ["serving-endpoints", { model }] as const,
    queryFn: async ({ signal }) => {
      try {
        return await fetchJson<{ endpoints: EndpointInfo[] }>(
          `/api/v1/serving-endpoints?${new URLSearchParams({ model })}`,
          signal,
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return { endpoints: [] };
        throw error;
      }
    },
    refetchInterval: LIVE_REFRESH_MS,
    retry: retryServerErrors,
  });
}

export interface LatencyParams {
  model: string;
  from: string;
  to: string;
  stepSeconds: number;
  version: string | null;
}

export function latencyUrl(p: LatencyParams): string {
  const q = new URLSearchParams({ from: p.from, to: p.to, step: String(p.stepSeconds) });
  if (p.version) q.set("version", p.version);
  return `/api/v1/models/${encodeURIComponent(p.model)}/latency?${q}`;
}

export function useModelLatency(p: LatencyParams, options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: ["models", p.model, "latency", { ...p }] as const,
    queryFn: ({ signal }) => fetchJson<LatencyResponse>(latencyUrl(p), signal),
    refetchInterval: options.live === false ? false : LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}

export interface SeriesRun {
  /** null: nothing to ask (no endpoint, or the server kind has no such series). */
  query: string | null;
  start: number;
  end: number;
  step: number;
  /** External data source name; null = Vigil's own store. */
  datasource: string | null;
}

/** One PromQL range query; its data, or the query's error (shown in the chart instead of retrying forever). */
export function useServingSeries(run: SeriesRun, options: { live?: boolean } = {}) {
  const { query, datasource, ...window } = run;
  const resolved = query ? { mode: "graph" as const, query, ...window, ds: datasource } : null;
  return useQuery({
    queryKey: ["prom", "serving", resolved] as const,
    queryFn: async ({ signal }) => (await fetchPromRun(resolved!, signal)).data,
    enabled: resolved !== null,
    refetchInterval: options.live === false ? false : LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}
