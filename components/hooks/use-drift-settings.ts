"use client";
// The Drift tab's settings: GET …/reference (the active reference and the uploaded datasets; every second while
// one uploads), PUT …/drift/config (the whole config: the latest one is read first so a change made meanwhile —
// a dataset activated by an upload — is kept), DELETE …/reference/{name}, and the upload of a dataset with
// XMLHttpRequest, whose upload.onprogress reports bytes sent (fetch cannot). Every change marks the drift
// queries stale so the tab refreshes.
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
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
import { etaSeconds, type ProgressPoint, trimPoints, uploadRate } from "@/lib/import/ui";
import { ApiError, fetchJson, retryServerErrors } from "./fetch-json";

const configUrl = (model: string) => `/api/v1/models/${encodeURIComponent(model)}/drift/config`;

export function referencesKey(model: string) {
  return ["models", model, "references"] as const;
}

/** The model's drift queries and its reference list are stale (the series too: the worker rewrites them). */
export function invalidateDrift(client: QueryClient, model: string): Promise<void> {
  return client.invalidateQueries({ predicate: (q) => isDriftQueryKey(q.queryKey, model) });
}

/** A JSON request that changes something (same-origin cookie); errors as ApiError with the server's message. */
async function sendJson<T>(method: "PUT" | "DELETE", url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401 && typeof window !== "undefined") {
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message =
      data && typeof data === "object" && "error" in data && typeof data.error === "string"
        ? data.error
        : `Request failed (HTTP ${res.status})`;
    throw new ApiError(res.status, message);
  }
  return data as T;
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

/** POST …/reference with progress; one upload at a time, cancel() aborts it. */
export function useReferenceUpload(model: string) {
  const client = useQueryClient();
  const [state, setState] = useState<ReferenceUploadState>({ phase: "idle" });
  const xhrRef = useRef<XMLHttpRequest | null>(null);

  const start = useCallback(
    (r: ReferenceUploadRequest) => {
      xhrRef.current?.abort();
      const xhr = new XMLHttpRequest();
      xhrRef.current = xhr;
      const { name } = r;
      const total = r.file.size;
      const startedAt = performance.now();
      let points: ProgressPoint[] = [{ t: startedAt, loaded: 0 }];
      let loaded = 0;
      let uploadMs: number | null = null;
      const current = () => xhrRef.current === xhr;
      const elapsed = () => uploadMs ?? performance.now() - startedAt;
      const settled = () => {
        void invalidateDrift(client, model);
      };

      xhr.upload.onprogress = (e) => {
        if (!current()) return;
        loaded = e.loaded;
        const size = e.lengthComputable ? e.total : total;
        points = trimPoints([...points, { t: performance.now(), loaded }]);
        const rate = uploadRate(points);
        setState({
          phase: "uploading",
          name,
          loaded,
          total: size,
          rate,
          eta: etaSeconds(loaded, size, rate),
        });
      };
      xhr.upload.onload = () => {
        if (!current()) return;
        uploadMs = performance.now() - startedAt;
        loaded = total;
        setState({ phase: "processing", name, total, uploadMs });
      };
      xhr.onload = () => {
        if (!current()) return;
        xhrRef.current = null;
        if (xhr.status === 401) {
          window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
        }
        if (xhr.status === 200) {
          let result: UploadReferenceResponse | null = null;
          try {
            result = JSON.parse(xhr.responseText) as UploadReferenceResponse;
          } catch {
            result = null;
          }
          if (result?.profile) {
            setState({ phase: "done", name, total, uploadMs: elapsed(), result });
            settled();
            return;
          }
        }
        setState({
          phase: "failed",
          name,
          loaded,
          total,
          uploadMs: elapsed(),
          status: xhr.status,
          ...uploadFailure(xhr.status, xhr.responseText),
        });
        settled();
      };
      xhr.onerror = () => {
        if (!current()) return;
        xhrRef.current = null;
        setState({
          phase: "failed",
          name,
          loaded,
          total,
          uploadMs: elapsed(),
          status: 0,
          ...uploadFailure(0, ""),
        });
        settled();
      };
      xhr.onabort = () => {
        if (!current()) return;
        xhrRef.current = null;
        setState({ phase: "cancelled", name, loaded, total });
        settled();
      };

      setState({ phase: "uploading", name, loaded: 0, total, rate: null, eta: null });
      xhr.open("POST", referenceUploadUrl(model, r));
      xhr.setRequestHeader("content-type", referenceContentType(r.format));
      xhr.setRequestHeader("accept", "application/json");
      xhr.send(r.file);
    },
    [client, model],
  );

  const cancel = useCallback(() => xhrRef.current?.abort(), []);
  const reset = useCallback(() => {
    if (!xhrRef.current) setState({ phase: "idle" });
  }, []);

  const busy = state.phase === "uploading" || state.phase === "processing";

  // Leaving the page mid-upload would cut it off: ask first, and abort when the view goes away.
  useEffect(() => {
    if (!busy) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [busy]);
  useEffect(
    () => () => {
      const xhr = xhrRef.current;
      xhrRef.current = null;
      xhr?.abort();
    },
    [],
  );

  return { state, busy, start, cancel, reset };
}
