// *_over_time aggregations of one series' window, with Prometheus' Kahan sums and NaN rules.
import { quantile } from "../gomath";
import type { RangeFn } from "./window";

function isInf(x: number): boolean {
  return x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY;
}

// Kahan steps are inlined here (hot loops over every window) instead of calling kahanSumInc, which allocates.
function variance(v: Float64Array, lo: number, hi: number): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (let i = lo; i < hi; i++) {
    const x = v[i]!;
    count++;
    const delta = x - (mean + cMean);
    let inc = delta / count;
    let t = mean + inc;
    cMean += Math.abs(mean) >= Math.abs(inc) ? mean - t + inc : inc - t + mean;
    mean = t;
    inc = delta * (x - (mean + cMean));
    t = aux + inc;
    cAux += Math.abs(aux) >= Math.abs(inc) ? aux - t + inc : inc - t + aux;
    aux = t;
  }
  return (aux + cAux) / count;
}

export const OVER_TIME_FUNCTIONS: Record<string, RangeFn> = {
  avg_over_time: ({ v, lo, hi }) => {
    let mean = 0;
    let count = 0;
    let c = 0;
    for (let i = lo; i < hi; i++) {
      const x = v[i]!;
      count++;
      if (isInf(mean)) {
        // An infinite mean is already right unless NaN or the opposite infinity arrives.
        if (isInf(x) && mean > 0 === x > 0) continue;
        if (!isInf(x) && !Number.isNaN(x)) continue;
      }
      const inc = x / count - mean / count;
      const t = mean + inc;
      c += Math.abs(mean) >= Math.abs(inc) ? mean - t + inc : inc - t + mean;
      mean = t;
    }
    return isInf(mean) ? mean : mean + c;
  },
  count_over_time: ({ lo, hi }) => hi - lo,
  last_over_time: ({ v, hi }) => v[hi - 1]!,
  present_over_time: () => 1,
  max_over_time: ({ v, lo, hi }) => {
    let max = v[lo]!;
    for (let i = lo; i < hi; i++) if (v[i]! > max || Number.isNaN(max)) max = v[i]!;
    return max;
  },
  min_over_time: ({ v, lo, hi }) => {
    let min = v[lo]!;
    for (let i = lo; i < hi; i++) if (v[i]! < min || Number.isNaN(min)) min = v[i]!;
    return min;
  },
  sum_over_time: ({ v, lo, hi }) => {
    let sum = 0;
    let c = 0;
    for (let i = lo; i < hi; i++) {
      const inc = v[i]!;
      const t = sum + inc;
      c += Math.abs(sum) >= Math.abs(inc) ? sum - t + inc : inc - t + sum;
      sum = t;
    }
    return isInf(sum) ? sum : sum + c;
  },
  quantile_over_time: ({ v, lo, hi, args }) => quantile(args[0]!, Array.from(v.subarray(lo, hi))),
  stddev_over_time: ({ v, lo, hi }) => Math.sqrt(variance(v, lo, hi)),
  stdvar_over_time: ({ v, lo, hi }) => variance(v, lo, hi),
};
