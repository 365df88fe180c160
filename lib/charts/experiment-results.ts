// The experiment page's prepare step: the variant table, the "lift with interval bars" rows with their shared
// geometry, guardrail rows, the SRM banner's numbers and the power line. Pure; the components only render.
import type { ComparisonResult, ExperimentResults } from "../experiments/schemas";
import {
  formatChance,
  formatLift,
  formatLiftInterval,
  formatMetricValue,
  formatPClause,
  formatPValue,
  formatValueWithCi,
  type MetricValueType,
  metricLabel,
  type SignificanceTone,
  significanceTone,
} from "./experiment-format";
import { formatInteger, formatMetric, formatPercent } from "./format";
import { seriesColor } from "./palette";

type Interval = readonly [number, number];

function ok(n: number | null | undefined): n is number {
  return typeof n === "number" && Number.isFinite(n);
}

/** Variant colours by position in the experiment's list (control first), the same in every panel. */
export function variantColors(variants: ReadonlyArray<{ key: string }>): Record<string, string> {
  return Object.fromEntries(variants.map((v, i) => [v.key, seriesColor(i)]));
}

/** The metric keys in the order the experiment declares them. */
export function metricKeys(r: Pick<ExperimentResults, "experiment">): string[] {
  return r.experiment.metrics.map((m) => m.key);
}

/** The value type of a metric as the results report it (first variant that has it); binary by default. */
export function metricType(r: Pick<ExperimentResults, "variants">, metric: string): MetricValueType {
  for (const v of r.variants) {
    const m = v.metrics[metric];
    if (m) return m.type;
  }
  return "binary";
}

export interface VariantCell {
  metric: string;
  /** "12.3% [11.1%, 13.5%]" or "—" */
  text: string;
  n: number | null;
}

export interface VariantRow {
  key: string;
  version: string;
  isControl: boolean;
  color: string;
  weight: string;
  units: string;
  share: string;
  cells: VariantCell[];
}

export function variantRows(r: ExperimentResults): VariantRow[] {
  const colors = variantColors(r.variants);
  const metrics = metricKeys(r);
  return r.variants.map((v) => ({
    key: v.key,
    version: v.version,
    isControl: v.key === r.control,
    color: colors[v.key] ?? seriesColor(0),
    weight: formatPercent(v.weight, 0),
    units: formatInteger(v.n),
    share: formatPercent(v.share, 1),
    cells: metrics.map((metric) => {
      const m = v.metrics[metric];
      return {
        metric,
        text: m ? formatValueWithCi(m.value, m.ci, m.type, metric) : "—",
        n: m ? m.n : null,
      };
    }),
  }));
}

/** A horizontal span in percent of the plot width. */
export interface BarSpan {
  left: number;
  width: number;
}

export interface LiftBarRow {
  variant: string;
  color: string;
  tone: SignificanceTone;
  lift: string;
  interval: string;
  /** the confidence interval of the lift; null when it cannot be computed yet */
  bar: BarSpan | null;
  /** the always-valid (sequential) interval, drawn thinner */
  sequentialBar: BarSpan | null;
  sequentialInterval: string | null;
  point: number | null;
  pValue: string;
  adjustedPValue: string;
  chance: string;
  expectedLoss: string;
  /** "lower is better" metrics flip which side of zero is good */
  inverse: boolean;
}

export interface LiftChart {
  metric: string;
  label: string;
  /** relative-lift domain of the plot, padded */
  domain: [number, number];
  /** position of the zero line, percent */
  zero: number;
  ticks: Array<{ at: number; label: string }>;
  rows: LiftBarRow[];
}

const FALLBACK_HALF_SPAN = 0.05;

/** The domain every row of one metric shares: zero, every interval end and point, padded by 8%. */
export function liftDomain(values: readonly number[]): [number, number] {
  const finite = values.filter(ok);
  let lo = Math.min(0, ...finite);
  let hi = Math.max(0, ...finite);
  if (hi - lo < 1e-9) {
    lo = -FALLBACK_HALF_SPAN;
    hi = FALLBACK_HALF_SPAN;
  }
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

function position(x: number, [lo, hi]: [number, number]): number {
  return Math.min(100, Math.max(0, ((x - lo) / (hi - lo)) * 100));
}

function span(ci: Interval | null | undefined, domain: [number, number]): BarSpan | null {
  if (!ci || !ok(ci[0]) || !ok(ci[1])) return null;
  const left = position(Math.min(ci[0], ci[1]), domain);
  const right = position(Math.max(ci[0], ci[1]), domain);
  return { left, width: Math.max(right - left, 0.5) };
}

/** One chart per metric: a row per non-control variant, bars on one shared scale around the zero line. */
export function liftCharts(r: ExperimentResults): LiftChart[] {
  const colors = variantColors(r.variants);
  return metricKeys(r).map((metric) => {
    const comparisons = r.comparisons.filter((c) => c.metric === metric && c.variant !== r.control);
    // The scale fits the point estimates and confidence intervals; the (much wider, early on) sequential
    // interval is clipped at the edges rather than squeezing the bars that carry the decision.
    const domain = liftDomain(comparisons.flatMap((c) => [c.lift, ...(c.ci ?? [])].filter(ok)));
    const type = metricType(r, metric);
    return {
      metric,
      label: metricLabel(metric),
      domain,
      zero: position(0, domain),
      ticks: liftTicks(domain),
      rows: comparisons.map((c) => liftRow(c, colors[c.variant] ?? seriesColor(1), domain, type, metric)),
    };
  });
}

/** Labels at both ends and at zero; an end label too close to zero's would overlap it and is left out. */
function liftTicks(domain: [number, number]): LiftChart["ticks"] {
  const zero = position(0, domain);
  return [domain[0], 0, domain[1]]
    .map((v) => ({ at: position(v, domain), label: formatLift(v, 0) }))
    .filter((t, i) => i === 1 || Math.abs(t.at - zero) >= 10);
}

function liftRow(
  c: ComparisonResult,
  color: string,
  domain: [number, number],
  type: MetricValueType,
  metric: string,
): LiftBarRow {
  return {
    variant: c.variant,
    color,
    tone: significanceTone(c),
    lift: formatLift(c.lift),
    interval: formatLiftInterval(c.ci),
    bar: span(c.ci, domain),
    sequentialBar: span(c.sequential?.ci, domain),
    sequentialInterval: c.sequential?.ci ? formatLiftInterval(c.sequential.ci) : null,
    point: ok(c.lift) ? position(c.lift, domain) : null,
    pValue: formatPValue(c.pValue),
    adjustedPValue: formatPValue(c.adjustedPValue),
    chance: formatChance(c.chanceToBeatControl),
    // Expected loss is in the metric's own units: a rate's loss reads as percentage points.
    expectedLoss: formatMetricValue(c.expectedLoss, type === "binary" ? "binary" : "mean", metric),
    inverse: c.inverse,
  };
}

export interface GuardrailRow {
  variant: string;
  guardrail: string;
  regressed: boolean;
  control: string;
  value: string;
  pValue: string;
  detail: string;
}

/** Guardrail values: p95 latency in milliseconds, error rate as a percentage. */
export function formatGuardrailValue(guardrail: string, value: number | null | undefined): string {
  if (!ok(value)) return "—";
  if (guardrail === "error_rate") return formatPercent(value, 2);
  return `${formatMetric(value, value >= 100 ? 0 : 1)} ms`;
}

export function guardrailRows(r: Pick<ExperimentResults, "guardrails">): GuardrailRow[] {
  return r.guardrails.map((g) => ({
    variant: g.variant,
    guardrail: metricLabel(g.guardrail),
    regressed: g.regressed,
    control: formatGuardrailValue(g.guardrail, g.controlValue),
    value: formatGuardrailValue(g.guardrail, g.value),
    pValue: formatPValue(g.pValue),
    detail: g.detail,
  }));
}

export interface SrmSummary {
  counts: Array<{ variant: string; observed: string; expected: string }>;
  chiSquare: string;
  /** "p < 0.0001" or "p = 0.0012" */
  pClause: string;
}

/** Observed vs expected units per variant (same order as the variants) for the SRM banner. */
export function srmSummary(r: Pick<ExperimentResults, "srm" | "variants">): SrmSummary {
  return {
    counts: r.variants.map((v, i) => ({
      variant: v.key,
      observed: formatInteger(r.srm.observed[i]),
      expected: formatInteger(r.srm.expected[i]),
    })),
    chiSquare: formatMetric(r.srm.chiSquare, 2),
    pClause: formatPClause(r.srm.pValue),
  };
}

/** The power line under the verdict; null when the results carry no power estimate. */
export function powerLine(r: Pick<ExperimentResults, "power">): string | null {
  const p = r.power;
  if (!p) return null;
  const what = `${metricLabel(p.metric)} (${p.variant} vs control)`;
  if (!ok(p.requiredPerVariant))
    return `Not enough data yet to estimate the sample size for 80% power on ${what}.`;
  const need = `80% power on ${what} needs ${formatInteger(Math.ceil(p.requiredPerVariant))} units per variant`;
  if (!ok(p.remaining) || p.remaining <= 0) return `${need}; reached.`;
  return `${need}; about ${formatInteger(Math.ceil(p.remaining))} more to go.`;
}
