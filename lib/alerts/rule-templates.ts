// Ready-made alert rules a user picks from a list and fills in (docs/alerting.md "Rule templates"). Each one
// reads the series Vigil itself writes. The quality, drift and shadow series are hourly points at the hour's
// start (lib/rollups, lib/drift, lib/shadow), which an instant query only sees for 5 minutes, so the rules
// read "the latest point" with last_over_time over 2 h (the current hour's point may not be computed yet).
import { HttpError } from "../http/errors";
import type { RuleBody, RuleTemplateInfo } from "./api-schemas";
import { parseRuleDuration } from "./rule-config";

type ParamKind = RuleTemplateInfo["parameters"][number]["kind"];
type ParamValue = string | number;

interface Parameter {
  name: string;
  label: string;
  default: ParamValue;
  kind: ParamKind;
  /** allowed values of a text parameter */
  oneOf?: readonly string[];
}

interface RuleTemplate extends RuleTemplateInfo {
  parameters: Parameter[];
  build(p: Record<string, ParamValue>): RuleBody;
}

const model: Parameter = { name: "model", label: "Model (empty: every model)", default: "", kind: "model" };
const forParam = (value: string): Parameter => ({
  name: "for",
  label: "For",
  default: value,
  kind: "duration",
});
const severity: Parameter = {
  name: "severity",
  label: "Severity",
  default: "warning",
  kind: "text",
  oneOf: ["critical", "warning", "info"],
};

/** A PromQL string literal. */
const quote = (text: string) => JSON.stringify(text);

/** `{model="x",extra}` or `{extra}`: an empty model parameter means every model. */
function selector(p: Record<string, ParamValue>, ...extra: string[]): string {
  const parts = [...(p.model ? [`model=${quote(String(p.model))}`] : []), ...extra];
  return `{${parts.join(",")}}`;
}

const latest = (metric: string, sel: string) => `last_over_time(${metric}${sel}[2h])`;

function rule(
  p: Record<string, ParamValue>,
  alert: string,
  expr: string,
  summary: string,
  description: string,
): RuleBody {
  return {
    alert,
    expr,
    for: String(p.for),
    labels: { severity: String(p.severity) },
    annotations: { summary, description },
  };
}

const qualityMetric: Parameter = {
  name: "metric",
  label: "Metric",
  default: "accuracy",
  kind: "text",
  oneOf: ["accuracy", "f1", "precision", "recall"],
};

const TEMPLATES: RuleTemplate[] = [
  {
    id: "quality-below",
    title: "Accuracy or F1 below a threshold",
    description:
      "The latest hourly accuracy (or F1, precision, recall) of a model version is below a threshold.",
    parameters: [
      model,
      qualityMetric,
      { name: "threshold", label: "Threshold", default: 0.8, kind: "number" },
      forParam("30m"),
      severity,
    ],
    build: (p) =>
      rule(
        p,
        `Model${p.metric === "f1" ? "F1" : String(p.metric).replace(/^./, (c) => c.toUpperCase())}Low`,
        `${latest(`vigil_model_${p.metric}`, selector(p, 'window="1h"'))} < ${p.threshold}`,
        `{{ $labels.model }} {{ $labels.version }}: ${p.metric} {{ $value | humanizePercentage }}`,
        `The hourly ${p.metric} of {{ $labels.model }} version {{ $labels.version }} is below ${p.threshold}.`,
      ),
  },
  {
    id: "quality-dropped",
    title: "Accuracy or F1 dropped vs the previous 7 days",
    description:
      "The latest hourly metric is lower than its average over the 7 days before by more than a relative drop.",
    parameters: [
      model,
      qualityMetric,
      { name: "drop", label: "Relative drop (0.05 = 5 %)", default: 0.05, kind: "number" },
      forParam("1h"),
      severity,
    ],
    build: (p) => {
      const sel = selector(p, 'window="1h"');
      return rule(
        p,
        "ModelQualityDropped",
        `${latest(`vigil_model_${p.metric}`, sel)} < (1 - ${p.drop}) * avg_over_time(vigil_model_${p.metric}${sel}[7d] offset 2h)`,
        `{{ $labels.model }} {{ $labels.version }}: ${p.metric} dropped to {{ $value | humanizePercentage }}`,
        `The hourly ${p.metric} is more than ${Number(p.drop) * 100} % below its average over the previous 7 days.`,
      );
    },
  },
  {
    id: "dataset-drift",
    title: "Dataset drift share ≥ 0.5",
    description:
      "At least this share of a model's features drifted in the latest hour (Evidently's dataset drift).",
    parameters: [
      model,
      { name: "share", label: "Drift share", default: 0.5, kind: "number" },
      forParam("0s"),
      severity,
    ],
    build: (p) =>
      rule(
        p,
        "DatasetDrift",
        `${latest("vigil_dataset_drift_share", selector(p))} >= ${p.share}`,
        "{{ $labels.model }}: {{ $value | humanizePercentage }} of the features drifted",
        `The share of drifted features of {{ $labels.model }} {{ $labels.version }} reached ${p.share}.`,
      ),
  },
  {
    id: "feature-psi",
    title: "Any feature PSI ≥ 0.2",
    description: "A feature's population stability index against the reference is at least the threshold.",
    parameters: [
      model,
      { name: "threshold", label: "PSI", default: 0.2, kind: "number" },
      forParam("0s"),
      severity,
    ],
    build: (p) =>
      rule(
        p,
        "FeaturePsiHigh",
        `max by (model, version, feature) (${latest("vigil_feature_drift", selector(p, 'stattest="psi"'))}) >= ${p.threshold}`,
        '{{ $labels.model }}: feature {{ $labels.feature }} PSI {{ $value | printf "%.2f" }}',
        `The PSI of feature {{ $labels.feature }} is at least ${p.threshold} (a significant shift).`,
      ),
  },
  {
    id: "gpu-saturated",
    title: "GPU utilization > 95 % for 10m",
    description:
      "A serving GPU's utilization (DCGM exporter's DCGM_FI_DEV_GPU_UTIL) stays above the threshold.",
    parameters: [
      { name: "threshold", label: "Utilization %", default: 95, kind: "number" },
      forParam("10m"),
      severity,
    ],
    build: (p) =>
      rule(
        p,
        "GpuSaturated",
        `avg by (Hostname, gpu) (DCGM_FI_DEV_GPU_UTIL) > ${p.threshold}`,
        "GPU {{ $labels.gpu }} on {{ $labels.Hostname }} at {{ $value }} %",
        `GPU utilization has been above ${p.threshold} % for ${p.for}.`,
      ),
  },
  {
    id: "no-predictions",
    title: "No predictions for 15m",
    description:
      "No predictions arrived for at least 15 minutes. Vigil counts predictions per hour, so this fires 15 to 75 minutes after the last prediction.",
    parameters: [model, forParam("0s"), { ...severity, default: "critical" }],
    build: (p) =>
      rule(
        p,
        "NoPredictions",
        `absent_over_time(vigil_predictions_total${selector(p, 'window="1h"')}[75m])`,
        `${p.model ? "{{ $labels.model }}" : "Vigil"}: no predictions received`,
        "No prediction has reached Vigil for at least 15 minutes: check the serving cluster and its exporter.",
      ),
  },
  {
    id: "label-coverage",
    title: "Label coverage below X",
    description:
      "The share of the last 24 hours' predictions that have a ground-truth label is below a threshold.",
    parameters: [
      model,
      { name: "threshold", label: "Coverage", default: 0.5, kind: "number" },
      forParam("1h"),
      severity,
    ],
    build: (p) => {
      const sel = selector(p, 'window="1h"');
      return rule(
        p,
        "LabelCoverageLow",
        `sum by (model, version) (sum_over_time(vigil_labels_total${sel}[1d])) / sum by (model, version) (sum_over_time(vigil_predictions_total${sel}[1d])) < ${p.threshold}`,
        "{{ $labels.model }} {{ $labels.version }}: {{ $value | humanizePercentage }} of predictions labeled",
        `Fewer than ${Number(p.threshold) * 100} % of the last day's predictions have a label.`,
      );
    },
  },
  {
    id: "shadow-disagreement",
    title: "Shadow disagreement > 10 %",
    description:
      "A shadow model disagrees with production on more than this share of the latest hour's rows.",
    parameters: [
      model,
      { name: "threshold", label: "Disagreement", default: 0.1, kind: "number" },
      forParam("0s"),
      severity,
    ],
    build: (p) =>
      rule(
        p,
        "ShadowDisagreement",
        `1 - ${latest("vigil_shadow_agreement", selector(p))} > ${p.threshold}`,
        "{{ $labels.model }}: shadow {{ $labels.shadow }} disagrees on {{ $value | humanizePercentage }}",
        `The shadow disagrees with production on more than ${Number(p.threshold) * 100} % of the rows.`,
      ),
  },
  {
    id: "experiment-srm",
    title: "Experiment SRM detected",
    description: "An A/B experiment's sample ratio mismatch test flagged its traffic split as broken.",
    parameters: [
      { name: "experiment", label: "Experiment (empty: every one)", default: "", kind: "text" },
      forParam("0s"),
      { ...severity, default: "critical" },
    ],
    build: (p) =>
      rule(
        p,
        "ExperimentSampleRatioMismatch",
        `last_over_time(vigil_experiment_srm_flagged${p.experiment ? `{experiment=${quote(String(p.experiment))}}` : ""}[1h]) == 1`,
        "Experiment {{ $labels.experiment }}: sample ratio mismatch",
        "The variants' traffic does not match their weights: the results cannot be trusted until the assignment is fixed.",
      ),
  },
];

export function listTemplates(): RuleTemplateInfo[] {
  return TEMPLATES.map(({ id, title, description, parameters }) => ({
    id,
    title,
    description,
    parameters: parameters.map(({ name, label, default: value, kind }) => ({
      name,
      label,
      default: value,
      kind,
    })),
  }));
}

function paramValue(param: Parameter, given: ParamValue | undefined): ParamValue {
  const value = given ?? param.default;
  const field = `params.${param.name}`;
  switch (param.kind) {
    case "number": {
      const n = typeof value === "number" ? value : Number(value);
      if (typeof value === "string" && value.trim() === "")
        throw new HttpError(400, `${field}: must be a number`);
      if (!Number.isFinite(n)) throw new HttpError(400, `${field}: must be a number`);
      return n;
    }
    case "duration":
      if (parseRuleDuration(String(value)) === null)
        throw new HttpError(400, `${field}: "${String(value)}" is not a duration (e.g. 10m)`);
      return String(value);
    default: {
      const text = String(value);
      if (text.length > 200) throw new HttpError(400, `${field}: at most 200 characters`);
      if (param.oneOf && !param.oneOf.includes(text))
        throw new HttpError(400, `${field}: must be one of ${param.oneOf.join(", ")}`);
      return text;
    }
  }
}

/** The template's rule with the parameters filled in (defaults for those not given). */
export function renderTemplate(id: string, params: Record<string, ParamValue>): RuleBody {
  const template = TEMPLATES.find((t) => t.id === id);
  if (!template) throw new HttpError(404, `no rule template "${id}"`);
  const known = new Set(template.parameters.map((p) => p.name));
  for (const name of Object.keys(params))
    if (!known.has(name)) throw new HttpError(400, `params.${name}: template "${id}" has no such parameter`);
  const values: Record<string, ParamValue> = {};
  for (const param of template.parameters) values[param.name] = paramValue(param, params[param.name]);
  return template.build(values);
}
