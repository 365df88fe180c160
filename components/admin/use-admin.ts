"use client";
// One react-query hook per administration endpoint; mutations refresh the lists they change.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, retryServerErrors, sendJson } from "../hooks/fetch-json";
import type { ApiKeyRow, AuditFilters, AuditRow, InviteRow, IssuedLink, Role, UserRow } from "./admin-types";

const keys = {
  users: ["admin", "users"] as const,
  invites: ["admin", "invites"] as const,
  apiKeys: ["admin", "api-keys"] as const,
  audit: (filters: AuditFilters, cursor: string | null) => ["admin", "audit", filters, cursor] as const,
};

export function useUsers() {
  return useQuery({
    queryKey: keys.users,
    queryFn: ({ signal }) => fetchJson<{ users: UserRow[] }>("/api/v1/users", signal),
    retry: retryServerErrors,
  });
}

export function useInvites() {
  return useQuery({
    queryKey: keys.invites,
    queryFn: ({ signal }) => fetchJson<{ invites: InviteRow[] }>("/api/v1/invites", signal),
    retry: retryServerErrors,
  });
}

export function useApiKeys() {
  return useQuery({
    queryKey: keys.apiKeys,
    queryFn: ({ signal }) => fetchJson<{ apiKeys: ApiKeyRow[] }>("/api/v1/api-keys", signal),
    retry: retryServerErrors,
  });
}

/** datetime-local text in the browser's zone → ISO-8601 for the API; "" stays open. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : "");

export function auditUrl(filters: AuditFilters, cursor: string | null, limit = 50): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (filters.actor.trim()) params.set("actor", filters.actor.trim());
  if (filters.targetType) params.set("targetType", filters.targetType);
  if (filters.from) params.set("from", isoOf(filters.from));
  if (filters.to) params.set("to", isoOf(filters.to));
  if (cursor) params.set("cursor", cursor);
  return `/api/v1/audit?${params}`;
}

export function useAudit(filters: AuditFilters, cursor: string | null) {
  return useQuery({
    queryKey: keys.audit(filters, cursor),
    queryFn: ({ signal }) =>
      fetchJson<{ events: AuditRow[]; nextCursor: string | null }>(auditUrl(filters, cursor), signal),
    retry: retryServerErrors,
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return (...which: ReadonlyArray<readonly string[]>) =>
    Promise.all([
      ...which.map((queryKey) => client.invalidateQueries({ queryKey })),
      client.invalidateQueries({ queryKey: ["admin", "audit"] }),
    ]);
}

export function useCreateInvite() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { role: Role; expiresInDays: number }) =>
      sendJson<IssuedLink>("POST", "/api/v1/invites", body),
    onSuccess: () => invalidate(keys.invites),
  });
}

export function useRevokeInvite() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => sendJson<{ invite: InviteRow }>("DELETE", `/api/v1/invites/${id}`),
    onSuccess: () => invalidate(keys.invites),
  });
}

export function useChangeUser() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: number; role?: Role; disabled?: boolean }) =>
      sendJson<{ user: UserRow }>("PATCH", `/api/v1/users/${id}`, patch),
    onSettled: () => invalidate(keys.users),
  });
}

export function useDeleteUser() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => sendJson<{ ok: true }>("DELETE", `/api/v1/users/${id}`),
    onSuccess: () => invalidate(keys.users, keys.invites),
  });
}

export function useResetLink() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => sendJson<IssuedLink>("POST", `/api/v1/users/${id}/reset-link`),
    onSuccess: () => invalidate(keys.invites),
  });
}

export function useCreateApiKey() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { name: string; scope: string; expiresInDays?: number; expiresAt?: string }) =>
      sendJson<{ key: string; apiKey: ApiKeyRow }>("POST", "/api/v1/api-keys", body),
    onSuccess: () => invalidate(keys.apiKeys),
  });
}

export function useRevokeApiKey() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => sendJson<{ apiKey: ApiKeyRow }>("DELETE", `/api/v1/api-keys/${id}`),
    onSuccess: () => invalidate(keys.apiKeys),
  });
}
