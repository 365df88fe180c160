// The alert state machine, table-driven: each case is a rule and a sequence of evaluations (time, query
// result) with the alert states expected after each one, following Prometheus 2.42 (rules/alerting.go).
import { describe, expect, it } from "vitest";
import {
  type Alert,
  evaluateRule,
  fingerprint,
  type QueryOutcome,
  RESOLVED_RETENTION_MS,
  type RuleSpec,
} from "@/lib/alerts/state";

const M = 60_000;
const rule = (over: Partial<RuleSpec> = {}): RuleSpec => ({
  name: "HighErrors",
  forMs: 0,
  keepFiringForMs: 0,
  labels: {},
  annotations: {},
  noData: "ok",
  onError: "ok",
  ...over,
});
const ok = (...instances: string[]): QueryOutcome => ({
  ok: true,
  samples: instances.map((instance) => ({ labels: { __name__: "errors", instance }, value: 1 })),
});
const fail: QueryOutcome = { ok: false, error: "boom" };

/** Runs the evaluations; returns, after each, "instance:state" for every alert still held (sorted). */
function run(spec: RuleSpec, steps: Array<[number, QueryOutcome]>): string[][] {
  let alerts = new Map<string, Alert>();
  return steps.map(([t, outcome]) => {
    alerts = evaluateRule(spec, alerts, outcome, t).alerts;
    return [...alerts.values()].map((a) => `${a.labels.instance ?? a.labels.alertname}:${a.state}`).sort();
  });
}

describe("alert lifecycle (Prometheus semantics)", () => {
  const cases: Array<{
    name: string;
    spec: RuleSpec;
    steps: Array<[number, QueryOutcome]>;
    want: string[][];
  }> = [
    {
      name: "for 0: fires on the first evaluation, resolves when the series goes",
      spec: rule(),
      steps: [
        [0, ok("a")],
        [M, ok()],
      ],
      want: [["a:firing"], ["a:inactive"]],
    },
    {
      name: "for 2m: pending until activeAt + for, then firing",
      spec: rule({ forMs: 2 * M }),
      steps: [
        [0, ok("a")],
        [M, ok("a")],
        [2 * M, ok("a")],
        [3 * M, ok("a")],
      ],
      want: [["a:pending"], ["a:pending"], ["a:firing"], ["a:firing"]],
    },
    {
      name: "a pending alert that clears is forgotten; it starts over when it returns",
      spec: rule({ forMs: 2 * M }),
      steps: [
        [0, ok("a")],
        [M, ok()],
        [2 * M, ok("a")],
        [3 * M, ok("a")],
        [4 * M, ok("a")],
      ],
      want: [["a:pending"], [], ["a:pending"], ["a:pending"], ["a:firing"]],
    },
    {
      name: "a resolved alert is kept for 15 minutes, then dropped",
      spec: rule(),
      steps: [
        [0, ok("a")],
        [M, ok()],
        [M + RESOLVED_RETENTION_MS, ok()],
        [2 * M + RESOLVED_RETENTION_MS, ok()],
      ],
      want: [["a:firing"], ["a:inactive"], ["a:inactive"], []],
    },
    {
      name: "a resolved alert that returns starts a new pending period",
      spec: rule({ forMs: M }),
      steps: [
        [0, ok("a")],
        [M, ok("a")],
        [2 * M, ok()],
        [3 * M, ok("a")],
        [4 * M, ok("a")],
      ],
      want: [["a:pending"], ["a:firing"], ["a:inactive"], ["a:pending"], ["a:firing"]],
    },
    {
      name: "keep_firing_for keeps a firing alert firing while the condition is gone",
      spec: rule({ keepFiringForMs: 2 * M }),
      steps: [
        [0, ok("a")],
        [M, ok()],
        [2 * M, ok()],
        [3 * M, ok()],
      ],
      want: [["a:firing"], ["a:firing"], ["a:firing"], ["a:inactive"]],
    },
    {
      name: "keep_firing_for restarts when the condition comes back",
      spec: rule({ keepFiringForMs: 2 * M }),
      steps: [
        [0, ok("a")],
        [M, ok()],
        [2 * M, ok("a")],
        [3 * M, ok()],
        [4 * M, ok()],
        [5 * M, ok()],
      ],
      want: [["a:firing"], ["a:firing"], ["a:firing"], ["a:firing"], ["a:firing"], ["a:inactive"]],
    },
    {
      name: "keep_firing_for does not apply to pending alerts",
      spec: rule({ forMs: 5 * M, keepFiringForMs: 10 * M }),
      steps: [
        [0, ok("a")],
        [M, ok()],
      ],
      want: [["a:pending"], []],
    },
    {
      name: "series are independent",
      spec: rule({ forMs: M }),
      steps: [
        [0, ok("a")],
        [M, ok("a", "b")],
        [2 * M, ok("b")],
        [3 * M, ok("b")],
      ],
      want: [
        ["a:pending"],
        ["a:firing", "b:pending"],
        ["a:inactive", "b:firing"],
        ["a:inactive", "b:firing"],
      ],
    },
    {
      name: "no data = ok (Prometheus): alerts resolve",
      spec: rule({ noData: "ok" }),
      steps: [
        [0, ok("a")],
        [M, ok()],
      ],
      want: [["a:firing"], ["a:inactive"]],
    },
    {
      name: "no data = keep_last: nothing changes while the result is empty",
      spec: rule({ noData: "keep_last", forMs: M }),
      steps: [
        [0, ok("a")],
        [M, ok()],
        [2 * M, ok("a")],
        [3 * M, ok()],
      ],
      want: [["a:pending"], ["a:pending"], ["a:firing"], ["a:firing"]],
    },
    {
      name: "no data = alerting: a DatasourceNoData alert with the rule's for",
      spec: rule({ noData: "alerting", forMs: M }),
      steps: [
        [0, ok()],
        [M, ok()],
        [2 * M, ok("a")],
      ],
      want: [
        ["DatasourceNoData:pending"],
        ["DatasourceNoData:firing"],
        ["DatasourceNoData:inactive", "a:pending"],
      ],
    },
    {
      name: "error = ok: alerts resolve as on an empty result",
      spec: rule({ onError: "ok" }),
      steps: [
        [0, ok("a")],
        [M, fail],
      ],
      want: [["a:firing"], ["a:inactive"]],
    },
    {
      name: "error = keep_last: states hold through query errors",
      spec: rule({ onError: "keep_last" }),
      steps: [
        [0, ok("a")],
        [M, fail],
        [2 * M, fail],
      ],
      want: [["a:firing"], ["a:firing"], ["a:firing"]],
    },
    {
      name: "error = alerting: a DatasourceError alert, resolved when the query works again",
      spec: rule({ onError: "alerting" }),
      steps: [
        [0, fail],
        [M, ok("a")],
      ],
      want: [["DatasourceError:firing"], ["DatasourceError:inactive", "a:firing"]],
    },
  ];

  for (const c of cases) it(c.name, () => expect(run(c.spec, c.steps)).toEqual(c.want));
});

describe("alert labels, transitions and series", () => {
  it("drops __name__, adds the rule's labels and alertname; an empty rule label removes the label", () => {
    const spec = rule({ labels: { severity: "page", instance: "" } });
    const { alerts } = evaluateRule(spec, new Map(), ok("a"), 0);
    expect([...alerts.values()][0]?.labels).toEqual({ alertname: "HighErrors", severity: "page" });
  });

  it("expands label and annotation templates with the sample's labels and value", () => {
    const spec = rule({
      labels: { team: "{{instance}}" },
      annotations: { summary: "{{instance}} at {{value}}" },
    });
    const expand = (t: string, d: { labels: Record<string, string>; value: number }) =>
      t.replace("{{instance}}", d.labels.instance ?? "").replace("{{value}}", String(d.value));
    const { alerts } = evaluateRule(spec, new Map(), ok("x"), 0, expand);
    const alert = [...alerts.values()][0];
    expect(alert?.labels.team).toBe("x");
    expect(alert?.annotations.summary).toBe("x at 1");
  });

  it("updates the value and annotations of an active alert, keeps its activeAt", () => {
    const spec = rule({ forMs: 5 * M, annotations: { v: "{{value}}" } });
    const expand = (t: string, d: { value: number }) => t.replace("{{value}}", String(d.value));
    const first = evaluateRule(spec, new Map(), ok("a"), 0, expand);
    const second = evaluateRule(
      spec,
      first.alerts,
      { ok: true, samples: [{ labels: { instance: "a" }, value: 7 }] },
      M,
      expand,
    );
    const alert = [...second.alerts.values()][0];
    expect(alert).toMatchObject({ value: 7, activeAt: 0, state: "pending", annotations: { v: "7" } });
  });

  it("records every transition once, with its time", () => {
    const spec = rule({ forMs: M });
    let alerts = new Map<string, Alert>();
    const log: string[] = [];
    for (const [t, outcome] of [
      [0, ok("a")],
      [M, ok("a")],
      [2 * M, ok()],
    ] as Array<[number, QueryOutcome]>) {
      const r = evaluateRule(spec, alerts, outcome, t);
      alerts = r.alerts;
      log.push(...r.transitions.map((x) => `${x.at / M}:${x.from}->${x.to}`));
    }
    expect(log).toEqual(["0:inactive->pending", "1:pending->firing", "2:firing->inactive"]);
  });

  it("writes ALERTS and ALERTS_FOR_STATE for pending and firing alerts only", () => {
    const spec = rule({ forMs: M, labels: { severity: "page" } });
    const first = evaluateRule(spec, new Map(), ok("a"), 120_000);
    expect(first.samples).toEqual([
      {
        labels: {
          __name__: "ALERTS",
          alertname: "HighErrors",
          alertstate: "pending",
          instance: "a",
          severity: "page",
        },
        value: 1,
      },
      {
        labels: { __name__: "ALERTS_FOR_STATE", alertname: "HighErrors", instance: "a", severity: "page" },
        value: 120,
      },
    ]);
    const resolved = evaluateRule(spec, first.alerts, ok(), 180_000);
    expect(resolved.samples).toEqual([]);
  });

  it("refuses a result whose samples collide once the alert labels are applied (as Prometheus)", () => {
    const spec = rule({ labels: { instance: "same" } });
    const previous = evaluateRule(spec, new Map(), ok("a"), 0).alerts;
    const r = evaluateRule(spec, previous, ok("a", "b"), M);
    expect(r.error).toMatch(/same labelset/);
    expect(r.alerts).toEqual(previous);
  });

  it("does not modify the previous state it is given", () => {
    const spec = rule({ forMs: M });
    const first = evaluateRule(spec, new Map(), ok("a"), 0);
    const snapshot = JSON.stringify([...first.alerts]);
    evaluateRule(spec, first.alerts, ok(), M);
    expect(JSON.stringify([...first.alerts])).toBe(snapshot);
  });

  it("fingerprints do not depend on label order", () => {
    expect(fingerprint({ a: "1", b: "2" })).toBe(fingerprint({ b: "2", a: "1" }));
    expect(fingerprint({ a: "1", b: "2" })).not.toBe(fingerprint({ a: "12" }));
  });
});
