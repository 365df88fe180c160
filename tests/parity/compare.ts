// Result comparison with the PromQL compliance tester's rules (prometheus/compliance promql/comparer):
// values equal within a 1e-5 fraction (cmpopts.EquateApprox), NaN equals NaN, ±Inf equal only to themselves,
// identical label sets and timestamps, and both sides fail or neither. The tester only runs range queries,
// whose matrices are sorted, so series order never matters there; for instant sort()/sort_desc() we also
// check the order of values (labels of tied values may come in any order in Prometheus too).
import type { ApiAnswer } from "./prometheus";

export type Point = [number, number];
export interface NSeries {
  key: string;
  metric: Record<string, string>;
  points: Point[];
}
export type Normalized =
  | { kind: "error"; message: string }
  | { kind: "scalar"; point: Point }
  | { kind: "string"; t: number; value: string }
  | { kind: "vector" | "matrix"; series: NSeries[] };

export const REL_TOLERANCE = 1e-5;
/** Results that should be 0 can come out as ±1e-17 after a different summation order. */
export const ABS_TOLERANCE = 1e-10;

function num(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    if (v === "+Inf" || v === "Inf") return Number.POSITIVE_INFINITY;
    if (v === "-Inf") return Number.NEGATIVE_INFINITY;
    return Number(v);
  }
  throw new Error(`not a number: ${JSON.stringify(v)}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function point(v: unknown, tsScale: number): Point {
  if (!Array.isArray(v) || v.length !== 2) throw new Error(`not a [t, v] pair: ${JSON.stringify(v)}`);
  return [Math.round(num(v[0]) * tsScale), num(v[1])];
}

export function labelKey(metric: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(metric)
      .sort()
      .map((k) => [k, metric[k]]),
  );
}

function metricOf(v: unknown): Record<string, string> {
  if (!isRecord(v)) throw new Error("series without a metric object");
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = String(x);
  return out;
}

/**
 * Prometheus' JSON shape (tsScale 1000: its timestamps are seconds) or Vigil's (tsScale 1: ms) into one form.
 * Throws when the shape is not a query result at all, which counts as a failure of that side.
 */
export function normalizeData(resultType: unknown, result: unknown, tsScale: number): Normalized {
  switch (resultType) {
    case "scalar":
      return { kind: "scalar", point: point(result, tsScale) };
    case "string": {
      if (!Array.isArray(result) || result.length !== 2) throw new Error("bad string result");
      return { kind: "string", t: Math.round(num(result[0]) * tsScale), value: String(result[1]) };
    }
    case "vector":
    case "matrix": {
      if (!Array.isArray(result)) throw new Error(`${resultType} result is not an array`);
      const series = result.map((s: unknown): NSeries => {
        if (!isRecord(s)) throw new Error("series is not an object");
        const metric = metricOf(s.metric);
        const raw = resultType === "vector" ? [s.value] : s.values;
        if (!Array.isArray(raw)) throw new Error("series without values");
        return { key: labelKey(metric), metric, points: raw.map((p: unknown) => point(p, tsScale)) };
      });
      return { kind: resultType, series };
    }
    default:
      throw new Error(`unknown resultType ${JSON.stringify(resultType)}`);
  }
}

export function normalizePrometheus(a: ApiAnswer): Normalized {
  if (a.status === "error") return { kind: "error", message: `${a.errorType}: ${a.error}` };
  return normalizeData(a.data.resultType, a.data.result, 1000);
}

export function normalizeVigil(v: unknown): Normalized {
  if (!isRecord(v)) throw new Error(`Vigil returned ${JSON.stringify(v)?.slice(0, 80)}`);
  return normalizeData(v.resultType, v.result, 1);
}

export function sameValue(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= Math.max(ABS_TOLERANCE, REL_TOLERANCE * Math.min(Math.abs(a), Math.abs(b)));
}

function showMetric(m: Record<string, string>): string {
  const { __name__: name, ...rest } = m;
  const inner = Object.entries(rest)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`)
    .join(",");
  return `${name ?? ""}{${inner}}`;
}

function comparePoints(ref: Point[], got: Point[], what: string): string | null {
  if (ref.length !== got.length) {
    const rt = new Set(ref.map((p) => p[0]));
    const extra = got.find((p) => !rt.has(p[0]));
    const gt = new Set(got.map((p) => p[0]));
    const missing = ref.find((p) => !gt.has(p[0]));
    const detail = missing ? `missing t=${missing[0]}` : extra ? `extra t=${extra[0]}` : "";
    return `${what}: ${got.length} points, expected ${ref.length} ${detail}`.trim();
  }
  for (let i = 0; i < ref.length; i++) {
    const [rt, rv] = ref[i]!;
    const [gt, gv] = got[i]!;
    if (rt !== gt) return `${what}: point ${i} at t=${gt}, expected t=${rt}`;
    if (!sameValue(rv, gv)) return `${what} at t=${rt}: ${gv}, expected ${rv}`;
  }
  return null;
}

/** null when the results agree, otherwise a one-line reason. */
export function compareResults(ref: Normalized, got: Normalized, ordered: boolean): string | null {
  if (ref.kind === "error" || got.kind === "error") {
    if (ref.kind === "error" && got.kind === "error") return null;
    if (got.kind === "error") return `Vigil error, Prometheus succeeded: ${got.message}`;
    return `Vigil succeeded, Prometheus error: ${ref.kind === "error" ? ref.message : ""}`;
  }
  if (ref.kind !== got.kind) return `result type ${got.kind}, expected ${ref.kind}`;
  if (ref.kind === "scalar" && got.kind === "scalar")
    return comparePoints([ref.point], [got.point], "scalar");
  if (ref.kind === "string" && got.kind === "string") {
    return ref.t === got.t && ref.value === got.value
      ? null
      : `string ${got.value}@${got.t}, expected ${ref.value}@${ref.t}`;
  }
  if ((ref.kind === "vector" || ref.kind === "matrix") && (got.kind === "vector" || got.kind === "matrix")) {
    const gotByKey = new Map<string, NSeries>();
    for (const s of got.series) {
      if (gotByKey.has(s.key)) return `duplicate series ${showMetric(s.metric)}`;
      gotByKey.set(s.key, s);
    }
    const refKeys = new Set(ref.series.map((s) => s.key));
    const missing = ref.series.filter((s) => !gotByKey.has(s.key));
    const extra = got.series.filter((s) => !refKeys.has(s.key));
    if (missing.length > 0 || extra.length > 0) {
      const parts: string[] = [];
      if (missing.length > 0)
        parts.push(`missing ${missing.length} series e.g. ${showMetric(missing[0]!.metric)}`);
      if (extra.length > 0) parts.push(`extra ${extra.length} series e.g. ${showMetric(extra[0]!.metric)}`);
      return `${parts.join("; ")} (got ${got.series.length}, expected ${ref.series.length})`;
    }
    for (const s of ref.series) {
      const diff = comparePoints(s.points, gotByKey.get(s.key)!.points, showMetric(s.metric));
      if (diff) return diff;
    }
    if (ordered && ref.kind === "vector") {
      for (let i = 0; i < ref.series.length; i++) {
        const rv = ref.series[i]!.points[0]?.[1] ?? 0;
        const gv = got.series[i]!.points[0]?.[1] ?? 0;
        if (!sameValue(rv, gv)) return `order: element ${i} is ${gv}, expected ${rv}`;
      }
    }
    return null;
  }
  return "incomparable results";
}
