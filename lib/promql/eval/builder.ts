// Assembling output series on the grid. Prometheus checks every step's output vector for two samples with the
// same label set ("vector cannot contain metrics with the same labelset") and, in range queries, joins samples
// of equal label sets from different inputs into one series; both happen here.
import { PromQLError } from "../ast";
import { labelsKey } from "./labels";
import type { GridSeries, Labels } from "./types";

export const DUPLICATE_LABELSET = "vector cannot contain metrics with the same labelset";

export function dupError(): PromQLError {
  return new PromQLError(DUPLICATE_LABELSET, null, "execution");
}

export function newSeries(labels: Labels, key: string, n: number): GridSeries {
  return { labels, key, values: new Float64Array(n), present: new Uint8Array(n) };
}

/** Collects per-step output samples keyed by label set, in first-insertion order (Prometheus' output order). */
export class SeriesBuilder {
  private readonly byKey = new Map<string, GridSeries>();
  readonly list: GridSeries[] = [];
  constructor(private readonly n: number) {}

  add(labels: Labels, key: string, step: number, value: number): void {
    let s = this.byKey.get(key);
    if (!s) {
      s = newSeries(labels, key, this.n);
      this.byKey.set(key, s);
      this.list.push(s);
    } else if (s.present[step]) {
      throw dupError();
    }
    s.values[step] = value;
    s.present[step] = 1;
  }
}

/**
 * Element-wise transform: output i comes from input i with new labels; values returning undefined are dropped
 * (comparison filters). Outputs that end up with equal label sets are merged, and an overlap at any step is
 * Prometheus' duplicate-labelset error.
 */
export function mapSeries(
  input: readonly GridSeries[],
  n: number,
  relabel: ((labels: Labels) => Labels) | null,
  fn: (v: number, step: number) => number | undefined,
): GridSeries[] {
  const out: GridSeries[] = [];
  const byKey = new Map<string, GridSeries>();
  for (const s of input) {
    const labels = relabel ? relabel(s.labels) : s.labels;
    const key = relabel ? labelsKey(labels) : s.key;
    const values = new Float64Array(n);
    const present = new Uint8Array(n);
    let any = false;
    for (let k = 0; k < n; k++) {
      if (!s.present[k]) continue;
      const v = fn(s.values[k]!, k);
      if (v === undefined) continue;
      values[k] = v;
      present[k] = 1;
      any = true;
    }
    if (!any) continue;
    const prev = byKey.get(key);
    if (!prev) {
      const ns: GridSeries = { labels, key, values, present };
      byKey.set(key, ns);
      out.push(ns);
      continue;
    }
    for (let k = 0; k < n; k++) {
      if (!present[k]) continue;
      if (prev.present[k]) throw dupError();
      prev.present[k] = 1;
      prev.values[k] = values[k]!;
    }
  }
  return out;
}

/** Steps at which each side has at least one sample (Prometheus short-circuits on empty sides per step). */
export function presentCounts(series: readonly GridSeries[], n: number): Int32Array {
  const counts = new Int32Array(n);
  for (const s of series) for (let k = 0; k < n; k++) counts[k]! += s.present[k]!;
  return counts;
}
