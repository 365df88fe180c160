"use client";
// GET /api/v1/models — every model with its 24h volume, health and per-version quality. Live: 30 s.
import { useQuery } from "@tanstack/react-query";
import { fetchJson, retryServerErrors } from "./fetch-json";
import { queryKeys } from "./query-keys";
import type { ModelsResponse } from "./types";

export const LIVE_REFRESH_MS = 30_000;

export function useModels() {
  return useQuery({
    queryKey: queryKeys.models(),
    queryFn: ({ signal }) => fetchJson<ModelsResponse>("/api/v1/models", signal),
    refetchInterval: LIVE_REFRESH_MS,
    retry: retryServerErrors,
  });
}
