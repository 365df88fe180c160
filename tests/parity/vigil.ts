// The side under test: Vigil's parser and evaluator over an in-memory SeriesSource holding exactly the samples
// Prometheus was backfilled with. The engine is imported dynamically so the harness runs (and reports
// "engine missing") before lib/promql/parse and lib/promql/eval exist.
import type { Expr } from "../../lib/promql/ast";
import type { SeriesSource, SourceSeries } from "../../lib/promql/source";
import { type LabelMatcher, matches } from "../../lib/series/labels";
import type { ParitySeries } from "./data";

/** First index with a[i] >= x (inclusive) or a[i] > x (exclusive). */
function bound(a: Float64Array, x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x || (!inclusive && a[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MemorySource implements SeriesSource {
  private readonly series: SourceSeries[];
  /** How many select() calls were made (for the CLI's debugging output). */
  selects = 0;

  constructor(data: ParitySeries[]) {
    this.series = data.map((s) => ({
      labels: { ...s.labels },
      timestamps: Float64Array.from(s.timestamps),
      values: Float64Array.from(s.values),
    }));
  }

  async select(matchers: LabelMatcher[], startMs: number, endMs: number): Promise<SourceSeries[]> {
    this.selects++;
    const out: SourceSeries[] = [];
    for (const s of this.series) {
      if (!matches(s.labels.__name__ ?? "", s.labels, matchers)) continue;
      // Both ends inclusive, as the interface says. (endMs + ε would be lost at 1.8e12: that ε is below an ulp.)
      const from = bound(s.timestamps, startMs, true);
      const to = bound(s.timestamps, endMs, false);
      if (to <= from) continue;
      // Copies, so an evaluator that mutates what it gets cannot corrupt later queries.
      out.push({
        labels: { ...s.labels },
        timestamps: s.timestamps.slice(from, to),
        values: s.values.slice(from, to),
      });
    }
    return out;
  }
}

export interface VigilEngine {
  parse(text: string): Expr;
  instantQuery(source: SeriesSource, expr: Expr, timeMs: number): Promise<unknown>;
  rangeQuery(
    source: SeriesSource,
    expr: Expr,
    startMs: number,
    endMs: number,
    stepMs: number,
  ): Promise<unknown>;
}

function fn(mod: unknown, name: string): ((...args: never[]) => unknown) | null {
  if (typeof mod !== "object" || mod === null) return null;
  const f: unknown = (mod as Record<string, unknown>)[name];
  return typeof f === "function" ? (f as (...args: never[]) => unknown) : null;
}

async function importOptional(relative: string): Promise<unknown> {
  // A computed specifier keeps tsc and Vite from resolving a module that may not exist yet.
  const url = new URL(relative, import.meta.url).href;
  return import(/* @vite-ignore */ url);
}

export type LoadedEngine = VigilEngine | { missing: string; parse: VigilEngine["parse"] | null };

/** The engine, or why it cannot be used yet (with the parser alone when only it has landed). */
export async function loadEngine(): Promise<LoadedEngine> {
  let front: unknown;
  let evaluator: unknown;
  try {
    front = await importOptional("../../lib/promql/index.ts");
  } catch (e) {
    return {
      missing: `engine missing: lib/promql/index.ts (${(e as Error).message.split("\n")[0]})`,
      parse: null,
    };
  }
  const parseFn = fn(front, "parse");
  if (!parseFn) return { missing: "engine missing: lib/promql/index.ts does not export parse", parse: null };
  // The exports were checked to be functions; their signatures are the documented contract.
  const parse = parseFn as unknown as VigilEngine["parse"];
  try {
    evaluator = await importOptional("../../lib/promql/eval/index.ts");
  } catch (e) {
    return {
      missing: `engine missing: lib/promql/eval/index.ts (${(e as Error).message.split("\n")[0]})`,
      parse,
    };
  }
  const instant = fn(evaluator, "instantQuery");
  const range = fn(evaluator, "rangeQuery");
  if (!instant || !range)
    return { missing: "engine missing: lib/promql/eval/index.ts lacks instantQuery/rangeQuery", parse };
  return {
    parse,
    instantQuery: async (...a) => (instant as unknown as (...x: typeof a) => unknown)(...a),
    rangeQuery: async (...a) => (range as unknown as (...x: typeof a) => unknown)(...a),
  };
}
