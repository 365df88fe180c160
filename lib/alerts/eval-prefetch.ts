// Batched series reads for one group evaluation. A group's rules usually watch the same few metrics, one
// rule per model (`vigil_model_accuracy{model="m7"} < 0.8`): read rule by rule, every query looks all series
// of the metric up again to find its few. Instead, for each metric that two or more selectors of the group
// name, and that all of them narrow by equality on one label (model="…"), the union of the series they need
// (model=~"m7|m8|…") is read once, over the widest window any of them needs, and the rules' selects are
// answered from memory. Any select it does not cover (another metric or value, a wider window, an `@` time)
// goes to the store as before, so the answers are the same either way.
import type { Expr } from "../promql/ast";
import type { SeriesSource, SourceSeries } from "../promql/source";
import { type LabelMatcher, matches } from "../series/labels";

/** Prometheus' default lookback of instant selectors (the evaluator's default too). */
const LOOKBACK_MS = 300_000;
/** Slack for subquery step alignment. */
const MARGIN_MS = 60_000;

export interface MetricUse {
  /** the longest time before the evaluation any selector of the metric reaches back */
  extentMs: number;
  /** each selector's equality matchers (label → value), __name__ left out */
  equalities: Array<Map<string, string>>;
}

/** Metric name → how the expressions select it. */
export function metricUses(exprs: Expr[]): Map<string, MetricUse> {
  const out = new Map<string, MetricUse>();
  const visit = (node: unknown, extraMs: number, ranged: boolean): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, extraMs, ranged);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const n = node as { type?: string } & Record<string, unknown>;
    if (n.type === "matrixSelector") {
      visit(n.vector, extraMs + (n.rangeMs as number), true);
      return;
    }
    if (n.type === "subquery") {
      visit(n.expr, extraMs + (n.rangeMs as number) + (n.offsetMs as number) + MARGIN_MS, false);
      return;
    }
    if (n.type === "vectorSelector") {
      const matchers = n.matchers as LabelMatcher[];
      const name = matchers.find((m) => m.name === "__name__" && m.op === "=")?.value;
      if (!name || n.at) return;
      const extentMs = extraMs + (n.offsetMs as number) + (ranged ? 0 : LOOKBACK_MS);
      const use = out.get(name) ?? { extentMs: 0, equalities: [] };
      use.extentMs = Math.max(use.extentMs, extentMs);
      use.equalities.push(
        new Map(matchers.filter((m) => m.op === "=" && m.name !== "__name__").map((m) => [m.name, m.value])),
      );
      out.set(name, use);
      return;
    }
    for (const [key, value] of Object.entries(n)) if (key !== "pos") visit(value, extraMs, ranged);
  };
  for (const expr of exprs) visit(expr, 0, false);
  return out;
}

/** A label every selector of the metric pins by equality, and the values they pin it to. */
function commonEquality(use: MetricUse): { label: string; values: Set<string> } | null {
  const [first, ...rest] = use.equalities;
  if (!first || rest.length === 0) return null;
  for (const label of first.keys()) {
    if (label === "__name__" || !rest.every((eq) => eq.has(label))) continue;
    return { label, values: new Set(use.equalities.map((eq) => eq.get(label)!)) };
  }
  return null;
}

const escapeRe2 = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function lowerBound(a: Float64Array, t: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The part of a series within [start, end] (the store returns exactly that range). */
function slice(s: SourceSeries, start: number, end: number): SourceSeries {
  const lo = lowerBound(s.timestamps, start);
  const hi = lowerBound(s.timestamps, end + 0.5);
  const out: SourceSeries = {
    labels: s.labels,
    timestamps: s.timestamps.subarray(lo, hi),
    values: s.values.subarray(lo, hi),
  };
  if (s.staleAt) {
    const stale = s.staleAt.subarray(lowerBound(s.staleAt, start), lowerBound(s.staleAt, end + 0.5));
    if (stale.length) out.staleAt = stale;
  }
  return out;
}

interface Cached {
  label: string;
  values: Set<string>;
  start: number;
  end: number;
  series: SourceSeries[];
}

/** Reads the shared metrics now and returns a source that answers from them (falls through otherwise). */
export async function prefetchedSource(
  inner: SeriesSource,
  exprs: Expr[],
  at: number,
): Promise<SeriesSource> {
  const cache = new Map<string, Cached>();
  for (const [name, use] of metricUses(exprs)) {
    const common = commonEquality(use);
    if (!common) continue;
    const start = at - use.extentMs;
    const pattern = [...common.values].map(escapeRe2).join("|");
    const series = await inner.select(
      [
        { name: "__name__", op: "=", value: name },
        { name: common.label, op: "=~", value: pattern },
      ],
      start,
      at,
    );
    cache.set(name, { ...common, start, end: at, series });
  }
  return {
    async select(matchers, startMs, endMs) {
      const name = matchers.find((m) => m.name === "__name__" && m.op === "=")?.value;
      const cached = name === undefined ? undefined : cache.get(name);
      const pinned = cached && matchers.find((m) => m.name === cached.label && m.op === "=");
      if (
        !cached ||
        !pinned ||
        !cached.values.has(pinned.value) ||
        startMs < cached.start ||
        endMs > cached.end
      )
        return inner.select(matchers, startMs, endMs);
      const out: SourceSeries[] = [];
      for (const s of cached.series) {
        const { __name__: _name, ...rest } = s.labels;
        if (matches(name!, rest, matchers)) out.push(slice(s, Math.ceil(startMs), Math.floor(endMs)));
      }
      return out;
    },
  };
}
