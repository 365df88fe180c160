// Element-wise math functions (drop the metric name), including Go's log2/log10 formulas for identical bits.
import type { Call } from "../../ast";
import { mapSeries } from "../builder";
import { dropName } from "../labels";
import type { Evaluator, Grid, Value } from "../types";

const buf = new DataView(new ArrayBuffer(8));

/** Go's math.Frexp: x = frac × 2^exp with |frac| in [0.5, 1). */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let exp = 0;
  if (Math.abs(x) < 2.2250738585072014e-308) {
    x *= 2 ** 52;
    exp = -52;
  }
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  exp += ((hi >>> 20) & 0x7ff) - 1022;
  buf.setUint32(0, (hi & ~(0x7ff << 20)) | (1022 << 20));
  return [buf.getFloat64(0), exp];
}

function goLog2(x: number): number {
  const [frac, exp] = frexp(x);
  // Exact for powers of two, as Go special-cases them.
  if (frac === 0.5) return exp - 1;
  return Math.log(frac) * (1 / Math.LN2) + exp;
}

function goLog10(x: number): number {
  return goLog2(x) * (Math.LN2 / Math.LN10);
}

const SIMPLE: Record<string, (v: number) => number> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: Math.log,
  log2: goLog2,
  log10: goLog10,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  rad: (v) => (v * Math.PI) / 180,
  deg: (v) => (v * 180) / Math.PI,
  sgn: (v) => (v < 0 ? -1 : v > 0 ? 1 : v),
};

async function scalarArg(
  ev: Evaluator,
  call: Call,
  i: number,
  grid: Grid,
  dflt: number,
): Promise<Float64Array> {
  const arg = call.args[i];
  if (!arg) return new Float64Array(grid.ts.length).fill(dflt);
  const v = await ev.eval(arg, grid);
  return v.kind === "scalar" ? v.values : new Float64Array(grid.ts.length).fill(Number.NaN);
}

export async function evalMathCall(ev: Evaluator, call: Call, grid: Grid): Promise<Value | null> {
  const name = call.func;
  const simple = SIMPLE[name];
  const known = simple || name === "round" || name.startsWith("clamp");
  if (!known) return null;
  const n = grid.ts.length;
  const v = await ev.eval(call.args[0]!, grid);
  if (v.kind !== "vector") return { kind: "vector", series: [] };
  if (simple) return { kind: "vector", series: mapSeries(v.series, n, dropName, simple) };
  if (name === "round") {
    const toNearest = await scalarArg(ev, call, 1, grid, 1);
    return {
      kind: "vector",
      series: mapSeries(v.series, n, dropName, (x, k) => {
        // Prometheus multiplies by the inverse, which is less prone to float error; ties round up.
        const inv = 1 / toNearest[k]!;
        return Math.floor(x * inv + 0.5) / inv;
      }),
    };
  }
  if (name === "clamp") {
    const min = await scalarArg(ev, call, 1, grid, Number.NaN);
    const max = await scalarArg(ev, call, 2, grid, Number.NaN);
    return {
      kind: "vector",
      series: mapSeries(v.series, n, dropName, (x, k) =>
        // max < min yields an empty vector at that step.
        max[k]! < min[k]! ? undefined : Math.max(min[k]!, Math.min(max[k]!, x)),
      ),
    };
  }
  const bound = await scalarArg(ev, call, 1, grid, Number.NaN);
  const f = name === "clamp_max" ? Math.min : Math.max;
  return { kind: "vector", series: mapSeries(v.series, n, dropName, (x, k) => f(bound[k]!, x)) };
}
