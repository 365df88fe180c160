// A rule group as Vigil keeps it, checked the way Prometheus checks a rule file (rulefmt + the rule manager):
// every expression parses and is an instant vector or scalar, names are valid, templates compile, durations
// are durations. Problems come back as a list of {path, message} so a whole file can be reported at once.
import { parse, typeOf } from "../promql";
import { parseDurationText } from "../promql/parse/literals";
import type { MissingPolicy } from "./state";
import { compileTemplate } from "./template";

export const DEFAULT_GROUP_INTERVAL_MS = 60_000;
export const MIN_GROUP_INTERVAL_MS = 10_000;

export interface AlertRuleConfig {
  kind: "alert";
  name: string;
  expr: string;
  forMs: number;
  keepFiringForMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  noData: MissingPolicy;
  onError: MissingPolicy;
}

export interface RecordingRuleConfig {
  kind: "record";
  name: string;
  expr: string;
  labels: Record<string, string>;
}

export type RuleConfig = AlertRuleConfig | RecordingRuleConfig;

export interface RuleGroupConfig {
  name: string;
  intervalMs: number;
  /** null: Vigil's own series; otherwise the name of a Prometheus data source */
  datasource: string | null;
  rules: RuleConfig[];
}

export interface ConfigProblem {
  path: string;
  message: string;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const POLICIES: readonly MissingPolicy[] = ["ok", "alerting", "keep_last"];

/** Prometheus' model.Duration: "0", "0s" and "1h30m" style; returns null when it is not one. */
export function parseRuleDuration(text: unknown): number | null {
  if (typeof text !== "string") return null;
  if (text === "0" || /^0+(ms|s|m|h|d|w|y)$/.test(text)) return 0;
  try {
    return parseDurationText(text);
  } catch {
    return null;
  }
}

/** Formats milliseconds back to Prometheus' shortest duration text ("1h30m", "0s"). */
export function formatRuleDuration(ms: number): string {
  if (ms === 0) return "0s";
  const units: Array<[string, number]> = [
    ["w", 604_800_000],
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
    ["ms", 1],
  ];
  let rest = ms;
  let out = "";
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

function checkStringMap(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
  templated: boolean,
): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    problems.push({ path, message: "must be a map of names to strings" });
    return {};
  }
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (!LABEL_NAME.test(name)) problems.push({ path: `${path}.${name}`, message: `invalid name "${name}"` });
    const text = typeof v === "number" || typeof v === "boolean" ? String(v) : v;
    if (typeof text !== "string") {
      problems.push({ path: `${path}.${name}`, message: "must be a string" });
      continue;
    }
    if (templated) {
      try {
        compileTemplate(text);
      } catch (error) {
        problems.push({ path: `${path}.${name}`, message: `template: ${(error as Error).message}` });
      }
    }
    out[name] = text;
  }
  return out;
}

function checkExpr(expr: unknown, path: string, problems: ConfigProblem[]): string {
  if (typeof expr !== "string" || expr.trim() === "") {
    problems.push({ path, message: "field 'expr' must be a non-empty PromQL expression" });
    return "";
  }
  try {
    const type = typeOf(parse(expr));
    if (type !== "vector" && type !== "scalar")
      problems.push({
        path,
        message: `the expression is a ${type}; a rule needs an instant vector or a scalar`,
      });
  } catch (error) {
    problems.push({ path, message: `could not parse expression: ${(error as Error).message}` });
  }
  return expr;
}

function checkPolicy(value: unknown, fallback: MissingPolicy, path: string, problems: ConfigProblem[]) {
  if (value === undefined || value === null) return fallback;
  if (POLICIES.includes(value as MissingPolicy)) return value as MissingPolicy;
  problems.push({ path, message: `must be one of ${POLICIES.join(", ")}` });
  return fallback;
}

function checkDuration(value: unknown, path: string, problems: ConfigProblem[]): number {
  if (value === undefined || value === null) return 0;
  const ms = parseRuleDuration(value);
  if (ms === null) problems.push({ path, message: `"${String(value)}" is not a duration (e.g. 5m, 1h30m)` });
  return ms ?? 0;
}

const RULE_FIELDS = new Set([
  "alert",
  "record",
  "expr",
  "for",
  "keep_firing_for",
  "labels",
  "annotations",
  "no_data",
  "on_error",
]);

/** One rule in Prometheus' rule-file shape (snake_case), plus Vigil's `no_data` and `on_error`. */
export function checkRule(raw: unknown, path: string, problems: ConfigProblem[]): RuleConfig | null {
  if (!isObject(raw)) {
    problems.push({ path, message: "a rule must be a map" });
    return null;
  }
  for (const key of Object.keys(raw))
    if (!RULE_FIELDS.has(key))
      problems.push({ path: `${path}.${key}`, message: `field ${key} not found in type rulefmt.Rule` });
  const { alert, record } = raw;
  if ((alert === undefined) === (record === undefined)) {
    problems.push({ path, message: "exactly one of 'alert' and 'record' must be set" });
    return null;
  }
  const expr = checkExpr(raw.expr, `${path}.expr`, problems);
  if (record !== undefined) {
    if (typeof record !== "string" || !METRIC_NAME.test(record))
      problems.push({ path: `${path}.record`, message: `invalid recording rule name: ${String(record)}` });
    for (const field of ["annotations", "for", "keep_firing_for", "no_data", "on_error"])
      if (raw[field] !== undefined)
        problems.push({ path: `${path}.${field}`, message: `invalid field '${field}' in recording rule` });
    return {
      kind: "record",
      name: String(record),
      expr,
      labels: checkStringMap(raw.labels, `${path}.labels`, problems, false),
    };
  }
  if (typeof alert !== "string" || alert.trim() === "")
    problems.push({ path: `${path}.alert`, message: "the alert name must be a non-empty string" });
  return {
    kind: "alert",
    name: String(alert),
    expr,
    forMs: checkDuration(raw.for, `${path}.for`, problems),
    keepFiringForMs: checkDuration(raw.keep_firing_for, `${path}.keep_firing_for`, problems),
    labels: checkStringMap(raw.labels, `${path}.labels`, problems, true),
    annotations: checkStringMap(raw.annotations, `${path}.annotations`, problems, true),
    noData: checkPolicy(raw.no_data, "ok", `${path}.no_data`, problems),
    onError: checkPolicy(raw.on_error, "keep_last", `${path}.on_error`, problems),
  };
}

const GROUP_FIELDS = new Set(["name", "interval", "rules", "datasource", "limit"]);

/** A group in the rule-file shape: {name, interval?, datasource?, rules: [...]}. */
export function checkGroup(raw: unknown, path: string, problems: ConfigProblem[]): RuleGroupConfig | null {
  if (!isObject(raw)) {
    problems.push({ path, message: "a rule group must be a map" });
    return null;
  }
  for (const key of Object.keys(raw))
    if (!GROUP_FIELDS.has(key))
      problems.push({ path: `${path}.${key}`, message: `field ${key} not found in type rulefmt.RuleGroup` });
  const name = typeof raw.name === "string" ? raw.name.trim() : "";
  if (name === "") problems.push({ path: `${path}.name`, message: "group name must not be empty" });
  let intervalMs = DEFAULT_GROUP_INTERVAL_MS;
  if (raw.interval !== undefined) {
    const ms = parseRuleDuration(raw.interval);
    if (ms === null || ms < MIN_GROUP_INTERVAL_MS)
      problems.push({
        path: `${path}.interval`,
        message: `"${String(raw.interval)}" must be a duration of at least 10s`,
      });
    else intervalMs = ms;
  }
  let datasource: string | null = null;
  if (raw.datasource !== undefined && raw.datasource !== null) {
    if (typeof raw.datasource !== "string" || raw.datasource === "")
      problems.push({ path: `${path}.datasource`, message: "must be the name of a data source" });
    else datasource = raw.datasource;
  }
  if (!Array.isArray(raw.rules)) {
    problems.push({ path: `${path}.rules`, message: "must be a list of rules" });
    return null;
  }
  const rules = raw.rules
    .map((r, i) => checkRule(r, `${path}.rules[${i}]`, problems))
    .filter((r): r is RuleConfig => r !== null);
  return { name, intervalMs, datasource, rules };
}
