import { describe, expect, it } from "vitest";
import type { RuleGroupInfo, RuleInfo } from "@/lib/alerts/api-schemas";
import { formatMs, labelsText, notificationStatusLabel } from "@/lib/charts/alert-format";
import {
  filterGroups,
  ruleHref,
  ruleLiveState,
  rulesVerdict,
  summarizeRules,
} from "@/lib/charts/alert-rules";

function rule(name: string, over: Partial<RuleInfo["status"]> = {}, extra: Partial<RuleInfo> = {}): RuleInfo {
  return {
    kind: "alert",
    name,
    alert: name,
    expr: `${name.toLowerCase()}_metric > 1`,
    labels: { severity: "warning" },
    status: {
      lastEvalAt: null,
      lastDurationMs: null,
      lastError: null,
      health: "ok",
      pending: 0,
      firing: 0,
      ...over,
    },
    ...extra,
  };
}

function group(id: number, name: string, rules: RuleInfo[], paused = false): RuleGroupInfo {
  return {
    id,
    name,
    interval: "1m",
    intervalMs: 60_000,
    datasource: null,
    paused,
    version: 1,
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    rules,
  };
}

const groups = [
  group(2, "quality", [rule("AccuracyLow", { firing: 2, pending: 1 }), rule("F1Low", { pending: 1 })]),
  group(1, "infra", [
    rule("GpuHot", { health: "err", lastError: "boom" }),
    rule("rec", {}, { kind: "record", record: "job:x", alert: undefined }),
  ]),
  group(3, "empty", [], true),
];

describe("rule state and filters", () => {
  it("takes the worst alert state; recording rules have none", () => {
    expect(groups[0]!.rules.map(ruleLiveState)).toEqual(["firing", "pending"]);
    expect(groups[1]!.rules.map(ruleLiveState)).toEqual(["inactive", "recording"]);
  });

  it("sorts groups by name and keeps empty ones only when not filtering", () => {
    expect(filterGroups(groups, "all", "").map((s) => s.group.name)).toEqual(["empty", "infra", "quality"]);
    expect(filterGroups(groups, "firing", "").map((s) => s.rules.map((r) => r.name))).toEqual([
      ["AccuracyLow"],
    ]);
    expect(filterGroups(groups, "error", "").map((s) => s.rules.map((r) => r.name))).toEqual([["GpuHot"]]);
    expect(filterGroups(groups, "paused", "")).toEqual([]);
    expect(filterGroups(groups, "all", "f1l").map((s) => s.rules.map((r) => r.name))).toEqual([["F1Low"]]);
    expect(filterGroups(groups, "all", "severity=warn").flatMap((s) => s.rules)).toHaveLength(4);
    expect(filterGroups(groups, "all", "INFRA").map((s) => s.rules.length)).toEqual([2]);
  });

  it("summarises with the worst news first", () => {
    const s = summarizeRules(groups);
    expect(s).toMatchObject({
      groups: 3,
      rules: 4,
      alerting: 3,
      firingAlerts: 2,
      pendingAlerts: 2,
      errors: 1,
      paused: 1,
    });
    expect(rulesVerdict(s)).toEqual({ tone: "bad", text: "2 alerts firing from 1 rule" });
    expect(rulesVerdict(summarizeRules([groups[1]!]))).toEqual({
      tone: "bad",
      text: "1 rule failing to evaluate",
    });
    expect(rulesVerdict(summarizeRules([group(1, "a", [rule("A", { pending: 1 })])]))).toEqual({
      tone: "warn",
      text: "1 alert pending, none firing",
    });
    expect(rulesVerdict(summarizeRules([group(1, "a", [rule("A"), rule("B")])])).text).toBe(
      "All clear: 2 alerting rules inactive",
    );
    expect(rulesVerdict(summarizeRules([])).text).toBe("No alert rules yet");
  });

  it("links to the editor with the rule selected", () => {
    expect(ruleHref(4, "Accuracy low")).toBe("/alerting/rules/4?rule=Accuracy%20low");
    expect(ruleHref(4)).toBe("/alerting/rules/4");
  });
});

describe("alert formatting", () => {
  it("prints label sets sorted with __name__ first", () => {
    expect(labelsText({ b: "2", __name__: "up", a: 'x"y' })).toBe('{__name__="up", a="x\\"y", b="2"}');
    expect(labelsText({ alertname: "A", model: "m" }, ["alertname"])).toBe('{model="m"}');
  });
  it("formats evaluation durations", () => {
    expect(formatMs(12.4)).toBe("12 ms");
    expect(formatMs(1234)).toBe("1.23 s");
    expect(formatMs(125_000)).toBe("2m 5s");
    expect(formatMs(null)).toBe("—");
  });
  it("calls a pending notification that was tried 'retrying'", () => {
    expect(notificationStatusLabel({ status: "pending", attempts: 0 })).toBe("pending");
    expect(notificationStatusLabel({ status: "pending", attempts: 2 })).toBe("retrying");
    expect(notificationStatusLabel({ status: "failed", attempts: 5 })).toBe("failed");
  });
});
