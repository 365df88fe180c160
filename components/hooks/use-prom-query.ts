"use client";
// GET /api/v1/query and /api/v1/query_range — one explore run. The key holds the resolved run (times
// included), so running again makes a new request; a run's answer never goes stale on its own.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { isPromResponse, type PromQueryData } from "@/lib/charts/prom-result";
import { type ResolvedRun, runUrl } from "@/lib/charts/prom-url";
import { ApiError, retryServerErrors } from "./fetch-json";

export class PromApiError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly errorType: string,
  ) {
    super(status, message);
    this.name = "PromApiError";
  }
}

export interface PromRunResult {
  data: PromQueryData;
  warnings: string[];
  /** Round-trip time of the request, in ms. */
  durationMs: number;
  run: ResolvedRun;
}

export async function fetchPromRun(run: ResolvedRun, signal?: AbortSignal): Promise<PromRunResult> {
  const started = performance.now();
  const res = await fetch(runUrl(run), {
    credentials: "same-origin",
    headers: { accept: "application/json" },
    signal,
  });
  if (res.status === 401 && typeof window !== "undefined") {
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
  const body: unknown = await res.json().catch(() => null);
  const durationMs = performance.now() - started;
  if (!isPromResponse(body)) {
    const message =
      body && typeof body === "object" && "error" in body && typeof body.error === "string"
        ? body.error
        : `Unexpected answer from the query API (HTTP ${res.status})`;
    throw new PromApiError(res.status, message, "internal");
  }
  if (body.status === "error") throw new PromApiError(res.status, body.error, body.errorType);
  return { data: body.data, warnings: body.warnings ?? [], durationMs, run };
}

export function usePromQuery(run: ResolvedRun | null) {
  return useQuery({
    queryKey: ["prom", run?.mode ?? "none", run] as const,
    queryFn: ({ signal }) => fetchPromRun(run!, signal),
    enabled: run !== null && run.query.trim() !== "",
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}
