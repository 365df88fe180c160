"use client";
// Sends a file to POST /api/v1/import/prometheus with XMLHttpRequest, whose upload.onprogress reports bytes
// sent (fetch cannot), then waits for the server's answer. One upload at a time; cancel() aborts it.
import { useCallback } from "react";
import {
  contentTypeFor,
  type ImportFormat,
  type ImportOutcome,
  importOutcome,
  importUrl,
} from "@/lib/import/ui";
import { useXhrUpload } from "../hooks/use-xhr-upload";

export type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; loaded: number; total: number; rate: number | null; eta: number | null }
  /** Every byte sent; the server is storing the last batches. */
  | { phase: "processing"; total: number; uploadMs: number }
  | { phase: "finished"; loaded: number; total: number; uploadMs: number; outcome: ImportOutcome }
  | { phase: "cancelled"; loaded: number; total: number };

const IDLE: UploadState = { phase: "idle" };

export function useUpload(role: string) {
  const { state, busy, start: send, cancel, reset } = useXhrUpload<UploadState>(IDLE);

  const start = useCallback(
    (file: File, format: ImportFormat) =>
      send({
        url: importUrl(format),
        body: file,
        total: file.size,
        headers: { "content-type": contentTypeFor(format), accept: "application/json" },
        uploading: (p) => ({ phase: "uploading", ...p }),
        processing: (p) => ({ phase: "processing", ...p }),
        finish: ({ status, text, loaded, total, uploadMs }, set) =>
          set({ phase: "finished", loaded, total, uploadMs, outcome: importOutcome(status, text, role) }),
        cancelled: (p) => ({ phase: "cancelled", ...p }),
      }),
    [send, role],
  );

  return { state, busy, start, cancel, reset };
}
