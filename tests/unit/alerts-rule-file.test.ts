// Prometheus rule files in and out: what promtool accepts is read with its defaults, each problem is reported
// with its line and path, and an export reads back to the same groups.
import { describe, expect, it } from "vitest";
import { formatRuleDuration, parseRuleDuration } from "@/lib/alerts/rule-config";
import { formatProblem, formatRuleFile, parseRuleFile } from "@/lib/alerts/rule-file";

const FILE = `groups:
  - name: model-quality
    interval: 30s
    rules:
      - record: job:vigil_model_accuracy:avg
        expr: avg by (model) (vigil_model_accuracy)
      - alert: AccuracyLow
        expr: vigil_model_accuracy < 0.8
        for: 10m
        keep_firing_for: 5m
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.model }} accuracy is {{ $value | humanizePercentage }}"
  - name: serving
    rules:
      - alert: NoPredictions
        expr: absent(vigil_predictions_total)
`;

describe("parseRuleFile", () => {
  it("reads groups, recording and alerting rules with Prometheus' defaults", () => {
    const { groups, problems } = parseRuleFile(FILE);
    expect(problems).toEqual([]);
    expect(groups.map((g) => [g.name, g.intervalMs, g.datasource, g.rules.length])).toEqual([
      ["model-quality", 30_000, null, 2],
      ["serving", 60_000, null, 1],
    ]);
    expect(groups[0]?.rules[1]).toEqual({
      kind: "alert",
      name: "AccuracyLow",
      expr: "vigil_model_accuracy < 0.8",
      forMs: 600_000,
      keepFiringForMs: 300_000,
      labels: { severity: "warning" },
      annotations: { summary: "{{ $labels.model }} accuracy is {{ $value | humanizePercentage }}" },
      noData: "ok",
      onError: "keep_last",
    });
    expect(groups[1]?.rules[0]).toMatchObject({ kind: "alert", forMs: 0, noData: "ok" });
  });

  it("reports each problem with its line and path", () => {
    const bad = `groups:
  - name: g
    interval: 5s
    rules:
      - alert: A
        expr: rate(x[5m]
      - record: "not a name"
        expr: x
        for: 5m
      - alert: B
        expr: x[5m]
        labels:
          "bad-name": v
        annotations:
          summary: "{{ nosuch }}"
      - alert: C
        record: c
        expr: x
      - alert: D
        expr: x
        severity: page
  - name: g
    rules: []
`;
    const { problems } = parseRuleFile(bad);
    const text = problems.map(formatProblem);
    expect(text).toEqual([
      'line 3: groups[0].interval: "5s" must be a duration of at least 10s',
      expect.stringMatching(/^line 6: groups\[0\]\.rules\[0\]\.expr: could not parse expression: /),
      "line 7: groups[0].rules[1].record: invalid recording rule name: not a name",
      "line 9: groups[0].rules[1].for: invalid field 'for' in recording rule",
      "line 11: groups[0].rules[2].expr: the expression is a matrix; a rule needs an instant vector or a scalar",
      'line 13: groups[0].rules[2].labels.bad-name: invalid name "bad-name"',
      expect.stringMatching(
        /^line 15: groups\[0\]\.rules\[2\]\.annotations\.summary: template: function "nosuch" not defined/,
      ),
      "line 16: groups[0].rules[3]: exactly one of 'alert' and 'record' must be set",
      "line 21: groups[0].rules[4].severity: field severity not found in type rulefmt.Rule",
      'line 22: groups[1].name: groupname: "g" is repeated in the same file',
    ]);
  });

  it("reports YAML syntax errors and a missing groups list", () => {
    expect(parseRuleFile("groups: [\n").problems[0]).toMatchObject({ line: expect.any(Number) });
    expect(parseRuleFile("rules: []\n").problems.map((p) => p.message)).toContain(
      "a rule file is a map with a list of rule groups under 'groups'",
    );
  });
});

describe("formatRuleFile", () => {
  it("round-trips", () => {
    const { groups } = parseRuleFile(FILE);
    const again = parseRuleFile(formatRuleFile(groups));
    expect(again.problems).toEqual([]);
    expect(again.groups).toEqual(groups);
  });

  it("writes Vigil's own fields only when asked", () => {
    const { groups } = parseRuleFile(FILE);
    const withVigil = groups.map((g) => ({
      ...g,
      datasource: "prod-prometheus",
      rules: g.rules.map((r) => (r.kind === "alert" ? { ...r, noData: "alerting" as const } : r)),
    }));
    expect(formatRuleFile(withVigil)).not.toMatch(/datasource|no_data/);
    const text = formatRuleFile(withVigil, { vigilFields: true });
    expect(text).toMatch(/datasource: prod-prometheus/);
    expect(parseRuleFile(text).groups).toEqual(withVigil);
  });
});

describe("durations", () => {
  it("parses and formats Prometheus durations", () => {
    expect(["0", "0s", "90s", "1h30m", "2d", "x", 5].map(parseRuleDuration)).toEqual([
      0,
      0,
      90_000,
      5_400_000,
      172_800_000,
      null,
      null,
    ]);
    expect([0, 90_000, 5_400_000, 1_500].map(formatRuleDuration)).toEqual([
      "0s",
      "1m30s",
      "1h30m",
      "1s500ms",
    ]);
  });
});
