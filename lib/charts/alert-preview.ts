// The rule editor's preview graph: the threshold of `<expr> <op> <number>` (found with Vigil's PromQL parser),
// the query's series as chart rows, and the would-be pending/firing periods merged into bands (firing wins
// where series overlap). Pure.
import type { PreviewResponse } from "../alerts/api-schemas";
import { type ComparisonOp, type Expr, parse } from "../promql";
import { labelsText } from "./alert-format";
import { seriesColor } from "./palette";
import type { SeriesDef, SeriesRow } from "./types";

export const MAX_PREVIEW_SERIES = 20;

export interface Threshold {
  /** The expression compared (what to graph to see the threshold crossed). */
  lhs: string;
  /** Written as `series op value`, flipped when the number is on the left. */
  op: ComparisonOp;
  value: number;
}

const COMPARISONS: ReadonlySet<string> = new Set(["==", "!=", ">", "<", ">=", "<="]);
const FLIPPED: Record<ComparisonOp, ComparisonOp> = {
  ">": "<",
  "<": ">",
  ">=": "<=",
  "<=": ">=",
  "==": "==",
  "!=": "!=",
};

function unwrap(e: Expr): Expr {
  return e.type === "paren" ? unwrap(e.expr) : e;
}

/** A number literal, possibly signed or parenthesised; null otherwise. */
function numberOf(e: Expr): number | null {
  const inner = unwrap(e);
  if (inner.type === "number") return inner.value;
  if (inner.type === "unary") {
    const v = numberOf(inner.expr);
    return v === null ? null : inner.op === "-" ? -v : v;
  }
  return null;
}

/** The threshold of a filtering comparison against a constant; null for anything else (or unparsable). */
export function findThreshold(expr: string): Threshold | null {
  let tree: Expr;
  try {
    tree = unwrap(parse(expr));
  } catch {
    return null;
  }
  if (tree.type !== "binary" || !COMPARISONS.has(tree.op) || tree.bool) return null;
  const op = tree.op as ComparisonOp;
  const right = numberOf(tree.rhs);
  const left = numberOf(tree.lhs);
  if (right !== null && left === null)
    return { lhs: expr.slice(tree.lhs.pos.start, tree.lhs.pos.end).trim(), op, value: right };
  if (left !== null && right === null)
    return { lhs: expr.slice(tree.rhs.pos.start, tree.rhs.pos.end).trim(), op: FLIPPED[op], value: left };
  return null;
}

export type BandState = "pending" | "firing";
export interface Band {
  from: number;
  to: number;
  state: BandState;
}

/** Every series' periods merged into non-overlapping bands, firing over pending, adjacent equal ones joined. */
export function mergeBands(series: PreviewResponse["series"]): Band[] {
  const periods = series.flatMap((s) => s.states).filter((p) => p.to > p.from);
  const cuts = [...new Set(periods.flatMap((p) => [p.from, p.to]))].sort((a, b) => a - b);
  const bands: Band[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    const covering = periods.filter((p) => p.from <= from && p.to >= to);
    if (covering.length === 0) continue;
    const state: BandState = covering.some((p) => p.state === "firing") ? "firing" : "pending";
    const last = bands[bands.length - 1];
    if (last && last.state === state && last.to === from) last.to = to;
    else bands.push({ from, to, state });
  }
  return bands;
}

export interface PreviewChart {
  rows: SeriesRow[];
  series: SeriesDef[];
  total: number;
  hasData: boolean;
  spanMs: number;
  bands: Band[];
  /** Time spent pending and firing over the range (ms), for the sentence under the graph. */
  pendingMs: number;
  firingMs: number;
  /** Number of distinct firing periods (how often it would have notified). */
  firingPeriods: number;
}

/**
 * Rows for recharts from the series to draw (`values`, usually the threshold's left-hand side) and the bands
 * from the rule's own preview (`states`; the same response when there is no threshold).
 */
export function previewChart(
  values: PreviewResponse,
  states: PreviewResponse,
  maxSeries = MAX_PREVIEW_SERIES,
): PreviewChart {
  const drawn = values.series.slice(0, maxSeries);
  const byTs = new Map<number, SeriesRow>();
  const series: SeriesDef[] = drawn.map((s, i) => {
    const key = `s${i}`;
    for (const [ts, v] of s.values) {
      let row = byTs.get(ts);
      if (!row) {
        row = { ts } as SeriesRow;
        byTs.set(ts, row);
      }
      row[key] = Number.isFinite(v) ? v : null;
    }
    return { key, label: labelsText(s.labels), color: seriesColor(i) };
  });
  const rows = [...byTs.values()].sort((a, b) => a.ts - b.ts);
  const bands = mergeBands(states.series);
  const sum = (state: BandState) =>
    bands.filter((b) => b.state === state).reduce((acc, b) => acc + (b.to - b.from), 0);
  return {
    rows,
    series,
    total: values.series.length,
    hasData: rows.length > 0,
    spanMs: Math.max(0, values.to - values.from),
    bands,
    pendingMs: sum("pending"),
    firingMs: sum("firing"),
    firingPeriods: bands.filter((b) => b.state === "firing").length,
  };
}
