"use client";
// react-query hooks of the embed routes: one dashboard's embeds, create, revoke, the framing allow-list.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateEmbedBody, EmbedTheme } from "@/lib/embeds/schemas";
import { fetchJson, sendJson } from "../hooks/fetch-json";

export interface EmbedInfo {
  id: string;
  dashboard: string;
  panel: string | null;
  locked: Record<string, string | string[]>;
  editable: string[];
  theme: EmbedTheme;
  showTitle: boolean;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
  path: string;
}

export interface CreatedEmbed {
  embed: EmbedInfo;
  token: string;
  expiresAt: string;
  url: string;
  snippet: string;
  signing: { node: string; python: string };
}

const listKey = (dashboard: string) => ["embeds", "list", dashboard] as const;

export function useDashboardEmbeds(dashboard: string) {
  return useQuery({
    queryKey: listKey(dashboard),
    queryFn: ({ signal }) =>
      fetchJson<{ embeds: EmbedInfo[]; enabled: boolean }>(
        `/api/v1/embeds?dashboard=${encodeURIComponent(dashboard)}`,
        signal,
      ),
  });
}

export function useCreateEmbed(dashboard: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEmbedBody) => sendJson<CreatedEmbed>("POST", "/api/v1/embeds", body),
    onSuccess: () => client.invalidateQueries({ queryKey: listKey(dashboard) }),
  });
}

export function useRevokeEmbed(dashboard: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      sendJson<{ embed: EmbedInfo }>("DELETE", `/api/v1/embeds/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: listKey(dashboard) }),
  });
}

export const FRAME_ANCESTORS_KEY = ["embeds", "frame-ancestors"] as const;

export function useFrameAncestors() {
  return useQuery({
    queryKey: FRAME_ANCESTORS_KEY,
    queryFn: ({ signal }) =>
      fetchJson<{ origins: string[]; directive: string }>("/api/v1/embeds/frame-ancestors", signal),
  });
}
