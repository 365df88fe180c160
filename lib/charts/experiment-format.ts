// Number formatting for the experiment pages: relative lifts with their intervals, metric values by type
// (rates as percentages, means as numbers, log loss with 4 digits), p-values and significance tones.
import type { ComparisonResult } from "../experiments/schemas";
import { DEFAULT_LOCALE, formatMetric, formatPercent } from "./format";

const DASH = "—";
const MINUS = "\u2212";

export type MetricValueType = "binary" | "mean" | "f1";

function ok(n: number | null | undefined): n is number {
  return typeof n === "number" && Number.isFinite(n);
}

/** 0.118 → "+11.8%", −0.041 → "−4.1%", 0 → "0.0%" (a sign on a rounded zero would claim a direction). */
export function formatLift(value: number | null | undefined, digits = 1, locale = DEFAULT_LOCALE): string {
  if (!ok(value)) return DASH;
  const text = formatPercent(Math.abs(value), digits, locale);
  if (Number.parseFloat(text) === 0) return formatPercent(0, digits, locale);
  return `${value < 0 ? MINUS : "+"}${text}`;
}

/** [0.041, 0.199] → "[+4.1%, +19.9%]"; null → "—". */
export function formatLiftInterval(ci: readonly [number, number] | null | undefined, digits = 1): string {
  if (!ci || !ok(ci[0]) || !ok(ci[1])) return DASH;
  return `[${formatLift(ci[0], digits)}, ${formatLift(ci[1], digits)}]`;
}

/** "+11.8% [+4.1%, +19.9%]" — the lift and its interval as the decision summary writes them. */
export function formatLiftWithInterval(
  lift: number | null | undefined,
  ci: readonly [number, number] | null | undefined,
): string {
  if (!ok(lift)) return DASH;
  return ci ? `${formatLift(lift)} ${formatLiftInterval(ci)}` : formatLift(lift);
}

/** Log loss is read to 4 digits: differences between good models live in the third decimal. */
const FOUR_DIGIT_METRICS = new Set(["log_loss"]);

/** A metric value by its type: a rate as a percentage, F1 as a 0–1 number, a mean as a number. */
export function formatMetricValue(
  value: number | null | undefined,
  type: MetricValueType,
  metric: string,
): string {
  if (!ok(value)) return DASH;
  if (type === "binary") return formatPercent(value, Math.abs(value) < 0.01 && value !== 0 ? 2 : 1);
  if (FOUR_DIGIT_METRICS.has(metric)) return formatMetric(value, 4);
  if (type === "f1") return formatMetric(value, 3);
  const abs = Math.abs(value);
  return formatMetric(value, abs >= 100 ? 1 : abs >= 1 ? 2 : 3);
}

/** "81.2% [79.0%, 83.4%]" — a value with its confidence interval, both in the metric's format. */
export function formatValueWithCi(
  value: number | null | undefined,
  ci: readonly [number, number] | null | undefined,
  type: MetricValueType,
  metric: string,
): string {
  const v = formatMetricValue(value, type, metric);
  if (v === DASH || !ci) return v;
  return `${v} [${formatMetricValue(ci[0], type, metric)}, ${formatMetricValue(ci[1], type, metric)}]`;
}

/** p-values: 4 decimals, "< 0.0001" below that. */
export function formatPValue(p: number | null | undefined): string {
  if (!ok(p)) return DASH;
  if (p < 0.0001) return "< 0.0001";
  return formatMetric(p, 4);
}

/** "p = 0.0031" or "p < 0.0001", for sentences. */
export function formatPClause(p: number | null | undefined): string {
  const text = formatPValue(p);
  return text.startsWith("<") ? `p ${text}` : `p = ${text}`;
}

/** Chance to beat control with one decimal: 0.9963 → "99.6%"; never rounds to a certain 100% or 0%. */
export function formatChance(p: number | null | undefined): string {
  if (!ok(p)) return DASH;
  if (p > 0.999) return "> 99.9%";
  if (p < 0.001) return "< 0.1%";
  return formatPercent(p, 1);
}

export type SignificanceTone = "better" | "worse" | "inconclusive";

/**
 * Significant and in the metric's good direction (higher, or lower when `inverse`) → better; significant the
 * other way → worse; otherwise inconclusive. The direction is read from the difference (the lift is missing
 * when the control's value is 0).
 */
export function significanceTone(
  c: Pick<ComparisonResult, "significant" | "inverse" | "diff" | "lift">,
): SignificanceTone {
  const direction = ok(c.diff) ? c.diff : ok(c.lift) ? c.lift : 0;
  if (!c.significant || direction === 0) return "inconclusive";
  const up = direction > 0;
  return up !== c.inverse ? "better" : "worse";
}

export const TONE_LABELS: Record<SignificanceTone, string> = {
  better: "significantly better",
  worse: "significantly worse",
  inconclusive: "inconclusive",
};

/** Badge tones of the UI primitives for each significance. */
export const TONE_BADGE: Record<SignificanceTone, "good" | "bad" | "muted"> = {
  better: "good",
  worse: "bad",
  inconclusive: "muted",
};

/** Metric keys as people say them: "log_loss" → "log loss", "latency_p95" → "latency p95". */
export function metricLabel(key: string): string {
  return key.replace(/_/g, " ");
}
