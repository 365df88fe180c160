// Internal values of the evaluator. Every expression is evaluated once over the whole grid of step timestamps
// (one step for instant queries), the way Prometheus' rangeEval works, so selectors read storage once per query.
import type { AtModifier } from "../ast";

export type Labels = Record<string, string>;

/** One output series on the evaluation grid: values[i] is meaningful only where present[i] is 1. */
export interface GridSeries {
  labels: Labels;
  key: string;
  values: Float64Array;
  present: Uint8Array;
  /** Sample timestamps (ms) per step; only vector selectors fill it, for timestamp(). */
  sampleTs?: Float64Array;
}

export interface VectorValue {
  kind: "vector";
  series: GridSeries[];
}
export interface ScalarValue {
  kind: "scalar";
  values: Float64Array;
}
export interface StringValue {
  kind: "string";
  value: string;
}
export type Value = VectorValue | ScalarValue | StringValue;

/** Raw samples of one series (from storage or from a subquery's inner evaluation). */
export interface RawSeries {
  labels: Labels;
  key: string;
  timestamps: Float64Array;
  values: Float64Array;
  /** Stale markers (see SourceSeries.staleAt). */
  staleAt?: Float64Array;
}

/** A range-vector argument: raw series plus how to place the (closed) window for a step. */
export interface RangeInput {
  series: RawSeries[];
  rangeMs: number;
  offsetMs: number;
  /** Pinned evaluation time from @ (already resolved from start()/end()), else null. */
  atMs: number | null;
}

/** The grid an expression is evaluated on: ascending step timestamps (ms). */
export interface Grid {
  ts: Float64Array;
}

export interface QueryTimes {
  startMs: number;
  endMs: number;
}

export function resolveAt(at: AtModifier | null, q: QueryTimes): number | null {
  if (!at) return null;
  if (at.kind === "start") return q.startMs;
  if (at.kind === "end") return q.endMs;
  return at.ms;
}

/** What operator and function modules need from the engine (kept as an interface to avoid import cycles). */
export interface Evaluator {
  readonly q: QueryTimes;
  readonly lookbackMs: number;
  readonly subqueryStepMs: number;
  eval(expr: import("../ast").Expr, grid: Grid): Promise<Value>;
  /** Evaluate a range-vector expression (matrix selector or subquery, parentheses allowed). */
  evalRange(expr: import("../ast").Expr, grid: Grid): Promise<RangeInput>;
  fetch(
    matchers: import("../ast").LabelMatcher[],
    startMs: number,
    endMs: number,
    pos: import("../ast").Pos,
  ): Promise<RawSeries[]>;
  /** Account for samples held in memory (Prometheus' max-samples limit) and check the deadline. */
  account(samples: number): void;
}
