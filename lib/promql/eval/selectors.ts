// Vector and matrix selectors and subqueries. Prometheus 2.42 uses closed intervals: a vector selector sees the
// latest sample in [t − lookback, t] and a range [r] sees samples in [t − r, t] (3.0 made both left-open).
import type { MatrixSelector, SubqueryExpr, VectorSelector } from "../ast";
import { PromQLError } from "../ast";
import type { Evaluator, Grid, GridSeries, RangeInput, RawSeries, VectorValue } from "./types";
import { resolveAt } from "./types";

export async function evalVectorSelector(
  ev: Evaluator,
  node: VectorSelector,
  grid: Grid,
  withTimestamps = false,
): Promise<VectorValue> {
  const ts = grid.ts;
  const n = ts.length;
  const at = resolveAt(node.at, ev.q);
  const lastRef = (at ?? ts[n - 1]!) - node.offsetMs;
  const firstRef = (at ?? ts[0]!) - node.offsetMs;
  const raw = await ev.fetch(node.matchers, firstRef - ev.lookbackMs, lastRef, node.pos);
  const out: GridSeries[] = [];
  let total = 0;
  for (const s of raw) {
    const values = new Float64Array(n);
    const present = new Uint8Array(n);
    const sampleTs = withTimestamps ? new Float64Array(n) : undefined;
    const st = s.timestamps;
    const stale = s.staleAt;
    let j = 0;
    let m = 0;
    let count = 0;
    for (let k = 0; k < n; k++) {
      const ref = (at ?? ts[k]!) - node.offsetMs;
      // Step timestamps ascend, so the "last sample ≤ ref" pointer only moves forward (pinned: constant).
      while (j < st.length && st[j]! <= ref) j++;
      const idx = j - 1;
      if (idx < 0 || st[idx]! < ref - ev.lookbackMs) continue;
      if (stale) {
        // The latest point at or before ref is a stale marker: the series has ended (Prometheus' staleness).
        while (m < stale.length && stale[m]! <= ref) m++;
        if (m > 0 && stale[m - 1]! > st[idx]!) continue;
      }
      values[k] = s.values[idx]!;
      present[k] = 1;
      if (sampleTs) sampleTs[k] = st[idx]!;
      count++;
    }
    if (count === 0) continue;
    total += count;
    const gs: GridSeries = { labels: s.labels, key: s.key, values, present };
    if (sampleTs) gs.sampleTs = sampleTs;
    out.push(gs);
  }
  ev.account(total);
  return { kind: "vector", series: out };
}

export async function evalMatrixSelector(
  ev: Evaluator,
  node: MatrixSelector,
  grid: Grid,
): Promise<RangeInput> {
  const vs = node.vector;
  const at = resolveAt(vs.at, ev.q);
  const ts = grid.ts;
  const end = (at ?? ts[ts.length - 1]!) - vs.offsetMs;
  const start = (at ?? ts[0]!) - vs.offsetMs - node.rangeMs;
  const series = await ev.fetch(vs.matchers, start, end, node.pos);
  let total = 0;
  for (const s of series) total += s.timestamps.length;
  ev.account(total);
  return { series, rangeMs: node.rangeMs, offsetMs: vs.offsetMs, atMs: at };
}

/**
 * A subquery evaluates its inner expression once, at timestamps aligned to multiples of its step (since the
 * epoch), from the first one ≥ (first step − offset − range) through (last step − offset).
 */
export async function evalSubquery(ev: Evaluator, node: SubqueryExpr, grid: Grid): Promise<RangeInput> {
  const step = node.stepMs ?? ev.subqueryStepMs;
  if (!(step > 0)) throw new PromQLError("zero or negative subquery step", node.pos, "execution");
  const at = resolveAt(node.at, ev.q);
  const ts = grid.ts;
  const from = (at ?? ts[0]!) - node.offsetMs - node.rangeMs;
  const to = (at ?? ts[ts.length - 1]!) - node.offsetMs;
  // Go's integer division truncates toward zero; round up to the next aligned timestamp when needed.
  let start = step * Math.trunc(from / step);
  if (start < from) start += step;
  const empty: RangeInput = { series: [], rangeMs: node.rangeMs, offsetMs: node.offsetMs, atMs: at };
  if (start > to) return empty;
  const count = Math.floor((to - start) / step) + 1;
  const inner = new Float64Array(count);
  for (let i = 0; i < count; i++) inner[i] = start + i * step;
  const value = await ev.eval(node.expr, { ts: inner });
  if (value.kind !== "vector") {
    throw new PromQLError(
      `subquery is only allowed on instant vector, got ${value.kind}`,
      node.pos,
      "execution",
    );
  }
  const series: RawSeries[] = [];
  for (const s of value.series) {
    let m = 0;
    for (let k = 0; k < count; k++) m += s.present[k]!;
    const t = new Float64Array(m);
    const v = new Float64Array(m);
    let i = 0;
    for (let k = 0; k < count; k++) {
      if (!s.present[k]) continue;
      t[i] = inner[k]!;
      v[i++] = s.values[k]!;
    }
    series.push({ labels: s.labels, key: s.key, timestamps: t, values: v });
  }
  return { ...empty, series };
}

/**
 * Calls fn for each step whose closed window [end − range, end] holds samples of `s`; lo/hi index the samples
 * (hi exclusive). The window end is the step time (or the @ time) minus the offset.
 */
export function forEachWindow(
  input: RangeInput,
  s: RawSeries,
  grid: Grid,
  fn: (step: number, lo: number, hi: number, rangeStart: number, rangeEnd: number) => void,
): void {
  const st = s.timestamps;
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < grid.ts.length; k++) {
    const maxt = (input.atMs ?? grid.ts[k]!) - input.offsetMs;
    const mint = maxt - input.rangeMs;
    while (lo < st.length && st[lo]! < mint) lo++;
    if (hi < lo) hi = lo;
    while (hi < st.length && st[hi]! <= maxt) hi++;
    if (hi > lo) fn(k, lo, hi, mint, maxt);
  }
}
