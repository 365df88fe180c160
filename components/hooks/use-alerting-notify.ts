"use client";
// The notification side: contact points (GET/POST /api/v1/channels, PUT/DELETE …/{id}, POST …/{id}/test),
// the notification policy (GET/PUT /api/v1/notification-policy) and silences (GET/POST /api/v1/silences,
// DELETE …/{id} = expire now).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  ContactPointBody,
  ContactPointInfo,
  PolicyBody,
  PolicyResponse,
  SilenceBody,
  SilenceInfo,
} from "@/lib/alerts/api-schemas";
import { fetchJson, retryServerErrors } from "./fetch-json";
import { queryKeys } from "./query-keys";
import { sendAlerting } from "./use-alerting-request";
import { invalidateAlerting } from "./use-alerting-rules";

const CHANNELS = "/api/v1/channels";
const SILENCES = "/api/v1/silences";
const POLICY = "/api/v1/notification-policy";
const LIVE_MS = 15_000;

export function useContactPoints() {
  return useQuery({
    queryKey: queryKeys.alertContactPoints(),
    queryFn: ({ signal }) => fetchJson<{ contactPoints: ContactPointInfo[] }>(CHANNELS, signal),
    refetchInterval: LIVE_MS,
    retry: retryServerErrors,
  });
}

/** Create (id null) or update a contact point; an omitted secret keeps the stored one. */
export function useSaveContactPoint(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactPointBody) =>
      id === null
        ? sendAlerting<{ contactPoint: ContactPointInfo }>("POST", CHANNELS, body)
        : sendAlerting<{ contactPoint: ContactPointInfo }>("PUT", `${CHANNELS}/${id}`, body),
    onSuccess: () => invalidateAlerting(client),
  });
}

export function useDeleteContactPoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => sendAlerting<unknown>("DELETE", `${CHANNELS}/${id}`),
    onSuccess: () => invalidateAlerting(client),
  });
}

export interface TestOutcome {
  outcome: { kind: "sent" | "retry" | "permanent"; detail: string };
}

export function useTestContactPoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => sendAlerting<TestOutcome>("POST", `${CHANNELS}/${id}/test`),
    onSettled: () => invalidateAlerting(client),
  });
}

export function usePolicy() {
  return useQuery({
    queryKey: queryKeys.alertPolicy(),
    queryFn: ({ signal }) => fetchJson<PolicyResponse>(POLICY, signal),
    retry: retryServerErrors,
  });
}

export function useSavePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PolicyBody) => sendAlerting<PolicyResponse>("PUT", POLICY, body),
    onSuccess: (policy) => {
      client.setQueryData(queryKeys.alertPolicy(), policy);
      return invalidateAlerting(client);
    },
  });
}

export function useSilences() {
  return useQuery({
    queryKey: queryKeys.alertSilences(),
    queryFn: ({ signal }) => fetchJson<{ silences: SilenceInfo[] }>(SILENCES, signal),
    refetchInterval: LIVE_MS,
    retry: retryServerErrors,
  });
}

export function useCreateSilence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SilenceBody) => sendAlerting<{ silence: SilenceInfo }>("POST", SILENCES, body),
    onSuccess: () => invalidateAlerting(client),
  });
}

export function useExpireSilence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendAlerting<unknown>("DELETE", `${SILENCES}/${encodeURIComponent(id)}`),
    onSuccess: () => invalidateAlerting(client),
  });
}
