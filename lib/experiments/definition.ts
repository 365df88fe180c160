// What an experiment measures, in the normalised form stored in the Experiment row and returned by the API:
// a quality metric (accuracy, f1, log_loss: from labels), or an event metric (binary, mean, or "auto":
// decided from the event values when the results are computed).
import { type ExperimentInfo, type ExperimentInput, QUALITY_METRICS } from "./schemas";

export type MetricDefinition = ExperimentInfo["metrics"][number];
export type VariantDefinition = ExperimentInfo["variants"][number];
export type Guardrail = ExperimentInfo["guardrails"][number];

/** The experiment as the results computation needs it (times in epoch ms). */
export interface ExperimentDefinition {
  id: number;
  key: string;
  modelId: number;
  model: string;
  status: "running" | "stopped";
  variants: VariantDefinition[];
  metrics: MetricDefinition[];
  guardrails: Guardrail[];
  covariate: string | null;
  alpha: number;
  startAt: number;
  endAt: number | null;
}

const isQualityMetric = (name: string): name is (typeof QUALITY_METRICS)[number] =>
  (QUALITY_METRICS as readonly string[]).includes(name);

/**
 * "accuracy" / "f1" / "log_loss" are quality metrics (log loss: lower is better); any other string is an event
 * of that name with its type decided from the values; the object form fixes the type and the event name.
 */
export function normaliseMetric(input: ExperimentInput["metrics"][number]): MetricDefinition {
  if (typeof input === "string") {
    if (isQualityMetric(input))
      return { key: input, source: "quality", event: null, type: "auto", inverse: input === "log_loss" };
    return { key: input, source: "event", event: input, type: "auto", inverse: false };
  }
  return {
    key: input.key,
    source: "event",
    event: input.event ?? input.key,
    type: input.type,
    inverse: input.inverse ?? false,
  };
}

/** Metric keys must be unique: they name the results' columns and series labels. */
export function duplicateMetricKey(metrics: readonly MetricDefinition[]): string | null {
  const seen = new Set<string>();
  for (const m of metrics) {
    if (seen.has(m.key)) return m.key;
    seen.add(m.key);
  }
  return null;
}

/** The metric's type once the event values are known: "auto" is binary when every value seen is 0 or 1. */
export function resolvedType(metric: MetricDefinition, onlyZeroOne: boolean): "binary" | "mean" | "f1" {
  if (metric.source === "quality")
    return metric.key === "log_loss" ? "mean" : metric.key === "f1" ? "f1" : "binary";
  if (metric.type === "auto") return onlyZeroOne ? "binary" : "mean";
  return metric.type;
}
