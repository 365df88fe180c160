// One treatment against the control on one metric — frequentist (with CUPED when a covariate is set),
// Bayesian and sequential — plus the guardrails and the power estimate. Sufficient statistics in, API shapes
// out; Holm's adjustment across every comparison is applied afterwards (results.ts).
import type { Task } from "../quality";
import { percentile } from "../rollups/samples";
import type { DayStats } from "./accumulate";
import type { MetricDefinition } from "./definition";
import { binarySummary, covariateSummary, type Moments, meanSummary } from "./moments";
import type { ComparisonResult, ExperimentResults } from "./schemas";
import {
  bayesMeans,
  bayesRates,
  compareMeans,
  compareRates,
  cupedAdjust,
  sampleSizeMeans,
  sampleSizeRates,
  sequentialMeans,
  sequentialRates,
} from "./stats";
import type { FrequentistComparison } from "./stats/types";
import { f1Of, finite, finiteInterval, type MetricType, momentsOf } from "./summaries";

/** A treatment's p95 latency may exceed the control's by this much before the guardrail says "regressed". */
export const LATENCY_REGRESSION = 0.1;

export interface CompareContext {
  alpha: number;
  /** mean of the covariate over every unit that has one; null: no CUPED */
  pooledCovariate: number | null;
  task: Task;
  positiveClass: string | null;
}

/** The plain frequentist comparison (no CUPED): also used for the timeline's lift points. */
export function frequentist(
  type: "binary" | "mean",
  c: Moments,
  t: Moments,
  alpha: number,
): FrequentistComparison {
  return type === "binary"
    ? compareRates(binarySummary(c), binarySummary(t), alpha)
    : compareMeans(meanSummary(c), meanSummary(t), alpha);
}

/** Holm-adjusted p-value and significance are filled in later. */
export function compareMetric(
  variant: string,
  metric: MetricDefinition,
  type: MetricType,
  control: DayStats,
  treatment: DayStats,
  ctx: CompareContext,
): ComparisonResult {
  const base = { variant, metric: metric.key, type, inverse: metric.inverse };
  const c = momentsOf(control, metric, type);
  const t = momentsOf(treatment, metric, type);
  if (type === "f1" || !c || !t) {
    // F1 is not a mean of per-unit values, so no test applies to it: value and lift only.
    const fc = f1Of(control.confusion, ctx.task, ctx.positiveClass).f1;
    const ft = f1Of(treatment.confusion, ctx.task, ctx.positiveClass).f1;
    return {
      ...base,
      controlValue: fc,
      value: ft,
      diff: fc !== null && ft !== null ? ft - fc : null,
      diffCi: null,
      lift: fc !== null && ft !== null ? finite(ft / fc - 1) : null,
      ci: null,
      pValue: null,
      adjustedPValue: null,
      significant: false,
      chanceToBeatControl: null,
      expectedLoss: null,
      credibleInterval: null,
      cuped: null,
      sequential: null,
    };
  }
  let f: FrequentistComparison;
  let cuped: ComparisonResult["cuped"] = null;
  if (ctx.pooledCovariate !== null && c.n > 1 && t.n > 1) {
    const adjusted = cupedAdjust(
      covariateSummary(c, ctx.pooledCovariate),
      covariateSummary(t, ctx.pooledCovariate),
    );
    f = compareMeans(adjusted.control, adjusted.treatment, ctx.alpha);
    cuped = {
      theta: finite(adjusted.theta) ?? 0,
      varianceReduction: finite(adjusted.varianceReduction) ?? 0,
    };
  } else f = frequentist(type, c, t, ctx.alpha);
  const options = { inverse: metric.inverse, level: 1 - ctx.alpha };
  const bayes =
    type === "binary"
      ? bayesRates(binarySummary(c), binarySummary(t), options)
      : bayesMeans(meanSummary(c), meanSummary(t), options);
  const seq =
    type === "binary"
      ? sequentialRates(binarySummary(c), binarySummary(t), { alpha: ctx.alpha })
      : sequentialMeans(meanSummary(c), meanSummary(t), { alpha: ctx.alpha });
  return {
    ...base,
    controlValue: finite(f.controlValue),
    value: finite(f.treatmentValue),
    diff: finite(f.diff),
    diffCi: finiteInterval(f.diffCi),
    lift: finite(f.lift),
    ci: finiteInterval(f.liftCi),
    pValue: finite(f.pValue),
    adjustedPValue: null,
    significant: false,
    chanceToBeatControl: finite(bayes.chanceToBeatControl),
    expectedLoss: finite(bayes.expectedLoss.treatment),
    credibleInterval: finiteInterval(bayes.liftCredibleInterval),
    cuped,
    sequential: {
      ci: finiteInterval(seq.liftCi),
      diffCi: finiteInterval(seq.diffCi),
      significant: seq.significant,
    },
  };
}

type GuardrailResult = ExperimentResults["guardrails"][number];

const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;

/** p95 latency: regressed when the treatment's exceeds the control's by more than LATENCY_REGRESSION. */
export function latencyGuardrail(variant: string, control: number[], treatment: number[]): GuardrailResult {
  const pc = percentile(control, 0.95);
  const pt = percentile(treatment, 0.95);
  const change = pc !== null && pt !== null && pc > 0 ? pt / pc - 1 : null;
  const regressed = change !== null && change > LATENCY_REGRESSION;
  return {
    variant,
    guardrail: "latency_p95",
    controlValue: pc,
    value: pt,
    regressed,
    pValue: null,
    detail:
      pc === null || pt === null
        ? "no latencies recorded"
        : `p95 latency ${pt.toFixed(1)} ms vs ${pc.toFixed(1)} ms${change === null ? "" : ` (${pct(change)})`}, ${regressed ? "above" : "within"} the ${pct(LATENCY_REGRESSION)} limit`,
  };
}

/** Error rate (share of units with an "error" event): regressed when higher, one-sided z-test p < alpha. */
export function errorGuardrail(variant: string, c: Moments, t: Moments, alpha: number): GuardrailResult {
  const f = compareRates(binarySummary(c), binarySummary(t), alpha);
  const z = f.statistic;
  const p =
    Number.isFinite(z) && Number.isFinite(f.pValue) ? (z > 0 ? f.pValue / 2 : 1 - f.pValue / 2) : null;
  const regressed = p !== null && f.diff > 0 && p < alpha;
  const rate = (m: Moments) => (m.n === 0 ? null : m.sumY / m.n);
  const rc = rate(c);
  const rt = rate(t);
  return {
    variant,
    guardrail: "error_rate",
    controlValue: rc,
    value: rt,
    regressed,
    pValue: p,
    detail:
      rc === null || rt === null
        ? "no units"
        : `error rate ${(rt * 100).toFixed(2)}% vs ${(rc * 100).toFixed(2)}%${p === null ? "" : ` (one-sided p = ${p.toPrecision(2)})`}; ${regressed ? "regressed" : "not higher"}`,
  };
}

/** Units per variant for 80% power at the observed effect, and how many more the smaller arm needs. */
export function powerFor(
  type: "binary" | "mean",
  c: Moments,
  t: Moments,
  alpha: number,
): { requiredPerVariant: number | null; remaining: number | null } {
  if (c.n < 2 || t.n < 2) return { requiredPerVariant: null, remaining: null };
  const mc = c.sumY / c.n;
  const mt = t.sumY / t.n;
  let required: number | null;
  if (type === "binary") required = sampleSizeRates(mc, mt, { alpha, power: 0.8 });
  else {
    const sd = Math.sqrt(Math.max(0, (c.sumY2 - c.n * mc * mc) / (c.n - 1)));
    required = sampleSizeMeans(mt - mc, sd, { alpha, power: 0.8 });
  }
  const n = finite(required);
  if (n === null) return { requiredPerVariant: null, remaining: null };
  const ceil = Math.ceil(n);
  return { requiredPerVariant: ceil, remaining: Math.max(0, ceil - Math.min(c.n, t.n)) };
}
