// histogram_quantile over classic `le` buckets (Prometheus' bucketQuantile), and the native-histogram accessors,
// which ignore float samples (our store has no native histograms, so they return nothing).
import type { Call } from "../../ast";
import { SeriesBuilder } from "../builder";
import { goParseFloat } from "../gomath";
import { deleteLabels, labelsKey } from "../labels";
import type { Evaluator, Grid, Labels, Value } from "../types";

interface Bucket {
  upperBound: number;
  count: number;
}

export function bucketQuantile(q: number, input: Bucket[]): number {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted[sorted.length - 1]!.upperBound !== Number.POSITIVE_INFINITY) return Number.NaN;
  // Buckets with the same bound (e.g. "1" and "1.0") are merged.
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets[buckets.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else buckets.push({ ...b });
  }
  // Non-monotonic counts (scrape races) are flattened upward.
  let max = Number.NEGATIVE_INFINITY;
  for (const b of buckets) {
    if (b.count > max) max = b.count;
    else if (b.count < max) b.count = max;
  }
  if (buckets.length < 2) return Number.NaN;
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return Number.NaN;
  let rank = q * observations;
  // sort.Search over all but the +Inf bucket: first bucket whose cumulative count reaches the rank.
  let b = buckets.length - 1;
  for (let i = 0; i < buckets.length - 1; i++) {
    if (buckets[i]!.count >= rank) {
      b = i;
      break;
    }
  }
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

export async function evalHistogramCall(ev: Evaluator, call: Call, grid: Grid): Promise<Value | null> {
  if (
    call.func === "histogram_count" ||
    call.func === "histogram_sum" ||
    call.func === "histogram_fraction"
  ) {
    for (const a of call.args) await ev.eval(a, grid);
    return { kind: "vector", series: [] };
  }
  if (call.func !== "histogram_quantile") return null;
  const n = grid.ts.length;
  const qv = await ev.eval(call.args[0]!, grid);
  const v = await ev.eval(call.args[1]!, grid);
  if (v.kind !== "vector" || qv.kind !== "scalar") return { kind: "vector", series: [] };
  // Group by all labels but `le`; the name stays in the group key but not in the output (issue 9910).
  const info = v.series.map((s) => {
    const upper = goParseFloat(s.labels.le ?? "");
    const out: Labels = deleteLabels(s.labels, ["le", "__name__"]);
    const groupKey = labelsKey(deleteLabels(s.labels, ["le"]));
    return { upper, out, outKey: labelsKey(out), groupKey };
  });
  const builder = new SeriesBuilder(n);
  for (let k = 0; k < n; k++) {
    const groups = new Map<string, { labels: Labels; key: string; buckets: Bucket[] }>();
    v.series.forEach((s, i) => {
      const inf = info[i]!;
      if (!s.present[k] || inf.upper === null) return;
      let g = groups.get(inf.groupKey);
      if (!g) {
        g = { labels: inf.out, key: inf.outKey, buckets: [] };
        groups.set(inf.groupKey, g);
      }
      g.buckets.push({ upperBound: inf.upper, count: s.values[k]! });
    });
    for (const g of groups.values())
      builder.add(g.labels, g.key, k, bucketQuantile(qv.values[k]!, g.buckets));
  }
  return { kind: "vector", series: builder.list };
}
