// The plain-language verdict at the top of the experiment page, from the computed results. Pure.
import type { ComparisonResult, ExperimentResults } from "./schemas";

export interface DecisionInput {
  units: number;
  status: "running" | "stopped";
  control: string;
  srm: { pValue: number | null; flagged: boolean };
  /** the comparisons of the primary (first) metric, one per treatment */
  primary: ComparisonResult[];
  guardrails: ExperimentResults["guardrails"];
  power: ExperimentResults["power"];
}

const signedPercent = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}%`;
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const metricName = (key: string) => key.replace(/_/g, " ");

function formatP(p: number): string {
  return p < 0.0001 ? p.toExponential(1) : p.toPrecision(2);
}

function describeComparison(c: ComparisonResult, control: string, stopped: boolean): string {
  const name = metricName(c.metric);
  if (c.lift === null) return `${c.variant}: ${name} cannot be compared yet`;
  const interval = c.ci ? ` [${signedPercent(c.ci[0])}, ${signedPercent(c.ci[1])}]` : "";
  const chance =
    c.chanceToBeatControl === null ? "" : `, ${percent(c.chanceToBeatControl)} chance to beat ${control}`;
  if (c.pValue === null)
    return `${c.variant} changes ${name} by ${signedPercent(c.lift)} (no test for ${name})`;
  if (c.significant)
    return `${c.variant} ${c.lift >= 0 ? "raises" : "lowers"} ${name} by ${signedPercent(c.lift)}${interval}${chance}`;
  return `no significant difference${stopped ? "" : " yet"} in ${name} for ${c.variant} (${signedPercent(c.lift)}${interval}${chance})`;
}

export function decide(input: DecisionInput): string {
  if (input.units === 0)
    return "No data yet: no prediction in the experiment's time range belongs to one of its variants (send predictions with a variant field, or of a variant's version).";
  if (input.srm.flagged)
    return `Sample ratio mismatch (p = ${formatP(input.srm.pValue ?? 0)}): the split does not match the weights; do not trust these results until the cause is found.`;
  const parts = input.primary.map((c) => describeComparison(c, input.control, input.status === "stopped"));
  const regressed = input.guardrails.filter((g) => g.regressed);
  if (regressed.length > 0)
    parts.push(
      `guardrail regressed: ${regressed.map((g) => `${metricName(g.guardrail)} of ${g.variant} (${g.detail})`).join("; ")}`,
    );
  else if (input.guardrails.length > 0) parts.push("no guardrail regressed");
  const p = input.power;
  if (input.status === "running" && p && p.requiredPerVariant !== null && p.remaining !== null) {
    parts.push(
      p.remaining > 0
        ? `keep running until N=${p.requiredPerVariant.toLocaleString("en-US")} per variant for 80% power (${p.remaining.toLocaleString("en-US")} more)`
        : `the sample is large enough for 80% power on ${metricName(p.metric)}`,
    );
  }
  return `${parts.join("; ")}.`;
}
