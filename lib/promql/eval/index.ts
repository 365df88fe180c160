// Public API of the PromQL evaluator: instant and range queries over a SeriesSource, Prometheus 2.42 semantics.
import type { Expr } from "../ast";
import { PromQLError } from "../ast";
import type { SeriesSource } from "../source";
import { Engine, type Limits } from "./engine";
import { compareLabels } from "./labels";
import { forEachWindow } from "./selectors";
import type { Value } from "./types";

export interface EngineOptions {
  /** Default 300_000 (5m), as Prometheus' --query.lookback-delta. */
  lookbackDeltaMs?: number;
  /** Default 50_000_000, as Prometheus' --query.max-samples. */
  maxSamples?: number;
  timeoutMs?: number;
  /** Step of subqueries written without one (Prometheus: the global evaluation interval, default 1m). */
  defaultSubqueryStepMs?: number;
}

export type Sample = { metric: Record<string, string>; value: [number, number] };
export type Series = { metric: Record<string, string>; values: Array<[number, number]> };
export type InstantResult =
  | { resultType: "vector"; result: Sample[] }
  | { resultType: "scalar"; result: [number, number] }
  | { resultType: "string"; result: [number, string] }
  | { resultType: "matrix"; result: Series[] };
export type RangeResult = { resultType: "matrix"; result: Series[] };

function limitsOf(opts: EngineOptions | undefined): Limits {
  return {
    lookbackMs: opts?.lookbackDeltaMs ?? 300_000,
    maxSamples: opts?.maxSamples ?? 50_000_000,
    timeoutMs: opts?.timeoutMs ?? null,
    subqueryStepMs: opts?.defaultSubqueryStepMs ?? 60_000,
  };
}

function unwrapParens(expr: Expr): Expr {
  return expr.type === "paren" ? unwrapParens(expr.expr) : expr;
}

export async function instantQuery(
  source: SeriesSource,
  expr: Expr,
  timeMs: number,
  opts?: EngineOptions,
): Promise<InstantResult> {
  const engine = new Engine(source, { startMs: timeMs, endMs: timeMs }, limitsOf(opts));
  const grid = { ts: Float64Array.of(timeMs) };
  const inner = unwrapParens(expr);
  if (inner.type === "matrixSelector" || inner.type === "subquery") {
    // A range vector at the top level returns its raw samples in the window ending at the evaluation time.
    const input = await engine.evalRange(inner, grid);
    const result: Series[] = [];
    for (const s of input.series) {
      forEachWindow(input, s, grid, (_k, lo, hi) => {
        const values: Array<[number, number]> = [];
        for (let i = lo; i < hi; i++) values.push([s.timestamps[i]!, s.values[i]!]);
        result.push({ metric: s.labels, values });
      });
    }
    return { resultType: "matrix", result };
  }
  const v: Value = await engine.eval(expr, grid);
  if (v.kind === "scalar") return { resultType: "scalar", result: [timeMs, v.values[0]!] };
  if (v.kind === "string") return { resultType: "string", result: [timeMs, v.value] };
  const result: Sample[] = [];
  for (const s of v.series)
    if (s.present[0]) result.push({ metric: s.labels, value: [timeMs, s.values[0]!] });
  return { resultType: "vector", result };
}

export async function rangeQuery(
  source: SeriesSource,
  expr: Expr,
  startMs: number,
  endMs: number,
  stepMs: number,
  opts?: EngineOptions,
): Promise<RangeResult> {
  if (!(stepMs > 0)) {
    throw new PromQLError("zero or negative query resolution step widths are not accepted", null, "bad_data");
  }
  if (endMs < startMs) throw new PromQLError("end timestamp must not be before start time", null, "bad_data");
  const inner = unwrapParens(expr);
  if (inner.type === "matrixSelector" || inner.type === "subquery" || inner.type === "string") {
    const t = inner.type === "string" ? "string" : "range vector";
    throw new PromQLError(
      `invalid expression type "${t}" for range query, must be Scalar or instant Vector`,
      expr.pos,
      "bad_data",
    );
  }
  const n = Math.floor((endMs - startMs) / stepMs) + 1;
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) ts[i] = startMs + i * stepMs;
  const engine = new Engine(source, { startMs, endMs }, limitsOf(opts));
  const v = await engine.eval(expr, { ts });
  if (v.kind === "string") throw new PromQLError("string result in range query", expr.pos, "bad_data");
  const result: Series[] = [];
  if (v.kind === "scalar") {
    result.push({ metric: {}, values: Array.from(ts, (t, i) => [t, v.values[i]!] as [number, number]) });
    return { resultType: "matrix", result };
  }
  for (const s of v.series) {
    const values: Array<[number, number]> = [];
    for (let k = 0; k < n; k++) if (s.present[k]) values.push([ts[k]!, s.values[k]!]);
    if (values.length > 0) result.push({ metric: s.labels, values });
  }
  result.sort((a, b) => compareLabels(a.metric, b.metric));
  return { resultType: "matrix", result };
}
