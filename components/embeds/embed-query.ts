"use client";
// An embed's answer to a panel's requests: the token endpoints (/api/embed/query, /api/embed/builtin), which
// run the STORED query of the panel by its index — the request's `expr` is never sent. Only the parameters the
// token makes editable go along; cookies never do.
import { isPromResponse } from "@/lib/charts/prom-result";
import type { PanelRequest, PanelResponse, RunPanelQuery } from "@/lib/dashboards/panel-query";
import type { TimeRange } from "@/lib/dashboards/time";

export class EmbedExpiredError extends Error {
  constructor() {
    super("This embed has expired");
    this.name = "EmbedExpiredError";
  }
}

export interface EmbedQueryContext {
  token: () => string;
  expired: () => boolean;
  onExpired: () => void;
  editable: readonly string[];
  time: TimeRange;
  values: Readonly<Record<string, readonly string[]>>;
}

/** The query string of one request: token, panel, target and step, and the editable parameters' values. */
export function embedRequestParams(req: PanelRequest, ctx: EmbedQueryContext): URLSearchParams {
  const p = new URLSearchParams({ token: ctx.token(), panel: req.panelId });
  if (req.kind === "range") {
    p.set("target", String(req.target));
    p.set("step", String(req.step));
  } else if (req.kind === "instant") {
    p.set("target", String(req.target));
    p.set("instant", "true");
  }
  for (const name of ctx.editable) {
    if (name === "from" || name === "to") p.set(name, ctx.time[name]);
    else for (const v of ctx.values[name] ?? []) p.append(name, v);
  }
  return p;
}

function messageOf(body: unknown, status: number): string {
  return body && typeof body === "object" && "error" in body && typeof body.error === "string"
    ? body.error
    : `The embed's data could not be read (HTTP ${status})`;
}

export function embedRunQuery(ctx: EmbedQueryContext): RunPanelQuery {
  return async (req, signal): Promise<PanelResponse> => {
    if (ctx.expired()) throw new EmbedExpiredError();
    const route = req.kind === "builtin" ? "builtin" : "query";
    const res = await fetch(`/api/embed/${route}?${embedRequestParams(req, ctx)}`, {
      credentials: "omit",
      headers: { accept: "application/json" },
      signal,
    });
    const body: unknown = await res.json().catch(() => null);
    if (res.status === 403 && messageOf(body, res.status) === "expired token") {
      ctx.onExpired();
      throw new EmbedExpiredError();
    }
    if (req.kind === "builtin") {
      if (!res.ok) throw new Error(messageOf(body, res.status));
      return body as PanelResponse;
    }
    if (!isPromResponse(body)) throw new Error(messageOf(body, res.status));
    if (body.status === "error") throw new Error(body.error);
    return { kind: "prom", data: body.data, warnings: body.warnings ?? [] };
  };
}
