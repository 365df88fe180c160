// A rule group's queries against an external Prometheus (the group's `datasource`), server-side through the
// data-source proxy (credentials, outbound address policy, timeout). Every way a query can fail — the source
// is gone, the network or the timeout, an HTTP error, Prometheus' own error body, a result that is not a
// vector or scalar — comes back as {ok: false, error}, which the rule's on_error policy then handles.

import { proxyPrometheus } from "../datasources/proxy";
import type { Database } from "../db/client";
import type { QueryFn } from "./group-eval";
import type { QueryOutcome } from "./state";

/** Prometheus' sample value text ("NaN", "+Inf", "-Inf" or a float). */
export function parsePromValue(text: unknown): number {
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  if (typeof text === "number") return text;
  return typeof text === "string" ? Number(text) : Number.NaN;
}

/** Seconds with millisecond precision, as Prometheus' API takes a time. */
export const promTime = (ms: number) => (ms / 1000).toFixed(3);

interface PromBody {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: unknown };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** The answer of a Prometheus API call as the body's data, or the error that stops using it. */
export function dataOf(name: string, res: { status: number; body: unknown }): PromBody["data"] | string {
  const body = (isObject(res.body) ? res.body : {}) as PromBody;
  if (body.status === "error" || res.status >= 400) {
    const what = body.error ? `${body.errorType ?? "error"}: ${body.error}` : `HTTP ${res.status}`;
    return `data source "${name}" answered ${res.status}: ${what}`;
  }
  if (body.status !== "success" || !isObject(body.data))
    return `data source "${name}" answered ${res.status} without a Prometheus result`;
  return body.data;
}

export function outcomeOf(name: string, res: { status: number; body: unknown }): QueryOutcome {
  const data = dataOf(name, res);
  if (typeof data === "string" || data === undefined) return { ok: false, error: data ?? "no data" };
  if (data.resultType === "scalar" && Array.isArray(data.result))
    return { ok: true, samples: [{ labels: {}, value: parsePromValue(data.result[1]) }] };
  if (data.resultType === "vector" && Array.isArray(data.result)) {
    const samples = (data.result as Array<{ metric?: Record<string, string>; value?: unknown[] }>).map(
      (s) => ({ labels: { ...(s.metric ?? {}) }, value: parsePromValue(s.value?.[1]) }),
    );
    return { ok: true, samples };
  }
  return { ok: false, error: `rule result is not a vector or scalar (${String(data.resultType)})` };
}

export function remoteQuery(database: Database, datasource: string): QueryFn {
  return async (expr, at) => {
    try {
      const params = new URLSearchParams({ query: expr, time: promTime(at) });
      return outcomeOf(datasource, await proxyPrometheus(database, datasource, "/api/v1/query", params));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: `data source "${datasource}": ${message}` };
    }
  };
}
