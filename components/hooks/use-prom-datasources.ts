"use client";
// GET /api/v1/datasources — external Prometheus-compatible sources the explore page can query instead of
// Vigil's own series (credentials stay on the server; only names and URLs come back).
import { useQuery } from "@tanstack/react-query";
import type { DataSourceList } from "@/lib/api/types";
import { fetchJson, retryServerErrors } from "./fetch-json";

export function useDataSources() {
  return useQuery({
    queryKey: ["datasources"] as const,
    queryFn: ({ signal }) => fetchJson<DataSourceList>("/api/v1/datasources", signal),
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}
