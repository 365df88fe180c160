"use client";
// The A/B experiment endpoints, one hook each: GET /api/v1/experiments[?model] (the list), GET …/{key},
// GET …/{key}/results (live: every 60 s; "Recompute" asks with refresh=true), POST (create), PATCH (name,
// description, end, stop/resume) and DELETE. Every change marks all experiment queries stale.
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ExperimentListItem } from "@/lib/charts/experiment-list";
import type { ExperimentInfo, ExperimentResults } from "@/lib/experiments/schemas";
import { fetchJson, retryServerErrors, sendJson } from "./fetch-json";
import { queryKeys } from "./query-keys";

export type { ExperimentListItem } from "@/lib/charts/experiment-list";
export type { ExperimentInfo, ExperimentResults } from "@/lib/experiments/schemas";

export const RESULTS_REFRESH_MS = 60_000;
const LIST_REFRESH_MS = 60_000;

const BASE = "/api/v1/experiments";
export const experimentUrl = (key: string) => `${BASE}/${encodeURIComponent(key)}`;
export const resultsUrl = (key: string, refresh = false) =>
  `${experimentUrl(key)}/results${refresh ? "?refresh=true" : ""}`;
export const experimentsUrl = (model: string | null) =>
  model ? `${BASE}?${new URLSearchParams({ model })}` : BASE;

function invalidateExperiments(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: ["experiments"] });
}

export function useExperiments(model: string | null) {
  return useQuery({
    queryKey: queryKeys.experiments(model),
    queryFn: ({ signal }) => fetchJson<{ experiments: ExperimentListItem[] }>(experimentsUrl(model), signal),
    refetchInterval: LIST_REFRESH_MS,
    retry: retryServerErrors,
  });
}

export function useExperiment(key: string) {
  return useQuery({
    queryKey: queryKeys.experiment(key),
    queryFn: ({ signal }) => fetchJson<{ experiment: ExperimentInfo }>(experimentUrl(key), signal),
    retry: retryServerErrors,
  });
}

export function useExperimentResults(key: string) {
  return useQuery({
    queryKey: queryKeys.experimentResults(key),
    queryFn: ({ signal }) => fetchJson<ExperimentResults>(resultsUrl(key), signal),
    refetchInterval: RESULTS_REFRESH_MS,
    retry: retryServerErrors,
  });
}

/** Recompute now (refresh=true) and put the answer where the results query reads it. */
export function useRecomputeResults(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<ExperimentResults>(resultsUrl(key, true)),
    onSuccess: (results) => client.setQueryData(queryKeys.experimentResults(key), results),
  });
}

export function useCreateExperiment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      sendJson<{ experiment: ExperimentInfo }>("POST", BASE, body),
    onSuccess: () => invalidateExperiments(client),
  });
}

export function useUpdateExperiment(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Record<string, unknown>) =>
      sendJson<{ experiment: ExperimentInfo }>("PATCH", experimentUrl(key), patch),
    onSuccess: async ({ experiment }) => {
      client.setQueryData(queryKeys.experiment(key), { experiment });
      await invalidateExperiments(client);
    },
  });
}

export function useDeleteExperiment(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson<null>("DELETE", experimentUrl(key)),
    onSuccess: () => {
      client.removeQueries({ queryKey: queryKeys.experiment(key) });
      return client.invalidateQueries({ queryKey: queryKeys.experiments(null).slice(0, 2) });
    },
  });
}
