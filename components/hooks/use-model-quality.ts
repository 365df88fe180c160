"use client";
// GET /api/v1/models/{model}/quality — quality windows per version. Live panels refresh every 30 s;
// the previous result stays on screen while a new range loads.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson, retryServerErrors } from "./fetch-json";
import { type ModelQualityParams, queryKeys } from "./query-keys";
import type { QualityResponse } from "./types";
import { LIVE_REFRESH_MS } from "./use-models";

export function qualityUrl(p: ModelQualityParams): string {
  const q = new URLSearchParams({ from: p.from, to: p.to, window: p.window });
  if (p.version) q.set("version", p.version);
  return `/api/v1/models/${encodeURIComponent(p.model)}/quality?${q}`;
}

export function useModelQuality(p: ModelQualityParams, options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.modelQuality(p),
    queryFn: ({ signal }) => fetchJson<QualityResponse>(qualityUrl(p), signal),
    refetchInterval: options.live === false ? false : LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}
