"use client";
// "Add a shadow": POST /api/v1/models/{model}/shadows (multipart: the .onnx file and the config JSON) with
// XMLHttpRequest for its upload progress, then, when asked, POST /api/v1/shadows/{id}/backfill. The shadow list
// is marked stale either way. One upload at a time; it is aborted when the form goes away.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import type { ShadowListItem } from "@/lib/charts/shadow";
import {
  backfillUrl,
  type ShadowConfigJson,
  type ShadowUploadFailure,
  shadowUploadFailure,
  shadowUploadUrl,
} from "@/lib/charts/shadow-form";
import { useXhrUpload } from "./use-xhr-upload";

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

const SHADOW_IDLE: ShadowUploadState = { phase: "idle" };

export function useShadowUpload(model: string, onCreated?: (shadow: ShadowListItem) => void) {
  const client = useQueryClient();
  // This form has never asked before the page is left while it uploads; it still does not.
  const {
    state,
    busy,
    start: send,
    cancel,
  } = useXhrUpload<ShadowUploadState>(SHADOW_IDLE, {
    warnBeforeUnload: false,
  });
  const created = useRef(onCreated);
  created.current = onCreated;

  const start = useCallback(
    (r: ShadowUploadRequest) => {
      const refresh = () => client.invalidateQueries({ queryKey: ["models", model, "shadows"] });
      const body = new FormData();
      body.append("config", JSON.stringify(r.config));
      body.append("file", r.file, r.file.name);
      send({
        url: shadowUploadUrl(model),
        body,
        total: r.file.size,
        headers: { accept: "application/json" },
        uploading: ({ loaded, total }) => ({ phase: "uploading", loaded, total }),
        processing: ({ total }) => ({ phase: "processing", total }),
        finish: async ({ status, text }, set) => {
          if (status === 201) {
            let shadow: ShadowListItem | null = null;
            try {
              shadow = (JSON.parse(text) as { shadow: ShadowListItem }).shadow;
            } catch {
              shadow = null;
            }
            if (shadow) {
              const backfillError = r.backfill ? await startBackfill(shadow.id, r.backfill) : null;
              await refresh();
              set({ phase: "done", shadow, backfillError });
              created.current?.(shadow);
              return;
            }
          }
          set({ phase: "failed", status, ...shadowUploadFailure(status, text) });
        },
        cancelled: () => ({ phase: "idle" }),
      });
    },
    [send, client, model],
  );

  return { state, busy, start, cancel };
}
