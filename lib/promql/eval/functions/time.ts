// Date functions (UTC) and timestamp().
import type { Call } from "../../ast";
import { mapSeries, newSeries } from "../builder";
import { dropName, labelsKey } from "../labels";
import { evalVectorSelector } from "../selectors";
import type { Evaluator, Grid, Value } from "../types";

const DATE: Record<string, (d: Date) => number> = {
  year: (d) => d.getUTCFullYear(),
  month: (d) => d.getUTCMonth() + 1,
  day_of_month: (d) => d.getUTCDate(),
  day_of_week: (d) => d.getUTCDay(),
  day_of_year: (d) =>
    Math.round(
      (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) /
        86_400_000,
    ) + 1,
  days_in_month: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
};

/** Go's time.Unix(int64(v), 0): the value is truncated to whole seconds. */
function dateOf(seconds: number): Date {
  return new Date(Math.trunc(seconds) * 1000);
}

export async function evalTimeCall(ev: Evaluator, call: Call, grid: Grid): Promise<Value | null> {
  const n = grid.ts.length;
  if (call.func === "timestamp") return timestamp(ev, call, grid);
  const f = DATE[call.func];
  if (!f) return null;
  if (call.args.length === 0) {
    // Default argument vector(time()): labels {}, whole seconds of the step time.
    const s = newSeries({}, labelsKey({}), n);
    for (let k = 0; k < n; k++) {
      s.values[k] = f(dateOf(Math.floor(grid.ts[k]! / 1000)));
      s.present[k] = 1;
    }
    return { kind: "vector", series: [s] };
  }
  const v = await ev.eval(call.args[0]!, grid);
  if (v.kind !== "vector") return { kind: "vector", series: [] };
  return {
    kind: "vector",
    series: mapSeries(v.series, n, dropName, (x) => {
      const d = dateOf(x);
      return Number.isNaN(d.getTime()) ? Number.NaN : f(d);
    }),
  };
}

/** timestamp() of a plain selector reports each sample's own time; of anything else, the evaluation time. */
async function timestamp(ev: Evaluator, call: Call, grid: Grid): Promise<Value> {
  let arg = call.args[0]!;
  while (arg.type === "paren") arg = arg.expr;
  const n = grid.ts.length;
  if (arg.type === "vectorSelector") {
    const v = await evalVectorSelector(ev, arg, grid, true);
    const series = v.series.map((s) => {
      const labels = dropName(s.labels);
      return { labels, key: labelsKey(labels), values: s.sampleTs!.map((t) => t / 1000), present: s.present };
    });
    return { kind: "vector", series: mapSeries(series, n, null, (x) => x) };
  }
  const v = await ev.eval(arg, grid);
  if (v.kind !== "vector") return { kind: "vector", series: [] };
  return { kind: "vector", series: mapSeries(v.series, n, dropName, (_x, k) => grid.ts[k]! / 1000) };
}
