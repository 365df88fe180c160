// Assembles the results API object (schemas.ts experimentResults) from one pass of accumulated statistics:
// per-variant metric values with intervals, every treatment × metric comparison with Holm's adjustment,
// guardrails, the SRM check, power, the timeline and the decision.
import type { Collected } from "./collect";
import { compareMetric, errorGuardrail, latencyGuardrail, powerFor } from "./compare";
import { decide } from "./decision";
import { type ExperimentDefinition, resolvedType } from "./definition";
import { binarySummary, meanOf, meanSummary } from "./moments";
import type { ComparisonResult, ExperimentInfo, ExperimentResults } from "./schemas";
import { DEFAULT_TUNING, holmAdjust, meanInterval, rateInterval, SEQUENTIAL_METHOD, srmTest } from "./stats";
import { f1Of, finite, finiteInterval, type MetricType, momentsOf, totalsOf } from "./summaries";
import { buildTimeline } from "./timeline";

export const SRM_THRESHOLD = 0.001;

export interface ResultsInput {
  experiment: ExperimentDefinition;
  info: ExperimentInfo;
  collected: Collected;
  from: number;
  to: number;
  computedAt: number;
}

type VariantResult = ExperimentResults["variants"][number];
type MetricValue = VariantResult["metrics"][string];

function srmOf(counts: number[], weights: number[]): ExperimentResults["srm"] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0)
    return {
      observed: counts,
      expected: weights.map(() => 0),
      chiSquare: null,
      pValue: null,
      flagged: false,
    };
  const r = srmTest(counts, weights, SRM_THRESHOLD);
  return {
    observed: r.observed,
    expected: r.expected,
    chiSquare: finite(r.chiSquare),
    pValue: finite(r.pValue),
    flagged: r.flagged,
  };
}

export function buildResults(input: ResultsInput): ExperimentResults {
  const { experiment: e, collected } = input;
  const { acc } = collected;
  const totals = totalsOf(acc.days, e.variants.length, acc.eventNames);
  const metrics = e.metrics.map((metric) => ({
    metric,
    type: resolvedType(metric, metric.event ? (acc.zeroOne[metric.event] ?? true) : true) as MetricType,
  }));
  const ctx = {
    alpha: e.alpha,
    pooledCovariate: e.covariate && acc.covariate.n > 0 ? acc.covariate.sum / acc.covariate.n : null,
    task: acc.task,
    positiveClass: acc.positiveClass,
  };

  const variants: VariantResult[] = e.variants.map((v, i) => {
    const stats = totals[i]!;
    const values: Record<string, MetricValue> = {};
    for (const { metric, type } of metrics) {
      if (type === "f1") {
        const f1 = f1Of(stats.confusion, acc.task, acc.positiveClass);
        values[metric.key] = { type, n: f1.n, value: f1.f1, ci: null };
        continue;
      }
      const m = momentsOf(stats, metric, type)!;
      const value = meanOf(m);
      values[metric.key] =
        type === "binary"
          ? {
              type,
              n: m.n,
              value,
              rate: value,
              ci: m.n > 0 ? finiteInterval(rateInterval(binarySummary(m), e.alpha)) : null,
            }
          : {
              type,
              n: m.n,
              value,
              mean: value,
              ci: m.n > 1 ? finiteInterval(meanInterval(meanSummary(m), e.alpha)) : null,
            };
    }
    return {
      key: v.key,
      version: v.version,
      weight: v.weight,
      n: stats.n,
      share: acc.units > 0 ? stats.n / acc.units : null,
      metrics: values,
    };
  });

  const comparisons: ComparisonResult[] = [];
  for (let i = 1; i < e.variants.length; i++)
    for (const { metric, type } of metrics)
      comparisons.push(compareMetric(e.variants[i]!.key, metric, type, totals[0]!, totals[i]!, ctx));
  const tested = comparisons.filter((c) => c.pValue !== null);
  const adjusted = holmAdjust(tested.map((c) => c.pValue!));
  tested.forEach((c, j) => {
    c.adjustedPValue = finite(adjusted[j]);
    c.significant = c.adjustedPValue !== null && c.adjustedPValue < e.alpha;
  });

  const guardrails: ExperimentResults["guardrails"] = [];
  for (let i = 1; i < e.variants.length; i++) {
    const key = e.variants[i]!.key;
    if (e.guardrails.includes("latency_p95"))
      guardrails.push(latencyGuardrail(key, acc.latencies[0]!, acc.latencies[i]!));
    if (e.guardrails.includes("error_rate"))
      guardrails.push(
        errorGuardrail(key, totals[0]!.events.error!.binary, totals[i]!.events.error!.binary, e.alpha),
      );
  }

  const srm = srmOf(
    totals.map((t) => t.n),
    e.variants.map((v) => v.weight),
  );

  // Power: the first event metric (else accuracy), first treatment against the control.
  const powerMetric =
    metrics.find((m) => m.metric.source === "event" && m.type !== "f1") ??
    metrics.find((m) => m.metric.key === "accuracy");
  let power: ExperimentResults["power"] = null;
  if (powerMetric && e.variants.length > 1 && powerMetric.type !== "f1") {
    const c = momentsOf(totals[0]!, powerMetric.metric, powerMetric.type)!;
    const t = momentsOf(totals[1]!, powerMetric.metric, powerMetric.type)!;
    power = {
      metric: powerMetric.metric.key,
      variant: e.variants[1]!.key,
      ...powerFor(powerMetric.type, c, t, e.alpha),
    };
  }

  const primaryKey = metrics[0]?.metric.key;
  const decision = decide({
    units: acc.units,
    status: e.status,
    control: e.variants[0]!.key,
    srm,
    primary: comparisons.filter((c) => c.metric === primaryKey),
    guardrails,
    power,
  });

  return {
    experiment: input.info,
    computedAt: new Date(input.computedAt).toISOString(),
    from: new Date(input.from).toISOString(),
    to: new Date(input.to).toISOString(),
    control: e.variants[0]!.key,
    unassigned: collected.unassigned,
    variants,
    comparisons,
    guardrails,
    srm,
    sequential: { method: SEQUENTIAL_METHOD, tuning: DEFAULT_TUNING, alpha: e.alpha },
    power,
    decision,
    timeline: buildTimeline({
      days: acc.days,
      variants: e.variants,
      metrics,
      eventNames: acc.eventNames,
      alpha: e.alpha,
      task: acc.task,
      positiveClass: acc.positiveClass,
      to: input.to,
    }),
  };
}
