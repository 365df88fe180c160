"use client";
// Rule groups and rules: GET/POST /api/v1/rule-groups (live: every 10 s), GET/PUT/PATCH/DELETE …/{id},
// POST …/import (a Prometheus rule file), GET …/export (a download link), POST /api/v1/alert-rules/preview,
// GET /api/v1/alert-rule-templates and POST …/{id}/render. Every change marks all alerting queries stale.
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  PreviewResponse,
  RuleBody,
  RuleGroupBody,
  RuleGroupInfo,
  RuleTemplateInfo,
} from "@/lib/alerts/api-schemas";
import { fetchJson, retryServerErrors } from "./fetch-json";
import { queryKeys } from "./query-keys";
import { sendAlerting } from "./use-alerting-request";

export const RULES_REFRESH_MS = 10_000;
const BASE = "/api/v1/rule-groups";
export const groupUrl = (id: number) => `${BASE}/${id}`;
export const exportUrl = (vigil: boolean) => `${BASE}/export${vigil ? "?vigil=true" : ""}`;

export function invalidateAlerting(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: ["alerting"] });
}

export function useRuleGroups() {
  return useQuery({
    queryKey: queryKeys.alertRuleGroups(),
    queryFn: ({ signal }) => fetchJson<{ groups: RuleGroupInfo[] }>(BASE, signal),
    refetchInterval: RULES_REFRESH_MS,
    retry: retryServerErrors,
  });
}

export function useRuleGroup(id: number | null) {
  return useQuery({
    queryKey: queryKeys.alertRuleGroup(id ?? 0),
    queryFn: ({ signal }) => fetchJson<{ group: RuleGroupInfo }>(groupUrl(id ?? 0), signal),
    enabled: id !== null,
    refetchInterval: RULES_REFRESH_MS,
    retry: retryServerErrors,
  });
}

/** Create (id null) or replace a group. */
export function useSaveRuleGroup(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RuleGroupBody) =>
      id === null
        ? sendAlerting<{ group: RuleGroupInfo }>("POST", BASE, body)
        : sendAlerting<{ group: RuleGroupInfo }>("PUT", groupUrl(id), body),
    onSuccess: ({ group }) => {
      client.setQueryData(queryKeys.alertRuleGroup(group.id), { group });
      return invalidateAlerting(client);
    },
  });
}

export function usePauseRuleGroup(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (paused: boolean) =>
      sendAlerting<{ group: RuleGroupInfo }>("PATCH", groupUrl(id), { paused }),
    onSuccess: ({ group }) => {
      client.setQueryData(queryKeys.alertRuleGroup(id), { group });
      return invalidateAlerting(client);
    },
  });
}

export function useDeleteRuleGroup(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sendAlerting<unknown>("DELETE", groupUrl(id)),
    onSuccess: () => {
      client.removeQueries({ queryKey: queryKeys.alertRuleGroup(id) });
      return invalidateAlerting(client);
    },
  });
}

export interface ImportResult {
  mode: "merge" | "replace";
  created: string[];
  updated: string[];
  deleted: string[];
}

export function useImportRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ yaml, mode }: { yaml: string; mode: "merge" | "replace" }) =>
      sendAlerting<ImportResult>("POST", `${BASE}/import?mode=${mode}`, yaml, "application/yaml"),
    onSuccess: () => invalidateAlerting(client),
  });
}

export interface PreviewRequest {
  expr: string;
  for?: string;
  keep_firing_for?: string;
  datasource: string | null;
  from: number;
  to: number;
}

export function useRulePreview(request: PreviewRequest | null) {
  return useQuery({
    queryKey: queryKeys.alertPreview(request),
    queryFn: ({ signal }) =>
      fetch("/api/v1/alert-rules/preview", {
        method: "POST",
        credentials: "same-origin",
        headers: { accept: "application/json", "content-type": "application/json" },
        body: JSON.stringify(request),
        signal,
      }).then(async (res) => {
        const data: unknown = await res.json().catch(() => null);
        if (!res.ok) {
          const message =
            data && typeof data === "object" && "error" in data && typeof data.error === "string"
              ? data.error
              : `Preview failed (HTTP ${res.status})`;
          throw new Error(message);
        }
        return data as PreviewResponse;
      }),
    enabled: request !== null && request.expr.trim() !== "",
    staleTime: 60_000,
    retry: false,
  });
}

export function useRuleTemplates() {
  return useQuery({
    queryKey: queryKeys.alertTemplates(),
    queryFn: ({ signal }) =>
      fetchJson<{ templates: RuleTemplateInfo[] }>("/api/v1/alert-rule-templates", signal),
    staleTime: 5 * 60_000,
    retry: retryServerErrors,
  });
}

export function useRenderTemplate() {
  return useMutation({
    mutationFn: ({ id, params }: { id: string; params: Record<string, string | number> }) =>
      sendAlerting<{ rule: RuleBody }>(
        "POST",
        `/api/v1/alert-rule-templates/${encodeURIComponent(id)}/render`,
        {
          params,
        },
      ),
  });
}
