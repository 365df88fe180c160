// Aggregation operators, step by step like Prometheus 2.42's aggregation(): groups in order of first appearance,
// incremental mean for avg, Welford for stddev/stdvar, Go's container/heap for topk/bottomk.
import type { AggregateExpr } from "../ast";
import { PromQLError } from "../ast";
import { SeriesBuilder } from "./builder";
import { formatFloatF, goFloatV, lessNaNFirst, quantile } from "./gomath";
import { heapPop, heapPush } from "./heap";
import { deleteLabels, keepLabels, labelsKey, validLabelName } from "./labels";
import type { Evaluator, Grid, GridSeries, Labels, Value } from "./types";

interface Group {
  labels: Labels;
  key: string;
}

function groupOf(labels: Labels, grouping: string[], without: boolean): Group {
  const g = without ? deleteLabels(labels, [...grouping, "__name__"]) : keepLabels(labels, grouping);
  return { labels: g, key: labelsKey(g) };
}

export async function evalAggregate(ev: Evaluator, e: AggregateExpr, grid: Grid): Promise<Value> {
  const n = grid.ts.length;
  let param: Float64Array | null = null;
  let label = "";
  if (e.param) {
    const p = await ev.eval(e.param, grid);
    if (p.kind === "scalar") param = p.values;
    else if (p.kind === "string") label = p.value;
  }
  const input = await ev.eval(e.expr, grid);
  if (input.kind !== "vector")
    throw new PromQLError("aggregation requires an instant vector", e.pos, "execution");
  const series = input.series;
  const out = new SeriesBuilder(n);

  if (e.op === "count_values") {
    if (!validLabelName(label)) throw new PromQLError(`invalid label name "${label}"`, e.pos, "execution");
    const grouping = e.without ? e.grouping : [...e.grouping, label];
    for (let k = 0; k < n; k++) {
      const counts = new Map<string, { g: Group; c: number }>();
      for (const s of series) {
        if (!s.present[k]) continue;
        const g = groupOf({ ...s.labels, [label]: formatFloatF(s.values[k]!) }, grouping, e.without);
        const acc = counts.get(g.key);
        if (acc) acc.c++;
        else counts.set(g.key, { g, c: 1 });
      }
      for (const { g, c } of counts.values()) out.add(g.labels, g.key, k, c);
    }
    return { kind: "vector", series: out.list };
  }

  // Group membership never changes across steps, so it is computed once per series.
  const groups: Group[] = [];
  const byKey = new Map<string, number>();
  const gid = series.map((s) => {
    const g = groupOf(s.labels, e.grouping, e.without);
    let id = byKey.get(g.key);
    if (id === undefined) {
      id = groups.length;
      groups.push(g);
      byKey.set(g.key, id);
    }
    return id;
  });
  const G = groups.length;
  const seen = new Int32Array(G).fill(-1);
  const value = new Float64Array(G);
  const mean = new Float64Array(G);
  const count = new Float64Array(G);
  const members: GridSeries[][] = Array.from({ length: G }, () => []);

  for (let k = 0; k < n; k++) {
    let kk = 0;
    if (e.op === "topk" || e.op === "bottomk") {
      const f = param![k]!;
      if (!(f <= 9.223372036854776e18 && f >= -9.223372036854776e18)) {
        throw new PromQLError(`Scalar value ${goFloatV(f)} overflows int64`, e.pos, "execution");
      }
      kk = Math.trunc(f);
      if (kk < 1) continue;
    }
    const order: number[] = [];
    for (let i = 0; i < series.length; i++) {
      const s = series[i]!;
      if (!s.present[k]) continue;
      const v = s.values[k]!;
      const g = gid[i]!;
      if (seen[g] !== k) {
        seen[g] = k;
        order.push(g);
        value[g] = e.op === "stddev" || e.op === "stdvar" ? 0 : e.op === "group" ? 1 : v;
        mean[g] = v;
        count[g] = 1;
        members[g] = [s];
        continue;
      }
      switch (e.op) {
        case "sum":
          value[g]! += v;
          break;
        case "avg": {
          count[g]!++;
          const m = mean[g]!;
          if (!Number.isFinite(m) && !Number.isNaN(m)) {
            // An infinite mean stays put unless the new value is NaN or the opposite infinity.
            if (!Number.isFinite(v) && !Number.isNaN(v) && m > 0 === v > 0) break;
            if (Number.isFinite(v)) break;
          }
          mean[g] = m + (v / count[g]! - m / count[g]!);
          break;
        }
        case "max":
          if (value[g]! < v || Number.isNaN(value[g]!)) value[g] = v;
          break;
        case "min":
          if (value[g]! > v || Number.isNaN(value[g]!)) value[g] = v;
          break;
        case "count":
          count[g]!++;
          break;
        case "stddev":
        case "stdvar": {
          count[g]!++;
          const delta = v - mean[g]!;
          mean[g]! += delta / count[g]!;
          value[g]! += delta * (v - mean[g]!);
          break;
        }
        case "topk":
        case "bottomk": {
          const h = members[g]!;
          const less = e.op === "topk" ? topLess(k) : bottomLess(k);
          const top = h[0]!.values[k]!;
          const replace = e.op === "topk" ? top < v : top > v;
          if (h.length < kk || replace || Number.isNaN(top)) {
            if (h.length === kk) heapPop(h, less);
            heapPush(h, s, less);
          }
          break;
        }
        case "quantile":
          members[g]!.push(s);
          break;
        default:
          break;
      }
    }
    for (const g of order) {
      const grp = groups[g]!;
      switch (e.op) {
        case "avg":
          out.add(grp.labels, grp.key, k, mean[g]!);
          break;
        case "count":
          out.add(grp.labels, grp.key, k, count[g]!);
          break;
        case "stdvar":
          out.add(grp.labels, grp.key, k, value[g]! / count[g]!);
          break;
        case "stddev":
          out.add(grp.labels, grp.key, k, Math.sqrt(value[g]! / count[g]!));
          break;
        case "quantile":
          out.add(
            grp.labels,
            grp.key,
            k,
            quantile(
              param![k]!,
              members[g]!.map((s) => s.values[k]!),
            ),
          );
          break;
        case "topk":
        case "bottomk": {
          // Heaps keep the weakest element on top; Prometheus reverse-sorts them for output.
          const h = [...members[g]!];
          const less = e.op === "topk" ? topLess(k) : bottomLess(k);
          h.sort((a, b) => (less(b, a) ? -1 : less(a, b) ? 1 : 0));
          for (const s of h) out.add(s.labels, s.key, k, s.values[k]!);
          break;
        }
        default:
          out.add(grp.labels, grp.key, k, value[g]!);
      }
    }
  }
  return { kind: "vector", series: out.list };
}

/** vectorByValueHeap order (min-heap, NaN weakest). */
function topLess(k: number): (a: GridSeries, b: GridSeries) => boolean {
  return (a, b) => lessNaNFirst(a.values[k]!, b.values[k]!);
}

/** vectorByReverseValueHeap order (max-heap, NaN weakest). */
function bottomLess(k: number): (a: GridSeries, b: GridSeries) => boolean {
  return (a, b) => {
    const x = a.values[k]!;
    if (Number.isNaN(x)) return true;
    return x > b.values[k]!;
  };
}
