"use client";
// The Drift tab's data: GET /api/v1/models/{model}/drift (per-column tests), …/drift/config (drift-share
// threshold), …/drift/distribution (one column's reference vs current shares) and the hourly drift series
// through /api/v1/query_range. Live ranges refresh every 30 s; the previous result stays while a new one loads.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { DistributionResponse, DriftConfig, DriftResponse, SeriesWindow } from "@/lib/charts/drift";
import { fetchJson, retryServerErrors } from "./fetch-json";
import { LIVE_REFRESH_MS } from "./use-models";
import { fetchPromRun } from "./use-prom-query";

export type { ColumnDrift, DistributionResponse, DriftConfig, DriftResponse } from "@/lib/charts/drift";

export interface DriftParams {
  model: string;
  from: string;
  to: string;
  version?: string | null;
}

const base = (model: string) => `/api/v1/models/${encodeURIComponent(model)}/drift`;

export function driftUrl(p: DriftParams): string {
  const q = new URLSearchParams({ from: p.from, to: p.to });
  if (p.version) q.set("version", p.version);
  return `${base(p.model)}?${q}`;
}

export function useDrift(p: DriftParams, options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: ["models", p.model, "drift", { from: p.from, to: p.to, version: p.version ?? null }] as const,
    queryFn: ({ signal }) => fetchJson<DriftResponse>(driftUrl(p), signal),
    refetchInterval: options.live === false ? false : LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}

export function useDriftConfig(model: string) {
  return useQuery({
    queryKey: ["models", model, "drift-config"] as const,
    queryFn: ({ signal }) => fetchJson<{ config: DriftConfig }>(`${base(model)}/config`, signal),
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

/** The reference is left to the server (pinned window, uploaded profile or first 7 days), as for …/drift. */
export interface DistributionParams extends DriftParams {
  feature: string;
}

export function distributionUrl(p: DistributionParams): string {
  const q = new URLSearchParams({ feature: p.feature, from: p.from, to: p.to });
  if (p.version) q.set("version", p.version);
  return `${base(p.model)}/distribution?${q}`;
}

/** A 404 means the endpoint (or the column) is not there: the panel says so instead of retrying. */
export function useDriftDistribution(p: DistributionParams, enabled: boolean) {
  return useQuery({
    queryKey: [
      "models",
      p.model,
      "drift-distribution",
      {
        feature: p.feature,
        from: p.from,
        to: p.to,
        version: p.version ?? null,
      },
    ] as const,
    queryFn: ({ signal }) => fetchJson<DistributionResponse>(distributionUrl(p), signal),
    enabled,
    retry: retryServerErrors,
  });
}

/** One PromQL range query over hour-aligned steps (the drift series are hourly). */
export function useDriftSeries(query: string | null, window: SeriesWindow, options: { live?: boolean } = {}) {
  const run = query ? { mode: "graph" as const, query, ...window, ds: null } : null;
  return useQuery({
    queryKey: ["prom", "drift", run] as const,
    queryFn: async ({ signal }) => (await fetchPromRun(run!, signal)).data,
    enabled: run !== null,
    refetchInterval: options.live === false ? false : LIVE_REFRESH_MS * 2,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}
