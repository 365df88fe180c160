// The evaluator: dispatches each AST node over the step grid, owns data fetching and the resource limits.
import type { Expr, LabelMatcher, Pos } from "../ast";
import { PromQLError } from "../ast";
import type { SeriesSource } from "../source";
import { evalAggregate } from "./aggregate";
import { evalBinary } from "./binary";
import { mapSeries } from "./builder";
import { evalCall } from "./functions";
import { dropName, labelsKey } from "./labels";
import { evalMatrixSelector, evalSubquery, evalVectorSelector } from "./selectors";
import type { Evaluator, Grid, QueryTimes, RangeInput, RawSeries, Value } from "./types";

export interface Limits {
  lookbackMs: number;
  maxSamples: number;
  timeoutMs: number | null;
  subqueryStepMs: number;
}

export class Engine implements Evaluator {
  private samples = 0;
  private readonly deadline: number | null;
  readonly lookbackMs: number;
  readonly subqueryStepMs: number;

  constructor(
    private readonly source: SeriesSource,
    readonly q: QueryTimes,
    private readonly limits: Limits,
  ) {
    this.lookbackMs = limits.lookbackMs;
    this.subqueryStepMs = limits.subqueryStepMs;
    this.deadline = limits.timeoutMs === null ? null : Date.now() + limits.timeoutMs;
  }

  account(samples: number): void {
    this.samples += samples;
    if (this.samples > this.limits.maxSamples) {
      throw new PromQLError(
        "query processing would load too many samples into memory in query execution",
        null,
        "execution",
      );
    }
    if (this.deadline !== null && Date.now() > this.deadline) {
      throw new PromQLError("query timed out in query execution", null, "timeout");
    }
  }

  async fetch(matchers: LabelMatcher[], startMs: number, endMs: number, pos: Pos): Promise<RawSeries[]> {
    let raw: Awaited<ReturnType<SeriesSource["select"]>>;
    try {
      raw = await this.source.select(matchers, startMs, endMs);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      throw new PromQLError(`expanding series: ${msg}`, pos, "execution");
    }
    return raw.map((s) => ({
      labels: s.labels,
      key: labelsKey(s.labels),
      timestamps: s.timestamps,
      values: s.values,
      staleAt: s.staleAt,
    }));
  }

  async eval(expr: Expr, grid: Grid): Promise<Value> {
    this.account(0);
    const n = grid.ts.length;
    switch (expr.type) {
      case "number":
        return { kind: "scalar", values: new Float64Array(n).fill(expr.value) };
      case "string":
        return { kind: "string", value: expr.value };
      case "paren":
        return this.eval(expr.expr, grid);
      case "unary": {
        const v = await this.eval(expr.expr, grid);
        if (expr.op === "+" || v.kind === "string") return v;
        if (v.kind === "scalar") return { kind: "scalar", values: v.values.map((x) => -x) };
        // Negation changes the value, so the metric name goes (and equal label sets collide).
        return { kind: "vector", series: mapSeries(v.series, n, dropName, (x) => -x) };
      }
      case "vectorSelector":
        return evalVectorSelector(this, expr, grid);
      case "binary":
        return evalBinary(this, expr, grid);
      case "aggregate":
        return evalAggregate(this, expr, grid);
      case "call":
        return evalCall(this, expr, grid);
      case "matrixSelector":
      case "subquery":
        throw new PromQLError("range vector not allowed here", expr.pos, "execution");
      default: {
        const never: never = expr;
        throw new PromQLError(`unknown expression ${String(never)}`, null, "execution");
      }
    }
  }

  async evalRange(expr: Expr, grid: Grid): Promise<RangeInput> {
    if (expr.type === "paren") return this.evalRange(expr.expr, grid);
    if (expr.type === "matrixSelector") return evalMatrixSelector(this, expr, grid);
    if (expr.type === "subquery") return evalSubquery(this, expr, grid);
    throw new PromQLError(`expected range vector, got ${expr.type}`, expr.pos, "execution");
  }
}
