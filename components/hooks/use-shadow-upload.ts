"use client";
// "Add a shadow": POST /api/v1/models/{model}/shadows (multipart: the .onnx file and the config JSON) with
// XMLHttpRequest for its upload progress, then, when asked, POST /api/v1/shadows/{id}/backfill. The shadow list
// is marked stale either way. One upload at a time; it is aborted when the form goes away.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ShadowListItem } from "@/lib/charts/shadow";
import {
  backfillUrl,
  type ShadowConfigJson,
  type ShadowUploadFailure,
  shadowUploadFailure,
  shadowUploadUrl,
} from "@/lib/charts/shadow-form";

export interface ShadowUploadRequest {
  file: File;
  config: ShadowConfigJson;
  /** POST …/backfill with this range once the shadow exists. */
  backfill: { from: string; to: string } | null;
}

export type ShadowUploadState =
  | { phase: "idle" }
  | { phase: "uploading"; loaded: number; total: number }
  /** Every byte sent; the server loads the model and checks the mapping. */
  | { phase: "processing"; total: number }
  | { phase: "done"; shadow: ShadowListItem; backfillError: string | null }
  | ({ phase: "failed"; status: number } & ShadowUploadFailure);

async function startBackfill(id: number, range: { from: string; to: string }): Promise<string | null> {
  try {
    const res = await fetch(backfillUrl(id), {
      method: "POST",
      credentials: "same-origin",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify(range),
    });
    if (res.ok) return null;
    const data: unknown = await res.json().catch(() => null);
    return data && typeof data === "object" && "error" in data && typeof data.error === "string"
      ? data.error
      : `HTTP ${res.status}`;
  } catch {
    return "the connection to the server was lost";
  }
}

export function useShadowUpload(model: string, onCreated?: (shadow: ShadowListItem) => void) {
  const client = useQueryClient();
  const [state, setState] = useState<ShadowUploadState>({ phase: "idle" });
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const created = useRef(onCreated);
  created.current = onCreated;

  const start = useCallback(
    (r: ShadowUploadRequest) => {
      xhrRef.current?.abort();
      const xhr = new XMLHttpRequest();
      xhrRef.current = xhr;
      const current = () => xhrRef.current === xhr;
      const refresh = () => client.invalidateQueries({ queryKey: ["models", model, "shadows"] });
      const body = new FormData();
      body.append("config", JSON.stringify(r.config));
      body.append("file", r.file, r.file.name);
      const total = r.file.size;

      xhr.upload.onprogress = (e) => {
        if (!current()) return;
        setState({ phase: "uploading", loaded: e.loaded, total: e.lengthComputable ? e.total : total });
      };
      xhr.upload.onload = () => {
        if (current()) setState({ phase: "processing", total });
      };
      xhr.onload = async () => {
        if (!current()) return;
        xhrRef.current = null;
        if (xhr.status === 401) {
          window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
        }
        if (xhr.status === 201) {
          let shadow: ShadowListItem | null = null;
          try {
            shadow = (JSON.parse(xhr.responseText) as { shadow: ShadowListItem }).shadow;
          } catch {
            shadow = null;
          }
          if (shadow) {
            const backfillError = r.backfill ? await startBackfill(shadow.id, r.backfill) : null;
            await refresh();
            setState({ phase: "done", shadow, backfillError });
            created.current?.(shadow);
            return;
          }
        }
        setState({
          phase: "failed",
          status: xhr.status,
          ...shadowUploadFailure(xhr.status, xhr.responseText),
        });
      };
      xhr.onerror = () => {
        if (!current()) return;
        xhrRef.current = null;
        setState({ phase: "failed", status: 0, ...shadowUploadFailure(0, "") });
      };
      xhr.onabort = () => {
        if (current()) {
          xhrRef.current = null;
          setState({ phase: "idle" });
        }
      };

      setState({ phase: "uploading", loaded: 0, total });
      xhr.open("POST", shadowUploadUrl(model));
      xhr.setRequestHeader("accept", "application/json");
      xhr.send(body);
    },
    [client, model],
  );

  const cancel = useCallback(() => xhrRef.current?.abort(), []);
  const busy = state.phase === "uploading" || state.phase === "processing";

  useEffect(
    () => () => {
      const xhr = xhrRef.current;
      xhrRef.current = null;
      xhr?.abort();
    },
    [],
  );

  return { state, busy, start, cancel };
}
