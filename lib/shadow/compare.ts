// Shadow vs production on the same predictions: pure computations shared by the hourly shadow series
// (window-job.ts) and the comparison API over ranges. Rows are joined ShadowPrediction + Prediction (+ Label);
// only rows the shadow answered (status ok) are compared.

import type { QualityMetrics, RawValue, Task } from "../quality";
import { addSample, classKey, computeQualityMetrics, createQualityState } from "../quality";

export interface ComparedRow {
  /** The production prediction (parsed Prediction.prediction). */
  production: RawValue | null;
  productionScore: number | null;
  /** The shadow's predicted class or value (parsed ShadowPrediction.prediction). */
  shadow: RawValue | null;
  shadowScore: number | null;
  shadowScores: Record<string, number> | null;
  latencyMs: number | null;
  /** The ground truth when labeled (parsed Label.label). */
  label: RawValue | null;
}

/** Parses a JSON-encoded value column (Prediction.prediction, Label.label, …); null when absent or bad. */
export function parseValue(text: unknown): RawValue | null {
  if (typeof text !== "string") return null;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
  } catch {
    return null;
  }
}

/**
 * Share of rows where the shadow predicted the same class as production (classes compared by classKey, so 1,
 * 1.0 and "1" agree); rows missing either side are left out. null when no row has both.
 */
export function agreement(rows: ReadonlyArray<Pick<ComparedRow, "production" | "shadow">>): number | null {
  let n = 0;
  let same = 0;
  for (const r of rows) {
    if (r.production === null || r.shadow === null) continue;
    n++;
    if (classKey(r.production) === classKey(r.shadow)) same++;
  }
  return n === 0 ? null : same / n;
}

/** Mean |shadow score − production score| over rows with both scores; null when none. */
export function meanAbsScoreDiff(
  rows: ReadonlyArray<Pick<ComparedRow, "productionScore" | "shadowScore">>,
): number | null {
  let n = 0;
  let sum = 0;
  for (const r of rows) {
    if (r.productionScore === null || r.shadowScore === null) continue;
    if (!Number.isFinite(r.productionScore) || !Number.isFinite(r.shadowScore)) continue;
    n++;
    sum += Math.abs(r.shadowScore - r.productionScore);
  }
  return n === 0 ? null : sum / n;
}

/**
 * Percentiles (0–100) of the values with numpy's default (linear interpolation between closest ranks);
 * non-finite values are ignored; null entries when there are no values.
 */
export function percentiles(
  values: ReadonlyArray<number | null>,
  ps: readonly number[],
): Array<number | null> {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  return ps.map((p) => {
    if (sorted.length === 0) return null;
    const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
  });
}

/** p50 / p95 / p99 of the shadow's per-row latency (ms). */
export function latencyPercentiles(rows: ReadonlyArray<Pick<ComparedRow, "latencyMs">>) {
  const [p50, p95, p99] = percentiles(
    rows.map((r) => r.latencyMs),
    [50, 95, 99],
  );
  return { p50: p50 ?? null, p95: p95 ?? null, p99: p99 ?? null };
}

/**
 * The shadow's quality against the labels, computed by lib/quality exactly as production's is (labeled rows
 * only; the model's task and positive class). Compute production's on the same rows with `side: "production"`
 * for a like-for-like comparison.
 */
export function quality(
  rows: ReadonlyArray<ComparedRow>,
  task: Task,
  positiveClass: string | null,
  side: "shadow" | "production" = "shadow",
): QualityMetrics {
  const state = createQualityState();
  for (const r of rows) {
    const prediction = side === "shadow" ? r.shadow : r.production;
    if (prediction === null) continue;
    addSample(
      state,
      side === "shadow"
        ? { prediction, label: r.label, score: r.shadowScore, scores: r.shadowScores }
        : { prediction, label: r.label, score: r.productionScore },
      { task },
    );
  }
  return computeQualityMetrics(state, { task, positiveClass });
}
