// Calls whose argument is a range vector: one output series per input series, windowed per step.
import type { Call } from "../../ast";
import { dupError, newSeries } from "../builder";
import { dropName, labelsKey } from "../labels";
import { forEachWindow } from "../selectors";
import type { Evaluator, Grid, GridSeries, Value } from "../types";
import { absentLabels } from "./misc";
import { OVER_TIME_FUNCTIONS } from "./over-time";
import { RATE_FUNCTIONS } from "./rate";
import type { RangeFn, Window } from "./window";

const RANGE_FUNCTIONS: Record<string, RangeFn> = { ...RATE_FUNCTIONS, ...OVER_TIME_FUNCTIONS };

export function isRangeFunction(name: string): boolean {
  return name in RANGE_FUNCTIONS || name === "absent_over_time";
}

export async function evalRangeCall(ev: Evaluator, call: Call, grid: Grid): Promise<Value> {
  const n = grid.ts.length;
  const matIdx = call.func === "quantile_over_time" ? 1 : 0;
  const scalarArgs: Float64Array[] = [];
  for (let i = 0; i < call.args.length; i++) {
    if (i === matIdx) continue;
    const v = await ev.eval(call.args[i]!, grid);
    scalarArgs.push(v.kind === "scalar" ? v.values : new Float64Array(n).fill(Number.NaN));
  }
  const input = await ev.evalRange(call.args[matIdx]!, grid);

  if (call.func === "absent_over_time") {
    // 1 at the steps where no series has a sample in its window, labelled from the selector's equality matchers.
    const covered = new Uint8Array(n);
    for (const s of input.series) forEachWindow(input, s, grid, (k) => (covered[k] = 1));
    const labels = absentLabels(call.args[0]!);
    const out = newSeries(labels, labelsKey(labels), n);
    let any = false;
    for (let k = 0; k < n; k++) {
      if (covered[k]) continue;
      out.present[k] = 1;
      out.values[k] = 1;
      any = true;
    }
    return { kind: "vector", series: any ? [out] : [] };
  }

  const fn = RANGE_FUNCTIONS[call.func]!;
  // Only last_over_time returns the input sample itself; every other range function drops the metric name.
  const keepName = call.func === "last_over_time";
  const w: Window = {
    t: new Float64Array(0),
    v: new Float64Array(0),
    lo: 0,
    hi: 0,
    rangeStart: 0,
    rangeEnd: 0,
    rangeMs: input.rangeMs,
    evalTs: 0,
    args: scalarArgs.map(() => 0),
  };
  const out: GridSeries[] = [];
  const keys = new Set<string>();
  for (const s of input.series) {
    const labels = keepName ? s.labels : dropName(s.labels);
    const gs = newSeries(labels, keepName ? s.key : labelsKey(labels), n);
    let any = false;
    w.t = s.timestamps;
    w.v = s.values;
    forEachWindow(input, s, grid, (k, lo, hi, rangeStart, rangeEnd) => {
      w.lo = lo;
      w.hi = hi;
      w.rangeStart = rangeStart;
      w.rangeEnd = rangeEnd;
      w.evalTs = grid.ts[k]!;
      for (let a = 0; a < scalarArgs.length; a++) w.args[a] = scalarArgs[a]![k]!;
      const r = fn(w);
      if (r === undefined) return;
      gs.values[k] = r;
      gs.present[k] = 1;
      any = true;
    });
    if (!any) continue;
    // Prometheus checks the whole output matrix here, not step by step.
    if (keys.has(gs.key)) throw dupError();
    keys.add(gs.key);
    out.push(gs);
  }
  return { kind: "vector", series: out };
}
