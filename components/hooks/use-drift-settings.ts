"use client";
// The Drift tab's settings: GET …/reference (the active reference and the uploaded datasets; every second while
// one uploads), PUT …/drift/config (the whole config: the latest one is read first so a change made meanwhile —
// a dataset activated by an upload — is kept), DELETE …/reference/{name}, and the upload of a dataset with
// XMLHttpRequest, whose upload.onprogress reports bytes sent (fetch cannot). Every change marks the drift
// queries stale so the tab refreshes.
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { DriftConfig } from "@/lib/charts/drift";
import {
  isDriftQueryKey,
  normalizeConfig,
  type ReferenceFormat,
  type ReferenceList,
  type ReferenceRoles,
  referenceBase,
  referenceContentType,
  referenceUploadUrl,
  type UploadReferenceResponse,
  uploadFailure,
} from "@/lib/charts/drift-settings";
import { fetchJson, retryServerErrors, sendJson } from "./fetch-json";
import { useXhrUpload } from "./use-xhr-upload";

const configUrl = (model: string) => `/api/v1/models/${encodeURIComponent(model)}/drift/config`;

export function referencesKey(model: string) {
  return ["models", model, "references"] as const;
}

/** The model's drift queries and its reference list are stale (the series too: the worker rewrites them). */
export function invalidateDrift(client: QueryClient, model: string): Promise<void> {
  return client.invalidateQueries({ predicate: (q) => isDriftQueryKey(q.queryKey, model) });
}

export function useReferences(model: string, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: referencesKey(model),
    queryFn: ({ signal }) => fetchJson<ReferenceList>(referenceBase(model), signal),
    refetchInterval: options.poll ? 1000 : false,
    retry: retryServerErrors,
  });
}

/**
 * Whether the signed-in user may change settings (admin). No endpoint says who is signed in, so this asks the
 * server's authorisation with a request that cannot change anything: a DELETE whose dataset name is too long
 * to exist (129 characters) is refused after the role check — 400 for an admin, 403 for anyone else.
 * null while unknown.
 */
export function useCanAdminister(model: string) {
  const q = useQuery({
    queryKey: ["session", "can-administer"] as const,
    queryFn: async () => {
      const res = await fetch(`${referenceBase(model)}/${"x".repeat(129)}`, {
        method: "DELETE",
        credentials: "same-origin",
        headers: { accept: "application/json" },
      });
      return res.status !== 403 && res.status !== 401;
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
  return q.data ?? null;
}

/** The latest config with `change` applied (a new reference, or new tests), PUT as the whole config. */
async function putConfig(model: string, change: (latest: DriftConfig) => DriftConfig): Promise<DriftConfig> {
  const { config: latest } = await fetchJson<{ config: DriftConfig }>(configUrl(model));
  const next = normalizeConfig(change(latest));
  return (await sendJson<{ config: DriftConfig }>("PUT", configUrl(model), next)).config;
}

export function useSaveDriftConfig(model: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: (latest: DriftConfig) => DriftConfig) => putConfig(model, change),
    onSuccess: async (config) => {
      client.setQueryData(["models", model, "drift-config"], { config });
      await invalidateDrift(client, model);
    },
  });
}

export function useDeleteReference(model: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      sendJson<{ ok: true; active: ReferenceList["active"] }>(
        "DELETE",
        `${referenceBase(model)}/${encodeURIComponent(name)}`,
      ),
    onSettled: () => invalidateDrift(client, model),
  });
}

export interface ReferenceUploadRequest extends ReferenceRoles {
  file: File;
  name: string;
  format: ReferenceFormat;
  activate: boolean;
}

export type ReferenceUploadState =
  | { phase: "idle" }
  | {
      phase: "uploading";
      name: string;
      loaded: number;
      total: number;
      rate: number | null;
      eta: number | null;
    }
  /** Every byte sent; the server is reading the last rows and storing the sketches. */
  | { phase: "processing"; name: string; total: number; uploadMs: number }
  | { phase: "done"; name: string; total: number; uploadMs: number; result: UploadReferenceResponse }
  | {
      phase: "failed";
      name: string;
      loaded: number;
      total: number;
      uploadMs: number;
      status: number;
      title: string;
      message: string;
    }
  | { phase: "cancelled"; name: string; loaded: number; total: number };

const REFERENCE_IDLE: ReferenceUploadState = { phase: "idle" };

/** POST …/reference with progress; one upload at a time, cancel() aborts it. */
export function useReferenceUpload(model: string) {
  const client = useQueryClient();
  const { state, busy, start: send, cancel, reset } = useXhrUpload<ReferenceUploadState>(REFERENCE_IDLE);

  const start = useCallback(
    (r: ReferenceUploadRequest) => {
      const { name } = r;
      send({
        url: referenceUploadUrl(model, r),
        body: r.file,
        total: r.file.size,
        headers: { "content-type": referenceContentType(r.format), accept: "application/json" },
        uploading: (p) => ({ phase: "uploading", name, ...p }),
        processing: (p) => ({ phase: "processing", name, ...p }),
        finish: ({ status, text, loaded, total, uploadMs }, set) => {
          if (status === 200) {
            let result: UploadReferenceResponse | null = null;
            try {
              result = JSON.parse(text) as UploadReferenceResponse;
            } catch {
              result = null;
            }
            if (result?.profile) {
              set({ phase: "done", name, total, uploadMs, result });
              return;
            }
          }
          set({ phase: "failed", name, loaded, total, uploadMs, status, ...uploadFailure(status, text) });
        },
        cancelled: (p) => ({ phase: "cancelled", name, ...p }),
        onEnd: () => {
          void invalidateDrift(client, model);
        },
      });
    },
    [send, client, model],
  );

  return { state, busy, start, cancel, reset };
}
