"use client";
// One upload at a time with XMLHttpRequest, whose upload.onprogress reports bytes sent (fetch cannot): progress
// with rate and ETA, "processing" once every byte is sent, then the server's answer. cancel() aborts it; leaving
// the page while it runs asks first (unless turned off), and it is aborted when the view goes away. The caller
// says what state each step is; the wrappers (useUpload, useReferenceUpload, useShadowUpload) keep their own
// state shapes.
import { useCallback, useEffect, useRef, useState } from "react";
import { etaSeconds, type ProgressPoint, trimPoints, uploadRate } from "@/lib/import/ui";

export interface XhrProgress {
  loaded: number;
  total: number;
  /** Bytes per second; null until known. */
  rate: number | null;
  /** Seconds left; null until known. */
  eta: number | null;
}

export interface XhrSent {
  total: number;
  /** From start until every byte was sent. */
  uploadMs: number;
}

/** The server's answer: status 0 and no text when the connection failed. */
export interface XhrFinish {
  status: number;
  text: string;
  loaded: number;
  total: number;
  /** Until every byte was sent, or until the answer when the upload's end was not reported. */
  uploadMs: number;
}

export interface XhrUploadSpec<S> {
  url: string;
  body: XMLHttpRequestBodyInit;
  /** Bytes to send (the file's size). */
  total: number;
  headers?: Record<string, string>;
  uploading: (p: XhrProgress) => S;
  processing: (p: XhrSent) => S;
  /** The answer (or a lost connection); `set` may be called later, after more requests. */
  finish: (r: XhrFinish, set: (s: S) => void) => void | Promise<void>;
  cancelled: (p: { loaded: number; total: number }) => S;
  /** After the answer, a lost connection or a cancel has been handled. */
  onEnd?: () => void;
}

export interface XhrUploadOptions {
  /** Ask before leaving the page while busy (default true). */
  warnBeforeUnload?: boolean;
}

export function useXhrUpload<S extends { phase: string }>(idle: S, options: XhrUploadOptions = {}) {
  const { warnBeforeUnload = true } = options;
  const [state, setState] = useState<S>(idle);
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const idleRef = useRef(idle);
  idleRef.current = idle;

  const start = useCallback((spec: XhrUploadSpec<S>) => {
    xhrRef.current?.abort();
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    const { total } = spec;
    const startedAt = performance.now();
    let points: ProgressPoint[] = [{ t: startedAt, loaded: 0 }];
    let loaded = 0;
    let uploadMs: number | null = null;
    const current = () => xhrRef.current === xhr;
    const elapsed = () => uploadMs ?? performance.now() - startedAt;
    const end = (status: number, text: string) => {
      const pending = spec.finish({ status, text, loaded, total, uploadMs: elapsed() }, setState);
      if (pending) void pending.then(() => spec.onEnd?.());
      else spec.onEnd?.();
    };

    xhr.upload.onprogress = (e) => {
      if (!current()) return;
      loaded = e.loaded;
      const size = e.lengthComputable ? e.total : total;
      points = trimPoints([...points, { t: performance.now(), loaded }]);
      const rate = uploadRate(points);
      setState(spec.uploading({ loaded, total: size, rate, eta: etaSeconds(loaded, size, rate) }));
    };
    xhr.upload.onload = () => {
      if (!current()) return;
      uploadMs = performance.now() - startedAt;
      loaded = total;
      setState(spec.processing({ total, uploadMs }));
    };
    xhr.onload = () => {
      if (!current()) return;
      xhrRef.current = null;
      if (xhr.status === 401) {
        // Session expired: back to the login page, returning here afterwards (as fetchJson does).
        window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
      }
      end(xhr.status, xhr.responseText);
    };
    xhr.onerror = () => {
      if (!current()) return;
      xhrRef.current = null;
      end(0, "");
    };
    xhr.onabort = () => {
      if (!current()) return;
      xhrRef.current = null;
      setState(spec.cancelled({ loaded, total }));
      spec.onEnd?.();
    };

    setState(spec.uploading({ loaded: 0, total, rate: null, eta: null }));
    xhr.open("POST", spec.url);
    for (const [name, value] of Object.entries(spec.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.send(spec.body);
  }, []);

  const cancel = useCallback(() => xhrRef.current?.abort(), []);
  const reset = useCallback(() => {
    if (!xhrRef.current) setState(idleRef.current);
  }, []);

  const busy = state.phase === "uploading" || state.phase === "processing";

  // Leaving the page mid-upload would lose the result: ask first, and abort when the view goes away.
  useEffect(() => {
    if (!busy || !warnBeforeUnload) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [busy, warnBeforeUnload]);
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
