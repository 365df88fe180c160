"use client";
// The Cluster page's changes (admin): scrape targets (POST/PATCH/DELETE /api/v1/scrape-targets[/{id}],
// POST …/{id}/scrape) and serving endpoints (POST/PATCH/DELETE /api/v1/serving-endpoints[/{id}],
// POST …/{id}/check). Errors are ApiError with the server's words, which the forms split per field.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { EndpointBody } from "@/lib/charts/cluster-endpoint-form";
import type { EndpointInfo } from "@/lib/charts/cluster-endpoints";
import type { TargetBody } from "@/lib/charts/cluster-target-form";
import type { TargetInfo } from "@/lib/cluster/targets";
import { sendJson } from "./fetch-json";
import { clusterKeys } from "./use-cluster";

const TARGETS = "/api/v1/scrape-targets";
const ENDPOINTS = "/api/v1/serving-endpoints";

export interface ScrapeResult {
  at: string;
  up: number;
  error: string | null;
  durationMs: number;
  samples: number;
  staleMarked: number;
}

function useRefreshCluster() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: clusterKeys.all });
}

/** Create (id null) or change a target. */
export function useSaveTarget(id: number | null) {
  const refresh = useRefreshCluster();
  return useMutation({
    mutationFn: (body: TargetBody) =>
      id === null
        ? sendJson<{ target: TargetInfo }>("POST", TARGETS, body)
        : sendJson<{ target: TargetInfo }>("PATCH", `${TARGETS}/${id}`, body),
    onSuccess: refresh,
  });
}

export function useDeleteTarget() {
  const refresh = useRefreshCluster();
  return useMutation({
    mutationFn: (id: number) => sendJson<null>("DELETE", `${TARGETS}/${id}`),
    onSuccess: refresh,
  });
}

export function useScrapeNow() {
  const refresh = useRefreshCluster();
  return useMutation({
    mutationFn: (id: number) => sendJson<{ result: ScrapeResult }>("POST", `${TARGETS}/${id}/scrape`),
    onSuccess: refresh,
  });
}

/** Create (id null) or change a serving endpoint. */
export function useSaveEndpoint(id: number | null) {
  const refresh = useRefreshCluster();
  return useMutation({
    mutationFn: (body: EndpointBody) =>
      id === null
        ? sendJson<{ endpoint: EndpointInfo }>("POST", ENDPOINTS, body)
        : sendJson<{ endpoint: EndpointInfo }>("PATCH", `${ENDPOINTS}/${id}`, body),
    onSuccess: refresh,
  });
}

export function useDeleteEndpoint() {
  const refresh = useRefreshCluster();
  return useMutation({
    mutationFn: (id: number) => sendJson<null>("DELETE", `${ENDPOINTS}/${id}`),
    onSuccess: refresh,
  });
}

export function useCheckEndpoint() {
  const refresh = useRefreshCluster();
  return useMutation({
    mutationFn: (id: number) => sendJson<{ endpoint: EndpointInfo }>("POST", `${ENDPOINTS}/${id}/check`),
    onSuccess: refresh,
  });
}
