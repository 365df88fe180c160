"use client";
// The dashboard endpoints, one hook each: GET /api/v1/dashboards[?search] (the list), GET …/{uid}, POST (create),
// PUT (save with the version; 409 when someone saved since), DELETE and POST …/import. Every change marks all
// dashboard queries stale.
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { dashboardInfo, dashboardSummary } from "@/lib/api/contract-dashboards";
import type { Definition, ExportFile } from "@/lib/dashboards/schema";
import { ApiError, fetchJson, retryServerErrors, sendJson } from "./fetch-json";

export type DashboardInfo = z.infer<typeof dashboardInfo>;
export type DashboardSummary = z.infer<typeof dashboardSummary>;

const BASE = "/api/v1/dashboards";
export const dashboardUrl = (uid: string) => `${BASE}/${encodeURIComponent(uid)}`;
export const exportUrl = (uid: string) => `${dashboardUrl(uid)}/export`;

/** A save refused because someone saved since: the server's sentence, and the version now stored. */
export class StaleDashboardError extends ApiError {
  constructor(
    message: string,
    readonly current: { version: number; updatedAt: string; updatedBy: string | null } | null,
  ) {
    super(409, message);
    this.name = "StaleDashboardError";
  }
}

const invalidate = (client: QueryClient) => client.invalidateQueries({ queryKey: ["dashboards"] });

export function useDashboardList(search: string) {
  return useQuery({
    queryKey: ["dashboards", "list", { search }] as const,
    queryFn: ({ signal }) =>
      fetchJson<{ dashboards: DashboardSummary[] }>(
        search ? `${BASE}?${new URLSearchParams({ search })}` : BASE,
        signal,
      ),
    retry: retryServerErrors,
  });
}

export function useDashboard(uid: string) {
  return useQuery({
    queryKey: ["dashboards", "one", uid] as const,
    queryFn: ({ signal }) => fetchJson<{ dashboard: DashboardInfo }>(dashboardUrl(uid), signal),
    retry: retryServerErrors,
    // The page keeps its own working copy; a refetch must not replace what the user is editing.
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateDashboard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; definition?: Definition }) =>
      sendJson<{ dashboard: DashboardInfo }>("POST", BASE, body),
    onSuccess: () => invalidate(client),
  });
}

export function useSaveDashboard(uid: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; version: number; definition: Definition }) =>
      sendJson<{ dashboard: DashboardInfo }>("PUT", dashboardUrl(uid), body, {
        errorOf: (status, message, data) =>
          status === 409
            ? new StaleDashboardError(
                message,
                (data as { current?: StaleDashboardError["current"] } | null)?.current ?? null,
              )
            : new ApiError(status, message),
      }),
    onSuccess: (res) => {
      client.setQueryData(["dashboards", "one", uid], res);
      void client.invalidateQueries({ queryKey: ["dashboards", "list"] });
    },
  });
}

export function useDeleteDashboard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (uid: string) => sendJson<{ ok: true }>("DELETE", dashboardUrl(uid)),
    onSuccess: () => invalidate(client),
  });
}

export function useImportDashboard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, overwrite }: { file: unknown; overwrite: boolean }) =>
      sendJson<{ dashboard: DashboardInfo; created: boolean }>(
        "POST",
        `${BASE}/import${overwrite ? "?overwrite=true" : ""}`,
        file,
      ),
    onSuccess: () => invalidate(client),
  });
}

export type { ExportFile };
