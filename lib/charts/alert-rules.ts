// The alert rules list, prepared: one row per rule with its live state, filters by state and text, and the
// page's verdict (how many rules fire, pend or fail). Pure; the page renders what this returns.
import type { RuleGroupInfo, RuleInfo } from "../alerts/api-schemas";
import type { Tone } from "./alert-format";

/** A recording rule has no alert state; an alerting rule is the worst of its alerts. */
export type RuleLiveState = "firing" | "pending" | "inactive" | "recording";
export const STATE_FILTERS = ["all", "firing", "pending", "inactive", "error", "paused"] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export const RULE_STATE_TONE: Record<RuleLiveState, Tone> = {
  firing: "bad",
  pending: "warn",
  inactive: "good",
  recording: "muted",
};

export function ruleLiveState(rule: RuleInfo): RuleLiveState {
  if (rule.kind === "record") return "recording";
  if (rule.status.firing > 0) return "firing";
  if (rule.status.pending > 0) return "pending";
  return "inactive";
}

/** Where a rule is edited; the notification links use the same shape. */
export function ruleHref(groupId: number, rule?: string): string {
  return `/alerting/rules/${groupId}${rule ? `?rule=${encodeURIComponent(rule)}` : ""}`;
}

function matchesText(group: RuleGroupInfo, rule: RuleInfo, text: string): boolean {
  if (!text) return true;
  const needle = text.toLowerCase();
  const haystack = [
    rule.name,
    rule.expr,
    group.name,
    ...Object.entries(rule.labels ?? {}).map(([k, v]) => `${k}=${v}`),
  ];
  return haystack.some((s) => s.toLowerCase().includes(needle));
}

function matchesState(group: RuleGroupInfo, rule: RuleInfo, filter: StateFilter): boolean {
  switch (filter) {
    case "all":
      return true;
    case "error":
      return rule.status.health === "err";
    case "paused":
      return group.paused;
    default:
      return ruleLiveState(rule) === filter;
  }
}

export interface GroupSection {
  group: RuleGroupInfo;
  rules: RuleInfo[];
}

/**
 * Groups with the rules that pass the filters. With no filter every group shows (an empty one too, so it
 * can be opened and given rules); with a filter only groups that keep a rule.
 */
export function filterGroups(
  groups: readonly RuleGroupInfo[],
  state: StateFilter,
  text: string,
): GroupSection[] {
  const trimmed = text.trim();
  const filtering = state !== "all" || trimmed !== "";
  const out: GroupSection[] = [];
  for (const group of [...groups].sort((a, b) => a.name.localeCompare(b.name))) {
    const rules = group.rules.filter((r) => matchesState(group, r, state) && matchesText(group, r, trimmed));
    if (rules.length > 0 || !filtering) out.push({ group, rules });
  }
  return out;
}

export interface RulesSummary {
  groups: number;
  rules: number;
  alerting: number;
  firingRules: number;
  pendingRules: number;
  firingAlerts: number;
  pendingAlerts: number;
  errors: number;
  paused: number;
}

export function summarizeRules(groups: readonly RuleGroupInfo[]): RulesSummary {
  const s: RulesSummary = {
    groups: groups.length,
    rules: 0,
    alerting: 0,
    firingRules: 0,
    pendingRules: 0,
    firingAlerts: 0,
    pendingAlerts: 0,
    errors: 0,
    paused: 0,
  };
  for (const g of groups) {
    if (g.paused) s.paused += 1;
    for (const r of g.rules) {
      s.rules += 1;
      if (r.kind === "alert") s.alerting += 1;
      const state = ruleLiveState(r);
      if (state === "firing") s.firingRules += 1;
      if (state === "pending") s.pendingRules += 1;
      s.firingAlerts += r.status.firing;
      s.pendingAlerts += r.status.pending;
      if (r.status.health === "err") s.errors += 1;
    }
  }
  return s;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The sentence at the top of the page: the worst news first. */
export function rulesVerdict(s: RulesSummary): { tone: Tone; text: string } {
  if (s.rules === 0) return { tone: "muted", text: "No alert rules yet" };
  if (s.firingAlerts > 0)
    return {
      tone: "bad",
      text: `${plural(s.firingAlerts, "alert")} firing from ${plural(s.firingRules, "rule")}`,
    };
  if (s.errors > 0) return { tone: "bad", text: `${plural(s.errors, "rule")} failing to evaluate` };
  if (s.pendingAlerts > 0)
    return { tone: "warn", text: `${plural(s.pendingAlerts, "alert")} pending, none firing` };
  return { tone: "good", text: `All clear: ${plural(s.alerting, "alerting rule")} inactive` };
}
