// absent, scalar, vector, sort/sort_desc, time, pi.
import type { Call, Expr } from "../../ast";
import { newSeries } from "../builder";
import { labelsKey } from "../labels";
import type { Evaluator, Grid, Labels, Value } from "../types";

/** Prometheus' createLabelsForAbsentFunction: labels fixed by exactly one equality matcher each. */
export function absentLabels(expr: Expr): Labels {
  let e = expr;
  while (e.type === "paren") e = e.expr;
  const matchers =
    e.type === "vectorSelector" ? e.matchers : e.type === "matrixSelector" ? e.vector.matchers : [];
  const out: Labels = {};
  const drop: string[] = [];
  for (const m of matchers) {
    if (m.name === "__name__") continue;
    if (m.op === "=" && !(m.name in out)) out[m.name] = m.value;
    else drop.push(m.name);
  }
  for (const d of drop) delete out[d];
  // An empty value is no label at all.
  for (const [k, v] of Object.entries(out)) if (v === "") delete out[k];
  return out;
}

/** NaN sorts last in both directions (Prometheus reverses a NaN-first heap order). */
function sortCompare(desc: boolean): (a: number, b: number) => number {
  return (a, b) => {
    const an = Number.isNaN(a);
    const bn = Number.isNaN(b);
    if (an || bn) return an === bn ? 0 : an ? 1 : -1;
    return desc ? b - a : a - b;
  };
}

export async function evalMiscCall(ev: Evaluator, call: Call, grid: Grid): Promise<Value | null> {
  const n = grid.ts.length;
  switch (call.func) {
    case "time":
      return { kind: "scalar", values: grid.ts.map((t) => t / 1000) };
    case "pi":
      return { kind: "scalar", values: new Float64Array(n).fill(Math.PI) };
    case "vector": {
      const v = await ev.eval(call.args[0]!, grid);
      const s = newSeries({}, labelsKey({}), n);
      if (v.kind === "scalar") s.values.set(v.values);
      s.present.fill(1);
      return { kind: "vector", series: [s] };
    }
    case "scalar": {
      const v = await ev.eval(call.args[0]!, grid);
      const out = new Float64Array(n).fill(Number.NaN);
      if (v.kind === "vector") {
        for (let k = 0; k < n; k++) {
          let count = 0;
          let value = Number.NaN;
          for (const s of v.series) {
            if (!s.present[k]) continue;
            count++;
            value = s.values[k]!;
          }
          if (count === 1) out[k] = value;
        }
      }
      return { kind: "scalar", values: out };
    }
    case "absent": {
      const v = await ev.eval(call.args[0]!, grid);
      const labels = absentLabels(call.args[0]!);
      const s = newSeries(labels, labelsKey(labels), n);
      let any = false;
      for (let k = 0; k < n; k++) {
        if (v.kind === "vector" && v.series.some((x) => x.present[k])) continue;
        s.present[k] = 1;
        s.values[k] = 1;
        any = true;
      }
      return { kind: "vector", series: any ? [s] : [] };
    }
    case "sort":
    case "sort_desc": {
      const v = await ev.eval(call.args[0]!, grid);
      if (v.kind !== "vector" || n !== 1) return v;
      // Only instant queries have an order; range results are sorted by labels anyway.
      const cmp = sortCompare(call.func === "sort_desc");
      return { kind: "vector", series: [...v.series].sort((a, b) => cmp(a.values[0]!, b.values[0]!)) };
    }
    default:
      return null;
  }
}
