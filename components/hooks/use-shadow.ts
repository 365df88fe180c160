"use client";
// The Shadows tab's data: GET /api/v1/models/{model}/shadows (the list), /api/v1/shadows/{id}/comparison (one
// shadow against production over the page's range), …/predictions (a sample of disagreeing rows) and the hourly
// vigil_shadow_agreement series through /api/v1/query_range. Live ranges refresh every 30 s.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { SeriesWindow } from "@/lib/charts/drift";
import type { ShadowComparison, ShadowListItem, ShadowPredictionsPage } from "@/lib/charts/shadow";
import { fetchJson, retryServerErrors } from "./fetch-json";
import { LIVE_REFRESH_MS } from "./use-models";
import { fetchPromRun } from "./use-prom-query";

export type { ShadowComparison, ShadowListItem, ShadowPredictionsPage } from "@/lib/charts/shadow";

export interface ShadowRangeParams {
  id: number;
  from: string;
  to: string;
}

export function shadowsUrl(model: string): string {
  return `/api/v1/models/${encodeURIComponent(model)}/shadows`;
}

export function comparisonUrl(p: ShadowRangeParams): string {
  return `/api/v1/shadows/${p.id}/comparison?${new URLSearchParams({ from: p.from, to: p.to })}`;
}

export function shadowPredictionsUrl(p: ShadowRangeParams & { disagreeing: boolean; limit: number }): string {
  const q = new URLSearchParams({ from: p.from, to: p.to, limit: String(p.limit) });
  if (p.disagreeing) q.set("disagreeing", "true");
  return `/api/v1/shadows/${p.id}/predictions?${q}`;
}

/** The model's shadows; refreshed while a backfill runs so its progress moves. */
export function useShadows(model: string, options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: ["models", model, "shadows"] as const,
    queryFn: ({ signal }) => fetchJson<{ shadows: ShadowListItem[] }>(shadowsUrl(model), signal),
    refetchInterval: (q) => {
      const running = q.state.data?.shadows.some(
        (s) => s.backfillState === "running" || s.backfill?.state === "running",
      );
      return running ? 5_000 : options.live === false ? false : LIVE_REFRESH_MS;
    },
    retry: retryServerErrors,
  });
}

export function useShadowComparison(p: ShadowRangeParams | null, options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: ["shadows", p?.id ?? null, "comparison", { from: p?.from, to: p?.to }] as const,
    queryFn: ({ signal }) => fetchJson<ShadowComparison>(comparisonUrl(p!), signal),
    enabled: p !== null,
    refetchInterval: options.live === false ? false : LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}

export function useShadowPredictions(
  p: (ShadowRangeParams & { disagreeing: boolean; limit: number }) | null,
  options: { live?: boolean } = {},
) {
  return useQuery({
    queryKey: [
      "shadows",
      p?.id ?? null,
      "predictions",
      { from: p?.from, to: p?.to, disagreeing: p?.disagreeing, limit: p?.limit },
    ] as const,
    queryFn: ({ signal }) => fetchJson<ShadowPredictionsPage>(shadowPredictionsUrl(p!), signal),
    enabled: p !== null,
    refetchInterval: options.live === false ? false : LIVE_REFRESH_MS * 2,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}

/** One PromQL range query over hour-aligned steps (the shadow series are hourly). */
export function useShadowSeries(
  query: string | null,
  window: SeriesWindow,
  options: { live?: boolean } = {},
) {
  const run = query ? { mode: "graph" as const, query, ...window, ds: null } : null;
  return useQuery({
    queryKey: ["prom", "shadow", run] as const,
    queryFn: async ({ signal }) => (await fetchPromRun(run!, signal)).data,
    enabled: run !== null,
    refetchInterval: options.live === false ? false : LIVE_REFRESH_MS * 2,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}
