"use client";
// The alerting reads: current alerts (GET /api/v1/alerts, live), the transition history
// (GET /api/v1/alerts/history) and the notification log (GET /api/v1/notifications, live).
import { useQuery } from "@tanstack/react-query";
import type { AlertInfo, NotificationInfo, TransitionInfo } from "@/lib/alerts/api-schemas";
import { fetchJson, retryServerErrors } from "./fetch-json";
import { queryKeys } from "./query-keys";

const LIVE_MS = 10_000;

export function useAlerts() {
  return useQuery({
    queryKey: queryKeys.alerts(),
    queryFn: ({ signal }) => fetchJson<{ alerts: AlertInfo[] }>("/api/v1/alerts", signal),
    refetchInterval: LIVE_MS,
    retry: retryServerErrors,
  });
}

export interface HistoryParams {
  from: string;
  to: string;
  group?: number;
  rule?: string;
}

export function useAlertHistory(p: HistoryParams) {
  const q = new URLSearchParams({ from: p.from, to: p.to, limit: "1000" });
  if (p.group !== undefined) q.set("group", String(p.group));
  if (p.rule) q.set("rule", p.rule);
  return useQuery({
    queryKey: queryKeys.alertHistory(p),
    queryFn: ({ signal }) =>
      fetchJson<{ transitions: TransitionInfo[]; nextCursor: string | null }>(
        `/api/v1/alerts/history?${q}`,
        signal,
      ),
    refetchInterval: 30_000,
    retry: retryServerErrors,
  });
}

export interface NotificationParams {
  contactPoint: string;
  status: string;
}

export function useNotifications(p: NotificationParams) {
  const q = new URLSearchParams({ limit: "200" });
  if (p.contactPoint) q.set("contactPoint", p.contactPoint);
  if (p.status) q.set("status", p.status);
  return useQuery({
    queryKey: queryKeys.alertNotifications(p),
    queryFn: ({ signal }) =>
      fetchJson<{ notifications: NotificationInfo[]; nextCursor: string | null }>(
        `/api/v1/notifications?${q}`,
        signal,
      ),
    refetchInterval: LIVE_MS,
    retry: retryServerErrors,
  });
}
