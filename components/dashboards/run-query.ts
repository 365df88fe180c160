"use client";
// The dashboard page's answer to a panel's requests (lib/dashboards/panel-query.ts): PromQL through
// /api/v1/query(_range) with the signed-in user's session, built-in panels through the quality, drift, shadow
// and experiment endpoints. An embed supplies its own function (token endpoint) instead of this one.
import type { QualityResponse } from "@/lib/api/types";
import type { DriftResponse } from "@/lib/charts/drift";
import { isPromResponse } from "@/lib/charts/prom-result";
import type { ShadowComparison, ShadowListItem } from "@/lib/charts/shadow";
import {
  type PanelRequest,
  type PanelResponse,
  promRequestUrl,
  type RunPanelQuery,
} from "@/lib/dashboards/panel-query";
import type { ExperimentResults } from "@/lib/experiments/schemas";
import { ApiError, fetchJson } from "../hooks/fetch-json";
import { PromApiError } from "../hooks/use-prom-query";

async function runProm(url: string, signal?: AbortSignal): Promise<PanelResponse> {
  const res = await fetch(url, {
    credentials: "same-origin",
    headers: { accept: "application/json" },
    signal,
  });
  if (res.status === 401 && typeof window !== "undefined") {
    // The session ended: back to the login page, returning here afterwards.
    window.location.assign(
      `/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`,
    );
  }
  const body: unknown = await res.json().catch(() => null);
  if (!isPromResponse(body)) {
    const message =
      body && typeof body === "object" && "error" in body && typeof body.error === "string"
        ? body.error
        : `Unexpected answer from the query API (HTTP ${res.status})`;
    throw new PromApiError(res.status, message, "internal");
  }
  if (body.status === "error") throw new PromApiError(res.status, body.error, body.errorType);
  return { kind: "prom", data: body.data, warnings: body.warnings ?? [] };
}

const modelBase = (model: string) => `/api/v1/models/${encodeURIComponent(model)}`;

function need(value: string | null, what: string): string {
  if (!value) throw new ApiError(400, `no ${what} chosen for this panel`);
  return value;
}

async function runBuiltin(
  req: Extract<PanelRequest, { kind: "builtin" }>,
  signal?: AbortSignal,
): Promise<PanelResponse> {
  const b = req.builtin;
  const range = { from: req.from, to: req.to };
  switch (b.kind) {
    case "confusion-matrix": {
      const p = new URLSearchParams({ ...range, window: "all" });
      if (b.version) p.set("version", b.version);
      const quality = await fetchJson<QualityResponse>(
        `${modelBase(need(b.model, "model"))}/quality?${p}`,
        signal,
      );
      return { kind: "confusion-matrix", quality };
    }
    case "drift-table": {
      const p = new URLSearchParams(range);
      if (b.version) p.set("version", b.version);
      const drift = await fetchJson<DriftResponse>(`${modelBase(need(b.model, "model"))}/drift?${p}`, signal);
      return { kind: "drift-table", drift };
    }
    case "shadow-verdict": {
      const model = need(b.model, "model");
      const name = need(b.shadow, "shadow");
      const { shadows } = await fetchJson<{ shadows: ShadowListItem[] }>(
        `${modelBase(model)}/shadows`,
        signal,
      );
      const shadow = shadows.find((s) => s.name === name);
      if (!shadow) throw new ApiError(404, `model ${model} has no shadow named "${name}"`);
      const comparison = await fetchJson<ShadowComparison>(
        `/api/v1/shadows/${shadow.id}/comparison?${new URLSearchParams(range)}`,
        signal,
      );
      return { kind: "shadow-verdict", comparison };
    }
    case "experiment-summary": {
      const key = need(b.experiment, "experiment");
      const results = await fetchJson<ExperimentResults>(
        `/api/v1/experiments/${encodeURIComponent(key)}/results`,
        signal,
      );
      return { kind: "experiment-summary", results };
    }
  }
}

export const runDashboardQuery: RunPanelQuery = (req, signal) =>
  req.kind === "builtin" ? runBuiltin(req, signal) : runProm(promRequestUrl(req), signal);
