// Prometheus HTTP API query results as the explore page reads them, plus the pure helpers every view
// shares: sample value parsing ("NaN", "+Inf"), label-set formatting and value display.

export type PromMetric = Record<string, string>;
/** `[unixSeconds, "value"]` as Prometheus encodes a sample. */
export type PromSample = [number, string];

export interface PromVectorItem {
  metric: PromMetric;
  value: PromSample;
}

export interface PromMatrixItem {
  metric: PromMetric;
  values: PromSample[];
}

export type PromQueryData =
  | { resultType: "vector"; result: PromVectorItem[] }
  | { resultType: "matrix"; result: PromMatrixItem[] }
  | { resultType: "scalar"; result: PromSample }
  | { resultType: "string"; result: PromSample };

export type PromResponse =
  | { status: "success"; data: PromQueryData; warnings?: string[]; infos?: string[] }
  | { status: "error"; errorType: string; error: string };

/** A sample value string → number: "NaN", "+Inf", "-Inf", "Inf" and plain decimals; garbage → NaN. */
export function parsePromValue(raw: string): number {
  const s = raw.trim();
  if (s === "+Inf" || s === "Inf" || s === "+inf" || s === "inf") return Number.POSITIVE_INFINITY;
  if (s === "-Inf" || s === "-inf") return Number.NEGATIVE_INFINITY;
  if (s === "" || s === "NaN") return Number.NaN;
  const n = Number(s);
  return Number.isNaN(n) ? Number.NaN : n;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/**
 * A label set as PromQL writes it: `name{a="b",c="d"}` (labels sorted, the metric name outside the braces),
 * `{a="b"}` without a name, `{}` for the empty set.
 */
export function formatLabels(metric: PromMetric, options: { withName?: boolean } = {}): string {
  const withName = options.withName ?? true;
  const name = metric.__name__;
  const pairs = Object.keys(metric)
    .filter((k) => k !== "__name__")
    .sort()
    .map((k) => `${LABEL_NAME.test(k) ? k : quote(k)}=${quote(metric[k]!)}`);
  const body = `{${pairs.join(",")}}`;
  if (withName && name) return pairs.length > 0 ? `${name}${body}` : name;
  return body;
}

/** A stable identity for a series: its full label set. */
export function seriesId(metric: PromMetric): string {
  return formatLabels(metric, { withName: true });
}

/** Display a sample value: up to `digits` significant digits, Prometheus' spellings for the special ones. */
export function formatPromValue(v: number, digits = 6): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  if (v === 0) return "0";
  const abs = Math.abs(v);
  if (abs >= 1e15 || abs < 1e-6) return v.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, "e");
  return String(Number(v.toPrecision(digits)));
}

/** Short axis label: SI suffixes for large magnitudes, trimmed decimals for small ones. */
export function formatAxisValue(v: number): string {
  if (!Number.isFinite(v)) return formatPromValue(v);
  const abs = Math.abs(v);
  if (abs >= 1000) {
    return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 }).format(v);
  }
  return formatPromValue(v, 4);
}

/** Runtime check of an untyped JSON body (the one place the API's answer is trusted into types). */
export function isPromResponse(body: unknown): body is PromResponse {
  if (!body || typeof body !== "object" || !("status" in body)) return false;
  if (body.status === "error") return "error" in body && typeof body.error === "string";
  if (body.status !== "success" || !("data" in body)) return false;
  const data = body.data;
  if (!data || typeof data !== "object" || !("resultType" in data) || !("result" in data)) return false;
  const t = data.resultType;
  if (t === "vector" || t === "matrix") return Array.isArray(data.result);
  return (t === "scalar" || t === "string") && Array.isArray(data.result) && data.result.length === 2;
}
