// The rule-group editor's form state and its mapping to and from the API's rule-group body; server problems
// (paths like "rules[2].expr") placed next to the fields they name. Pure.
import type { RuleBody, RuleGroupBody, RuleGroupInfo } from "../alerts/api-schemas";
import { type MISSING_POLICIES, SEVERITIES } from "../alerts/api-schemas";

export type MissingPolicy = (typeof MISSING_POLICIES)[number];
export type Severity = (typeof SEVERITIES)[number];

export interface Pair {
  name: string;
  value: string;
}

export interface RuleDraft {
  /** A stable React key: rules can be added, removed and renamed. */
  key: string;
  kind: "alert" | "record";
  name: string;
  expr: string;
  for: string;
  keepFiringFor: string;
  /** labels.severity, edited apart from the other labels. */
  severity: Severity | "";
  labels: Pair[];
  annotations: Pair[];
  /** "" = the server's default. */
  noData: MissingPolicy | "";
  onError: MissingPolicy | "";
}

export interface GroupDraft {
  name: string;
  interval: string;
  /** "" = Vigil's own store. */
  datasource: string;
  rules: RuleDraft[];
}

let counter = 0;
const nextKey = () => `r${++counter}`;

const pairs = (map: Readonly<Record<string, string>> | undefined, omit?: string): Pair[] =>
  Object.entries(map ?? {})
    .filter(([k]) => k !== omit)
    .map(([name, value]) => ({ name, value }));

function severityOf(labels: Readonly<Record<string, string>> | undefined): Severity | "" {
  const s = labels?.severity;
  return (SEVERITIES as readonly string[]).includes(s ?? "") ? (s as Severity) : "";
}

export function draftFromRule(rule: RuleBody): RuleDraft {
  const kind = rule.record !== undefined && rule.alert === undefined ? "record" : "alert";
  const severity = kind === "alert" ? severityOf(rule.labels) : "";
  return {
    key: nextKey(),
    kind,
    name: (kind === "record" ? rule.record : rule.alert) ?? "",
    expr: rule.expr,
    for: rule.for ?? "",
    keepFiringFor: rule.keep_firing_for ?? "",
    severity,
    labels: pairs(rule.labels, severity ? "severity" : undefined),
    annotations: pairs(rule.annotations),
    noData: rule.no_data ?? "",
    onError: rule.on_error ?? "",
  };
}

export function emptyRule(kind: "alert" | "record" = "alert"): RuleDraft {
  return {
    key: nextKey(),
    kind,
    name: "",
    expr: "",
    for: kind === "alert" ? "5m" : "",
    keepFiringFor: "",
    severity: kind === "alert" ? "warning" : "",
    labels: [],
    annotations: kind === "alert" ? [{ name: "summary", value: "" }] : [],
    noData: "",
    onError: "",
  };
}

export function newGroupDraft(): GroupDraft {
  return { name: "", interval: "1m", datasource: "", rules: [] };
}

export function draftFromGroup(group: RuleGroupInfo): GroupDraft {
  return {
    name: group.name,
    interval: group.interval,
    datasource: group.datasource ?? "",
    rules: group.rules.map(draftFromRule),
  };
}

function mapOf(list: readonly Pair[]): Record<string, string> | undefined {
  const kept = list.filter((p) => p.name.trim() !== "");
  if (kept.length === 0) return undefined;
  return Object.fromEntries(kept.map((p) => [p.name.trim(), p.value]));
}

export function ruleFromDraft(d: RuleDraft): RuleBody {
  if (d.kind === "record") {
    return { record: d.name.trim(), expr: d.expr, ...(mapOf(d.labels) ? { labels: mapOf(d.labels) } : {}) };
  }
  const labels = { ...(mapOf(d.labels) ?? {}), ...(d.severity ? { severity: d.severity } : {}) };
  const annotations = mapOf(d.annotations);
  return {
    alert: d.name.trim(),
    expr: d.expr,
    ...(d.for.trim() ? { for: d.for.trim() } : {}),
    ...(d.keepFiringFor.trim() ? { keep_firing_for: d.keepFiringFor.trim() } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
    ...(d.noData ? { no_data: d.noData } : {}),
    ...(d.onError ? { on_error: d.onError } : {}),
  };
}

export function bodyFromDraft(d: GroupDraft): RuleGroupBody {
  return {
    name: d.name.trim(),
    ...(d.interval.trim() ? { interval: d.interval.trim() } : {}),
    datasource: d.datasource || null,
    rules: d.rules.map(ruleFromDraft),
  };
}

/** The field a rule problem belongs to, by its first path segment after rules[i]. */
export type RuleField =
  | "name"
  | "expr"
  | "for"
  | "keep_firing_for"
  | "labels"
  | "annotations"
  | "no_data"
  | "on_error"
  | "rule";

export interface PlacedProblems {
  group: Partial<Record<"name" | "interval" | "datasource" | "rules", string[]>>;
  rules: Record<number, Partial<Record<RuleField, string[]>>>;
  /** Problems whose path names nothing on the form: shown above the save button. */
  other: string[];
}

const RULE_PATH = /(?:^|\.)rules\[(\d+)\](?:\.([A-Za-z_]+))?(?:\.(.+))?$/;
const GROUP_PATH = /^(?:groups\[\d+\]\.)?(name|interval|datasource|rules)$/;

function push<K extends string>(into: Partial<Record<K, string[]>>, key: K, message: string) {
  const list = into[key] ?? [];
  list.push(message);
  into[key] = list;
}

export function placeProblems(problems: ReadonlyArray<{ path: string; message: string }>): PlacedProblems {
  const placed: PlacedProblems = { group: {}, rules: {}, other: [] };
  for (const p of problems) {
    const rule = RULE_PATH.exec(p.path);
    if (rule) {
      const index = Number(rule[1]);
      const segment = rule[2] ?? "rule";
      const field: RuleField =
        segment === "alert" || segment === "record"
          ? "name"
          : ["expr", "for", "keep_firing_for", "labels", "annotations", "no_data", "on_error"].includes(
                segment,
              )
            ? (segment as RuleField)
            : "rule";
      const target = placed.rules[index] ?? {};
      // A label's own name is worth keeping in the message: "labels.team: invalid name".
      push(target, field, rule[3] ? `${rule[3]}: ${p.message}` : p.message);
      placed.rules[index] = target;
      continue;
    }
    const group = GROUP_PATH.exec(p.path);
    if (group) push(placed.group, group[1] as "name" | "interval" | "datasource" | "rules", p.message);
    else placed.other.push(p.path ? `${p.path}: ${p.message}` : p.message);
  }
  return placed;
}

/** The index of the rule named in ?rule=, or 0. */
export function selectedRuleIndex(rules: readonly RuleDraft[], name: string | null): number {
  if (!name) return 0;
  const i = rules.findIndex((r) => r.name === name);
  return i === -1 ? 0 : i;
}
