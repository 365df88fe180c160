// One evaluation of a rule group, as Prometheus' rules.Group.Eval: rules run in order at the same time `at`;
// each rule's output (recorded series; ALERTS and ALERTS_FOR_STATE) is written before the next rule runs, so
// later rules see it; series a rule wrote last time and not this time get a stale marker. The query and the
// storage come in as functions: Vigil's store or an external Prometheus in the worker, memory in
// `test-rules`.
import type { RuleConfig, RuleGroupConfig } from "./rule-config";
import {
  type Alert,
  type Expand,
  evaluateRule,
  fingerprint,
  type QueryOutcome,
  type Transition,
} from "./state";

export type QueryFn = (expr: string, at: number) => Promise<QueryOutcome>;

export interface Output {
  labels: Record<string, string>;
  value: number;
}

export interface GroupIo {
  query: QueryFn;
  /** stores samples at `at` and stale markers for the series in `stale` */
  write: (samples: Output[], stale: Array<Record<string, string>>, at: number) => Promise<void>;
  expand: Expand;
}

export interface RuleState {
  alerts: Map<string, Alert>;
  /** fingerprints → labels of the series the rule wrote at its last evaluation (for stale markers) */
  written: Map<string, Record<string, string>>;
  lastError: string | null;
  lastEvalAt: number | null;
  lastDurationMs: number | null;
}

export interface GroupEvalResult {
  states: RuleState[];
  transitions: Array<Transition & { rule: string }>;
}

export function emptyRuleState(): RuleState {
  return { alerts: new Map(), written: new Map(), lastError: null, lastEvalAt: null, lastDurationMs: null };
}

/** A recording rule's samples: the result with __name__ set to the rule's name and its labels applied. */
function recorded(rule: Extract<RuleConfig, { kind: "record" }>, outcome: QueryOutcome): Output[] {
  if (!outcome.ok) return [];
  return outcome.samples.map((s) => {
    const labels: Record<string, string> = { ...s.labels, __name__: rule.name };
    for (const [k, v] of Object.entries(rule.labels)) {
      if (v === "") delete labels[k];
      else labels[k] = v;
    }
    return { labels, value: s.value };
  });
}

export async function evaluateGroup(
  group: RuleGroupConfig,
  previous: readonly RuleState[],
  at: number,
  io: GroupIo,
): Promise<GroupEvalResult> {
  const states: RuleState[] = [];
  const transitions: GroupEvalResult["transitions"] = [];
  for (const [i, rule] of group.rules.entries()) {
    const before = previous[i] ?? emptyRuleState();
    const started = performance.now();
    let outcome: QueryOutcome;
    try {
      outcome = await io.query(rule.expr, at);
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    let outputs: Output[];
    let alerts = before.alerts;
    let error: string | null = outcome.ok ? null : outcome.error;
    if (rule.kind === "record") {
      outputs = recorded(rule, outcome);
      const seen = new Set<string>();
      for (const o of outputs) {
        const fp = fingerprint(o.labels);
        if (seen.has(fp)) {
          error = "vector contains metrics with the same labelset after applying rule labels";
          outputs = [];
          break;
        }
        seen.add(fp);
      }
    } else {
      const result = evaluateRule(rule, before.alerts, outcome, at, io.expand);
      alerts = result.alerts;
      error = result.error;
      outputs = result.samples;
      for (const t of result.transitions) transitions.push({ ...t, rule: rule.name });
    }
    // A recording rule whose query failed writes nothing and marks nothing stale (Prometheus keeps the
    // previous series). An alerting rule's outputs always follow its alerts: on_error decided them (keep_last
    // repeats the active alerts; ok and alerting end them, so their ALERTS series get stale markers).
    const written = new Map<string, Record<string, string>>();
    for (const o of outputs) written.set(fingerprint(o.labels), o.labels);
    const failed = !outcome.ok && rule.kind === "record";
    const stale = failed
      ? []
      : [...before.written].filter(([fp]) => !written.has(fp)).map(([, labels]) => labels);
    await io.write(outputs, stale, at);
    states.push({
      alerts,
      written: failed ? before.written : written,
      lastError: error,
      lastEvalAt: at,
      lastDurationMs: performance.now() - started,
    });
  }
  return { states, transitions };
}
