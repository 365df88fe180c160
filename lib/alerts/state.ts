// The alert state machine of one rule, with Prometheus 2.42's semantics (rules/alerting.go `Eval`): each
// evaluation takes the previous active alerts and the query's result and returns the next alerts, the
// transitions that happened, and the ALERTS / ALERTS_FOR_STATE samples to record. Pure: the clock, the query
// and the templates come in as arguments, so every rule of Prometheus' lifecycle is a table-driven test.
//
// Beyond Prometheus (as Grafana offers): what an empty result (`noData`) and a failed query (`onError`) do —
// "ok" treats it as "no alert" (Prometheus' behaviour for an empty result), "alerting" raises one alert
// named DatasourceNoData / DatasourceError that goes through pending/firing like any other, and "keep_last"
// leaves every alert as it was.
import type { Labels } from "../series/labels";

export type AlertState = "inactive" | "pending" | "firing";
export type MissingPolicy = "ok" | "alerting" | "keep_last";

/** Resolved alerts stay this long, so that their resolution can still be sent (Prometheus' resolvedRetention). */
export const RESOLVED_RETENTION_MS = 15 * 60_000;

export interface Alert {
  labels: Labels;
  annotations: Labels;
  state: AlertState;
  value: number;
  activeAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
  keepFiringSince: number | null;
}

export interface RuleSpec {
  name: string;
  forMs: number;
  keepFiringForMs: number;
  labels: Labels;
  annotations: Labels;
  noData: MissingPolicy;
  onError: MissingPolicy;
}

export type QueryOutcome =
  | { ok: true; samples: ReadonlyArray<{ labels: Labels; value: number }> }
  | { ok: false; error: string };

export interface Transition {
  fingerprint: string;
  labels: Labels;
  from: AlertState;
  to: AlertState;
  at: number;
  value: number;
}

export interface Sample {
  labels: Labels;
  value: number;
}

export interface EvalResult {
  alerts: Map<string, Alert>;
  transitions: Transition[];
  /** ALERTS{alertstate} = 1 and ALERTS_FOR_STATE = activeAt in seconds, for every pending or firing alert */
  samples: Sample[];
  /** the query error, or the duplicate-labelset error Prometheus raises */
  error: string | null;
}

/** Expands a label or annotation template for one sample (see template.ts); identity by default. */
export type Expand = (template: string, data: { labels: Labels; value: number }) => string;

const identity: Expand = (template) => template;

/** A label set's identity: sorted name=value pairs (label names and values cannot contain NUL). */
export function fingerprint(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}\u0000${labels[k]}`)
    .join("\u0001");
}

/** The alert's labels from a result sample: without __name__, plus the rule's (expanded) labels and alertname. */
function alertLabels(rule: RuleSpec, sample: Sample, expand: Expand): Labels {
  const out: Labels = { ...sample.labels };
  delete out.__name__;
  for (const [name, template] of Object.entries(rule.labels)) {
    const value = expand(template, sample);
    // As Prometheus' labels.Builder: an empty value removes the label.
    if (value === "") delete out[name];
    else out[name] = value;
  }
  out.alertname = rule.name;
  return out;
}

function expandAll(templates: Labels, sample: Sample, expand: Expand): Labels {
  const out: Labels = {};
  for (const [name, template] of Object.entries(templates)) out[name] = expand(template, sample);
  return out;
}

/** The sample that stands for "no data" or "query failed" when the rule says to alert on it. */
function syntheticSample(rule: RuleSpec, kind: "DatasourceNoData" | "DatasourceError"): Sample {
  return { labels: { rulename: rule.name, __alertname: kind }, value: Number.NaN };
}

function samplesFor(
  outcome: QueryOutcome,
  rule: RuleSpec,
): { samples: ReadonlyArray<Sample> | "keep"; error: string | null } {
  if (!outcome.ok) {
    if (rule.onError === "keep_last") return { samples: "keep", error: outcome.error };
    if (rule.onError === "alerting")
      return { samples: [syntheticSample(rule, "DatasourceError")], error: outcome.error };
    return { samples: [], error: outcome.error };
  }
  if (outcome.samples.length > 0) return { samples: outcome.samples, error: null };
  if (rule.noData === "keep_last") return { samples: "keep", error: null };
  if (rule.noData === "alerting")
    return { samples: [syntheticSample(rule, "DatasourceNoData")], error: null };
  return { samples: [], error: null };
}

function seriesFor(alert: Alert): Sample[] {
  const labels = { ...alert.labels };
  return [
    { labels: { __name__: "ALERTS", ...labels, alertstate: alert.state }, value: 1 },
    { labels: { __name__: "ALERTS_FOR_STATE", ...labels }, value: Math.floor(alert.activeAt / 1000) },
  ];
}

function copyAlerts(alerts: ReadonlyMap<string, Alert>): Map<string, Alert> {
  const out = new Map<string, Alert>();
  for (const [fp, a] of alerts) out.set(fp, { ...a });
  return out;
}

/** One evaluation of a rule at `at` (ms). `previous` is not modified. */
export function evaluateRule(
  rule: RuleSpec,
  previous: ReadonlyMap<string, Alert>,
  outcome: QueryOutcome,
  at: number,
  expand: Expand = identity,
): EvalResult {
  const { samples, error } = samplesFor(outcome, rule);
  const alerts = copyAlerts(previous);
  if (samples === "keep") {
    const active = [...alerts.values()].filter((a) => a.state !== "inactive");
    return { alerts, transitions: [], samples: active.flatMap(seriesFor), error };
  }

  const transitions: Transition[] = [];
  const seen = new Set<string>();
  for (const sample of samples) {
    const labels = alertLabels(rule, sample, expand);
    const synthetic = labels.__alertname;
    if (synthetic !== undefined) {
      delete labels.__alertname;
      labels.alertname = synthetic;
    }
    const fp = fingerprint(labels);
    if (seen.has(fp))
      return {
        alerts: copyAlerts(previous),
        transitions: [],
        samples: [],
        error: "vector contains metrics with the same labelset after applying alert labels",
      };
    seen.add(fp);
    const annotations = expandAll(rule.annotations, sample, expand);
    const existing = alerts.get(fp);
    if (existing && existing.state !== "inactive") {
      existing.value = sample.value;
      existing.annotations = annotations;
      continue;
    }
    alerts.set(fp, {
      labels,
      annotations,
      state: "pending",
      value: sample.value,
      activeAt: at,
      firedAt: null,
      resolvedAt: null,
      keepFiringSince: null,
    });
    transitions.push({ fingerprint: fp, labels, from: "inactive", to: "pending", at, value: sample.value });
  }

  const out: Sample[] = [];
  for (const [fp, alert] of alerts) {
    if (!seen.has(fp)) {
      let keepFiring = false;
      if (alert.state === "firing" && rule.keepFiringForMs > 0) {
        alert.keepFiringSince ??= at;
        keepFiring = at - alert.keepFiringSince < rule.keepFiringForMs;
      }
      // A pending alert that clears is forgotten; a resolved one is kept for RESOLVED_RETENTION_MS.
      if (
        alert.state === "pending" ||
        (alert.resolvedAt !== null && at - alert.resolvedAt > RESOLVED_RETENTION_MS)
      )
        alerts.delete(fp);
      if (alert.state !== "inactive" && !keepFiring) {
        transitions.push({
          fingerprint: fp,
          labels: alert.labels,
          from: alert.state,
          to: "inactive",
          at,
          value: alert.value,
        });
        alert.state = "inactive";
        alert.resolvedAt = at;
      }
      if (!keepFiring) continue;
    } else {
      alert.keepFiringSince = null;
    }
    if (alert.state === "pending" && at - alert.activeAt >= rule.forMs) {
      alert.state = "firing";
      alert.firedAt = at;
      transitions.push({
        fingerprint: fp,
        labels: alert.labels,
        from: "pending",
        to: "firing",
        at,
        value: alert.value,
      });
    }
    out.push(...seriesFor(alert));
  }
  return { alerts, transitions, samples: out, error };
}
