"use client";
// Sends a file to POST /api/v1/import/prometheus with XMLHttpRequest, whose upload.onprogress reports bytes
// sent (fetch cannot), then waits for the server's answer. One upload at a time; cancel() aborts it.
import { useCallback, useEffect, useRef, useState } from "react";
import {
  contentTypeFor,
  etaSeconds,
  type ImportFormat,
  type ImportOutcome,
  importOutcome,
  importUrl,
  type ProgressPoint,
  trimPoints,
  uploadRate,
} from "@/lib/import/ui";

export type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; loaded: number; total: number; rate: number | null; eta: number | null }
  /** Every byte sent; the server is storing the last batches. */
  | { phase: "processing"; total: number; uploadMs: number }
  | { phase: "finished"; loaded: number; total: number; uploadMs: number; outcome: ImportOutcome }
  | { phase: "cancelled"; loaded: number; total: number };

export function useUpload(role: string) {
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const xhrRef = useRef<XMLHttpRequest | null>(null);

  const start = useCallback(
    (file: File, format: ImportFormat) => {
      xhrRef.current?.abort();
      const xhr = new XMLHttpRequest();
      xhrRef.current = xhr;
      const total = file.size;
      const startedAt = performance.now();
      let points: ProgressPoint[] = [{ t: startedAt, loaded: 0 }];
      let loaded = 0;
      let uploadMs: number | null = null;
      const current = () => xhrRef.current === xhr;

      xhr.upload.onprogress = (e) => {
        if (!current()) return;
        loaded = e.loaded;
        const size = e.lengthComputable ? e.total : total;
        points = trimPoints([...points, { t: performance.now(), loaded }]);
        const rate = uploadRate(points);
        setState({ phase: "uploading", loaded, total: size, rate, eta: etaSeconds(loaded, size, rate) });
      };
      xhr.upload.onload = () => {
        if (!current()) return;
        uploadMs = performance.now() - startedAt;
        loaded = total;
        setState({ phase: "processing", total, uploadMs });
      };
      xhr.onload = () => {
        if (!current()) return;
        xhrRef.current = null;
        if (xhr.status === 401) {
          // Session expired: back to the login page, returning here afterwards (as fetchJson does).
          window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
        }
        setState({
          phase: "finished",
          loaded,
          total,
          uploadMs: uploadMs ?? performance.now() - startedAt,
          outcome: importOutcome(xhr.status, xhr.responseText, role),
        });
      };
      xhr.onerror = () => {
        if (!current()) return;
        xhrRef.current = null;
        setState({
          phase: "finished",
          loaded,
          total,
          uploadMs: uploadMs ?? performance.now() - startedAt,
          outcome: importOutcome(0, "", role),
        });
      };
      xhr.onabort = () => {
        if (!current()) return;
        xhrRef.current = null;
        setState({ phase: "cancelled", loaded, total });
      };

      setState({ phase: "uploading", loaded: 0, total, rate: null, eta: null });
      xhr.open("POST", importUrl(format));
      xhr.setRequestHeader("content-type", contentTypeFor(format));
      xhr.setRequestHeader("accept", "application/json");
      xhr.send(file);
    },
    [role],
  );

  const cancel = useCallback(() => xhrRef.current?.abort(), []);
  const reset = useCallback(() => {
    if (!xhrRef.current) setState({ phase: "idle" });
  }, []);

  const busy = state.phase === "uploading" || state.phase === "processing";

  // Leaving the page mid-upload would lose the result: ask first, and abort when the view goes away.
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
