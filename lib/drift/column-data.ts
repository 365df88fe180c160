// What a drift test needs of one column over one range: its sketch (counts, missing, type, unique values,
// categories) and, on the exact path, the raw numeric values themselves.

import type { Database } from "../db/client";
import type { ColumnKey, DriftRow } from "./columns";
import { columnId, forEachDriftPage, parseColumnId } from "./columns";
import {
  addValue,
  emptySketch,
  type FeatureSketch,
  mergeSerializedSketch,
  mergeSketches,
  sketchSummary,
} from "./sketch";

export interface ColumnData {
  sketch: FeatureSketch;
  /** Raw non-missing numeric values (exact path only). */
  numbers?: number[];
}

export type ColumnSet = Map<string, ColumnData>;

/** Columns of [from, to) from raw rows, read a page at a time. */
export async function exactColumns(
  database: Database,
  q: { modelId: number; versionId: number | null; from: number; to: number },
): Promise<ColumnSet> {
  const builder = new ColumnsBuilder();
  await forEachDriftPage(database, q, (rows) => builder.addRows(rows));
  return builder.finish();
}

/**
 * Columns from raw rows, fed page by page: exact values kept for numbers. A feature absent from a row is a
 * missing value of that row (also for rows before the feature first appeared); an unlabeled row contributes
 * nothing to the label column (not known yet, not missing); the score column exists once a row has a score.
 */
export class ColumnsBuilder {
  private readonly columns: ColumnSet = new Map();
  /** Rows that visited each column (present or explicitly missing). */
  private readonly visited = new Map<string, number>();
  private rows = 0;

  private add(column: ColumnKey, value: unknown): void {
    const id = columnId(column);
    let data = this.columns.get(id);
    if (!data) {
      data = { sketch: emptySketch(), numbers: [] };
      this.columns.set(id, data);
    }
    this.visited.set(id, (this.visited.get(id) ?? 0) + 1);
    addValue(data.sketch, value);
    if (typeof value === "number" && Number.isFinite(value)) data.numbers!.push(value === 0 ? 0 : value);
  }

  addRows(rows: DriftRow[]): void {
    for (const r of rows) {
      for (const name of Object.keys(r.features)) this.add({ role: "feature", name }, r.features[name]);
      this.add({ role: "prediction", name: "" }, r.prediction);
      this.add({ role: "score", name: "" }, r.score);
      if (r.label !== undefined) this.add({ role: "label", name: "" }, r.label);
    }
    this.rows += rows.length;
  }

  finish(): ColumnSet {
    for (const [id, data] of this.columns) {
      const { role } = parseColumnId(id);
      if (role === "feature")
        for (let n = this.visited.get(id)!; n < this.rows; n++) addValue(data.sketch, undefined);
      if (role === "score" && sketchSummary(data.sketch).count === 0) this.columns.delete(id);
    }
    return this.columns;
  }
}

export function columnsFromRows(rows: DriftRow[]): ColumnSet {
  const builder = new ColumnsBuilder();
  builder.addRows(rows);
  return builder.finish();
}

/** Columns from stored hourly sketches (role, name, sketch JSON), merged per column. */
export function columnsFromSketches(rows: Array<{ role: string; name: string; sketch: string }>): ColumnSet {
  const out: ColumnSet = new Map();
  for (const r of rows) {
    const id = columnId({ role: r.role as ColumnKey["role"], name: r.name });
    let data = out.get(id);
    if (!data) {
      data = { sketch: emptySketch() };
      out.set(id, data);
    }
    // Merges the stored text straight in (no intermediate sketch per row).
    mergeSerializedSketch(data.sketch, r.sketch);
  }
  return out;
}

/** Rows a bucket's columns came from: every row has a prediction, present or missing. */
function bucketRows(columns: ColumnSet): number {
  const prediction = columns.get(columnId({ role: "prediction", name: "" }));
  if (!prediction) return 0;
  const s = sketchSummary(prediction.sketch);
  return s.count + s.missing;
}

/**
 * An hour's columns from its 5-minute buckets (each as from columnsFromRows), as columnsFromRows over all its rows
 * would build them: a feature a bucket never saw is a missing value of each of that bucket's rows.
 */
export function mergeBucketColumns(buckets: ColumnSet[]): ColumnSet {
  const out: ColumnSet = new Map();
  const features = new Set<string>();
  for (const b of buckets)
    for (const id of b.keys()) if (parseColumnId(id).role === "feature") features.add(id);
  for (const b of buckets) {
    for (const [id, data] of b) {
      let into = out.get(id);
      if (!into) {
        into = { sketch: emptySketch() };
        out.set(id, into);
      }
      mergeSketches(into.sketch, data.sketch);
    }
    const rows = bucketRows(b);
    for (const id of features) {
      if (b.has(id)) continue;
      let into = out.get(id);
      if (!into) {
        into = { sketch: emptySketch() };
        out.set(id, into);
      }
      into.sketch.missing += rows;
    }
  }
  return out;
}
