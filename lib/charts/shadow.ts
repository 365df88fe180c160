// Pure preparation for the model page's Shadows tab: URL state (`?tab=shadows&shadow=<id>`), the verdict line,
// agreement over time, the score-difference histogram, quality side by side, segments and backfill progress.
import type { z } from "zod";
import type { contract } from "../api/contract";
import type { comparisonResponse, shadowPredictionsResponse } from "../shadow/comparison-schemas";
import { driftSelector, matrixPoints, parseModelTab } from "./drift";
import { formatCount, formatMetric, formatPercent } from "./format";
import type { PromMatrixItem } from "./prom-result";
import type { SeriesRow } from "./types";

export type ShadowComparison = z.infer<typeof comparisonResponse>;
export type ShadowPredictionsPage = z.infer<typeof shadowPredictionsResponse>;
export type ShadowPredictionRow = ShadowPredictionsPage["rows"][number];
export type SegmentStat = ShadowComparison["bySegment"][number];

/** A shadow as GET /api/v1/models/{model}/shadows lists it; the backfill fields may or may not be there. */
export type ShadowListItem = z.infer<typeof contract.listShadows.response>["shadows"][number] &
  BackfillFields;

export interface BackfillFields {
  backfill?: {
    from?: string | null;
    to?: string | null;
    total?: number;
    done?: number;
    state?: string | null;
  } | null;
  backfillFrom?: string | null;
  backfillTo?: string | null;
  backfillTotal?: number;
  backfillDone?: number;
  backfillState?: string | null;
  lastError?: string | null;
}

// ——— URL state ———

type ParamReader = { get(name: string): string | null };

/** The open shadow (only on the Shadows tab): a positive integer id. */
export function parseShadowParam(params: ParamReader): number | null {
  if (parseModelTab(params) !== "shadows") return null;
  const s = params.get("shadow");
  return s && /^[1-9]\d{0,9}$/.test(s) ? Number(s) : null;
}

// ——— Numbers ———

const MINUS = "\u2212";

/** 0.0031 → "+0.003", −0.0031 → "−0.003" (a real minus sign). */
export function formatSigned(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = formatMetric(Math.abs(value), digits);
  if (Number(text) === 0) return formatMetric(0, digits);
  return `${value < 0 ? MINUS : "+"}${text}`;
}

/** The half-width of a (symmetric) confidence interval. */
export const halfWidth = (d: { ciLow: number; ciHigh: number }) => (d.ciHigh - d.ciLow) / 2;

/**
 * "v2-int8 agrees on 98.7% of 120K predictions; accuracy 0.912 vs 0.915 (Δ −0.003 ± 0.004)": shadow first,
 * production second, Δ = shadow − production with its 95% half-width. Null when nothing was evaluated.
 */
export function shadowVerdict(
  c: Pick<
    ShadowComparison,
    "name" | "evaluated" | "agreement" | "labeled" | "production" | "shadow" | "accuracyDelta" | "task"
  >,
): string | null {
  if (c.evaluated === 0 || c.agreement === null) return null;
  const noun = c.evaluated === 1 ? "prediction" : "predictions";
  let line = `${c.name} agrees on ${formatPercent(c.agreement)} of ${formatCount(c.evaluated)} ${noun}`;
  const d = c.accuracyDelta;
  if (d && c.shadow.accuracy !== null && c.production.accuracy !== null) {
    line += `; accuracy ${formatMetric(c.shadow.accuracy)} vs ${formatMetric(c.production.accuracy)} (Δ ${formatSigned(d.estimate)} ± ${formatMetric(halfWidth(d))})`;
  } else if (c.task === "regression" && c.shadow.mae !== null && c.production.mae !== null) {
    line += `; MAE ${formatMetric(c.shadow.mae)} vs ${formatMetric(c.production.mae)}`;
  } else if (c.labeled === 0) {
    line += "; no labels yet";
  }
  return line;
}

/** Whether the shadow is significantly better, worse, or neither (the CI contains 0). */
export function deltaTone(d: { ciLow: number; ciHigh: number } | null): "better" | "worse" | "same" | null {
  if (!d) return null;
  if (d.ciLow > 0) return "better";
  if (d.ciHigh < 0) return "worse";
  return "same";
}

// ——— Charts ———

/** `vigil_shadow_agreement{model="m",shadow="s"}` (written hourly by the shadow job). */
export const agreementSelector = (model: string, shadow: string) =>
  driftSelector("vigil_shadow_agreement", { model, shadow });

/**
 * Agreement over time: the PromQL series when it has points, else the comparison's own timeline (the job may
 * not have written the hour yet). Rows carry `agreement` in [0, 1].
 */
export function agreementRows(
  series: readonly PromMatrixItem[] | undefined,
  timeline: ShadowComparison["timeline"],
): { rows: SeriesRow[]; source: "series" | "comparison" } {
  const first = series?.[0];
  const points = first ? matrixPoints(first) : [];
  if (points.length > 0)
    return { rows: points.map((p) => ({ ts: p.ts, agreement: p.value })), source: "series" };
  return {
    rows: timeline.map((t) => ({ ts: Date.parse(t.start), agreement: t.n > 0 ? t.agreed / t.n : null })),
    source: "comparison",
  };
}

export interface HistogramBar {
  label: string;
  lower: number;
  upper: number;
  count: number;
  share: number;
}

/** The |Δ score| bins with a label ("0.05–0.10") and each bin's share of the scored rows. */
export function histogramBars(bins: ShadowComparison["scoreDiffHistogram"]): HistogramBar[] {
  const total = bins.reduce((s, b) => s + b.count, 0);
  const digits = bins.some((b) => b.upper > 1) ? 1 : 2;
  return bins.map((b) => ({
    label: `${b.lower.toFixed(digits)}–${b.upper.toFixed(digits)}`,
    lower: b.lower,
    upper: b.upper,
    count: b.count,
    share: total > 0 ? b.count / total : 0,
  }));
}

// ——— Tables ———

export interface QualityRow {
  key: "accuracy" | "f1" | "rocAuc" | "mae" | "rmse";
  label: string;
  production: number | null;
  shadow: number | null;
  /** shadow − production */
  delta: number | null;
  /** 95% half-width (accuracy only: the paired interval) */
  ci: number | null;
  /** Lower is better (errors). */
  lowerIsBetter: boolean;
}

const QUALITY_LABELS: Record<QualityRow["key"], string> = {
  accuracy: "Accuracy",
  f1: "F1",
  rocAuc: "ROC AUC",
  mae: "MAE",
  rmse: "RMSE",
};

export function qualityRows(
  c: Pick<ShadowComparison, "task" | "production" | "shadow" | "accuracyDelta">,
): QualityRow[] {
  const keys: QualityRow["key"][] = c.task === "regression" ? ["mae", "rmse"] : ["accuracy", "f1", "rocAuc"];
  return keys.map((key) => {
    const production = c.production[key];
    const shadow = c.shadow[key];
    const delta =
      key === "accuracy" && c.accuracyDelta
        ? c.accuracyDelta.estimate
        : production !== null && shadow !== null
          ? shadow - production
          : null;
    return {
      key,
      label: QUALITY_LABELS[key],
      production,
      shadow,
      delta,
      ci: key === "accuracy" && c.accuracyDelta ? halfWidth(c.accuracyDelta) : null,
      lowerIsBetter: key === "mae" || key === "rmse",
    };
  });
}

export interface SegmentRow extends SegmentStat {
  key: string;
  disagreed: number;
  disagreement: number;
}

/** Segments with the most disagreeing rows first (then the lowest agreement, feature, value). */
export function segmentRows(segments: readonly SegmentStat[]): SegmentRow[] {
  return segments
    .map((s) => ({
      ...s,
      key: `${s.feature}\u0000${s.value}`,
      disagreed: s.n - s.agreed,
      disagreement: s.n > 0 ? 1 - s.agreed / s.n : 0,
    }))
    .sort(
      (a, b) =>
        b.disagreed - a.disagreed ||
        a.agreement - b.agreement ||
        (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0) ||
        (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    );
}

/** A feature value as the table shows it: strings verbatim, others as JSON; long values cut. */
export function formatValue(v: unknown, max = 60): string {
  const text = typeof v === "string" ? v : v === undefined ? "—" : JSON.stringify(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Feature entries sorted by name, for a row's details. */
export function featureEntries(features: Record<string, unknown>): Array<[string, string]> {
  return Object.keys(features)
    .sort()
    .map((k) => [k, formatValue(features[k])]);
}

export interface BackfillProgress {
  state: string;
  done: number;
  total: number;
  share: number | null;
  from: string | null;
  to: string | null;
}

/** The shadow's backfill (nested `backfill` or flat `backfill*` fields), or null when it never had one. */
export function backfillProgress(s: BackfillFields): BackfillProgress | null {
  const b = s.backfill ?? {
    from: s.backfillFrom,
    to: s.backfillTo,
    total: s.backfillTotal,
    done: s.backfillDone,
    state: s.backfillState,
  };
  if (!b.state) return null;
  const total = b.total ?? 0;
  const done = b.done ?? 0;
  return {
    state: b.state,
    done,
    total,
    share: total > 0 ? Math.min(1, done / total) : null,
    from: b.from ?? null,
    to: b.to ?? null,
  };
}
