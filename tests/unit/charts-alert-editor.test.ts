import { describe, expect, it } from "vitest";
import {
  bodyFromDraft,
  draftFromRule,
  emptyRule,
  type GroupDraft,
  placeProblems,
  selectedRuleIndex,
} from "@/lib/charts/alert-editor";

describe("rule drafts", () => {
  it("round-trips an alerting rule, severity apart from the other labels", () => {
    const rule = {
      alert: "AccuracyLow",
      expr: "vigil_model_accuracy < 0.9",
      for: "10m",
      keep_firing_for: "5m",
      labels: { severity: "critical", team: "ml" },
      annotations: { summary: "{{ $labels.model }} at {{ $value }}" },
      no_data: "alerting" as const,
    };
    const draft = draftFromRule(rule);
    expect(draft.severity).toBe("critical");
    expect(draft.labels).toEqual([{ name: "team", value: "ml" }]);
    const group: GroupDraft = { name: " quality ", interval: "30s", datasource: "", rules: [draft] };
    expect(bodyFromDraft(group)).toEqual({
      name: "quality",
      interval: "30s",
      datasource: null,
      rules: [rule],
    });
  });

  it("keeps an unknown severity as a plain label", () => {
    const draft = draftFromRule({ alert: "A", expr: "up", labels: { severity: "page" } });
    expect(draft.severity).toBe("");
    expect(draft.labels).toEqual([{ name: "severity", value: "page" }]);
  });

  it("writes recording rules without alert fields and drops blank pairs", () => {
    const draft = { ...emptyRule("record"), name: "job:up:sum", expr: "sum(up)" };
    draft.labels = [{ name: "", value: "x" }];
    expect(bodyFromDraft({ name: "g", interval: "", datasource: "prom", rules: [draft] })).toEqual({
      name: "g",
      datasource: "prom",
      rules: [{ record: "job:up:sum", expr: "sum(up)" }],
    });
  });

  it("selects the rule named in ?rule=", () => {
    const rules = [draftFromRule({ alert: "A", expr: "up" }), draftFromRule({ alert: "B", expr: "up" })];
    expect(selectedRuleIndex(rules, "B")).toBe(1);
    expect(selectedRuleIndex(rules, "nope")).toBe(0);
    expect(selectedRuleIndex(rules, null)).toBe(0);
  });
});

describe("placeProblems", () => {
  it("puts each server problem next to the field its path names", () => {
    const placed = placeProblems([
      { path: "rules[2].expr", message: "could not parse expression" },
      { path: "rules[0].alert", message: "the alert name must be a non-empty string" },
      { path: "rules[0].labels.bad-name", message: 'invalid name "bad-name"' },
      { path: "groups[0].rules[1].for", message: '"5x" is not a duration' },
      { path: "interval", message: "must be at least 10s" },
      { path: "rules[3]", message: "exactly one of 'alert' and 'record' must be set" },
      { path: "somewhere", message: "odd" },
    ]);
    expect(placed.rules[2]).toEqual({ expr: ["could not parse expression"] });
    expect(placed.rules[0]).toEqual({
      name: ["the alert name must be a non-empty string"],
      labels: ['bad-name: invalid name "bad-name"'],
    });
    expect(placed.rules[1]).toEqual({ for: ['"5x" is not a duration'] });
    expect(placed.rules[3]).toEqual({ rule: ["exactly one of 'alert' and 'record' must be set"] });
    expect(placed.group).toEqual({ interval: ["must be at least 10s"] });
    expect(placed.other).toEqual(["somewhere: odd"]);
  });
});
