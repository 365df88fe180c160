// Rule groups saved, changed and read. A group in the request's JSON form is checked exactly as a rule file
// is (lib/alerts/rule-config.ts checkGroup: every problem listed with its path), its data source must exist,
// and its rules are stored as RuleConfig JSON, which the engine evaluates. Every edit bumps the version;
// the engine keeps the alerts of rules whose name did not change.
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import type { RuleBody, RuleGroupInfo, RuleInfo } from "./api-schemas";
import { ruleKeys } from "./eval-store";
import {
  type ConfigProblem,
  checkGroup,
  formatRuleDuration,
  type RuleConfig,
  type RuleGroupConfig,
} from "./rule-config";
import { alertsOf } from "./rule-state-json";

export type RuleGroupRow = NonNullable<Awaited<ReturnType<Database["db"]["alertRuleGroup"]["findUnique"]>>>;

/** 400 with every problem, as {error, problems:[{path, message}]}. */
export function problemsError(problems: ReadonlyArray<ConfigProblem & { line?: number | null }>): HttpError {
  const first = problems[0];
  const head = first
    ? `${first.line ? `line ${first.line}: ` : ""}${first.path ? `${first.path}: ` : ""}${first.message}`
    : "";
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
  return new HttpError(400, `invalid rule group: ${head}${more}`, { problems });
}

/** Names of the configured data sources (a group's `datasource` must be one of them). */
export async function dataSourceNames(database: Database): Promise<Set<string>> {
  return new Set((await database.db.dataSource.findMany({ select: { name: true } })).map((d) => d.name));
}

export function checkDataSource(
  group: RuleGroupConfig,
  known: ReadonlySet<string>,
  path: string,
  problems: ConfigProblem[],
): void {
  if (group.datasource !== null && !known.has(group.datasource))
    problems.push({ path, message: `no data source named "${group.datasource}" (GET /api/v1/datasources)` });
}

/** The request body as a checked group config; HttpError(400) listing every problem. */
export async function parseGroupBody(database: Database, raw: unknown): Promise<RuleGroupConfig> {
  const problems: ConfigProblem[] = [];
  const group = checkGroup(raw, "", problems);
  for (const p of problems) p.path = p.path.replace(/^\./, "");
  if (group) checkDataSource(group, await dataSourceNames(database), "datasource", problems);
  if (!group || problems.length > 0) throw problemsError(problems);
  return group;
}

/** A stored rule in the request/rule-file shape (every field spelt out, defaults included). */
export function ruleBodyOf(rule: RuleConfig): RuleBody {
  if (rule.kind === "record") return { record: rule.name, expr: rule.expr, labels: rule.labels };
  return {
    alert: rule.name,
    expr: rule.expr,
    for: formatRuleDuration(rule.forMs),
    keep_firing_for: formatRuleDuration(rule.keepFiringForMs),
    labels: rule.labels,
    annotations: rule.annotations,
    no_data: rule.noData,
    on_error: rule.onError,
  };
}

export function rulesOf(row: Pick<RuleGroupRow, "rules">): RuleConfig[] {
  const rules = JSON.parse(row.rules) as unknown;
  return Array.isArray(rules) ? (rules as RuleConfig[]) : [];
}

export function configOf(row: RuleGroupRow): RuleGroupConfig {
  return { name: row.name, intervalMs: row.intervalMs, datasource: row.datasource, rules: rulesOf(row) };
}

type StateRow = {
  groupId: number;
  rule: string;
  state: string;
  lastEvalAt: Date | null;
  lastDurationMs: number | null;
  lastError: string | null;
};

function ruleInfo(rule: RuleConfig, state: StateRow | undefined): RuleInfo {
  const alerts = state ? alertsOf(state.state) : [];
  return {
    ...ruleBodyOf(rule),
    kind: rule.kind,
    name: rule.name,
    status: {
      lastEvalAt: state?.lastEvalAt?.toISOString() ?? null,
      lastDurationMs: state?.lastDurationMs ?? null,
      lastError: state?.lastError ?? null,
      health: !state?.lastEvalAt ? "unknown" : state.lastError ? "err" : "ok",
      pending: alerts.filter((a) => a.state === "pending").length,
      firing: alerts.filter((a) => a.state === "firing").length,
    },
  };
}

function groupInfo(row: RuleGroupRow, states: readonly StateRow[]): RuleGroupInfo {
  const rules = rulesOf(row);
  const byKey = new Map(states.filter((s) => s.groupId === row.id).map((s) => [s.rule, s]));
  const keys = ruleKeys(rules);
  return {
    id: row.id,
    name: row.name,
    interval: formatRuleDuration(row.intervalMs),
    intervalMs: row.intervalMs,
    datasource: row.datasource,
    paused: row.paused,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    rules: rules.map((rule, i) => ruleInfo(rule, byKey.get(keys[i] as string))),
  };
}

export async function listRuleGroups(database: Database): Promise<RuleGroupInfo[]> {
  const [rows, states] = await Promise.all([
    database.db.alertRuleGroup.findMany({ orderBy: { name: "asc" } }),
    database.db.alertRuleState.findMany(),
  ]);
  return rows.map((row) => groupInfo(row, states));
}

export async function ruleGroupRow(database: Database, id: number): Promise<RuleGroupRow> {
  const row = await database.db.alertRuleGroup.findUnique({ where: { id } });
  if (!row) throw new HttpError(404, `no rule group with id ${id}`);
  return row;
}

export async function readRuleGroup(database: Database, id: number): Promise<RuleGroupInfo> {
  const row = await ruleGroupRow(database, id);
  return groupInfo(row, await database.db.alertRuleState.findMany({ where: { groupId: id } }));
}

const groupData = (g: RuleGroupConfig) => ({
  name: g.name,
  intervalMs: g.intervalMs,
  datasource: g.datasource,
  rules: JSON.stringify(g.rules),
});

async function nameFree(database: Database, name: string, exceptId: number | null): Promise<void> {
  const other = await database.db.alertRuleGroup.findUnique({ where: { name } });
  if (other && other.id !== exceptId) throw new HttpError(409, `name: a rule group named "${name}" exists`);
}

export async function createRuleGroup(database: Database, group: RuleGroupConfig): Promise<RuleGroupRow> {
  await nameFree(database, group.name, null);
  return database.db.alertRuleGroup.create({ data: groupData(group) });
}

/** PUT: name, interval, data source and the whole rule list replaced; version bumped. */
export async function replaceRuleGroup(
  database: Database,
  id: number,
  group: RuleGroupConfig,
): Promise<RuleGroupRow> {
  await ruleGroupRow(database, id);
  await nameFree(database, group.name, id);
  return database.db.alertRuleGroup.update({
    where: { id },
    data: { ...groupData(group), version: { increment: 1 } },
  });
}

export async function setPaused(database: Database, id: number, paused: boolean): Promise<RuleGroupRow> {
  await ruleGroupRow(database, id);
  return database.db.alertRuleGroup.update({ where: { id }, data: { paused } });
}

export async function deleteRuleGroup(database: Database, id: number): Promise<void> {
  const res = await database.db.alertRuleGroup.deleteMany({ where: { id } });
  if (res.count === 0) throw new HttpError(404, `no rule group with id ${id}`);
}

/**
 * POST /alert-rules: one rule appended to the named group (default "default"), which is created — with the
 * given interval and data source — when it does not exist. `severity` becomes labels.severity.
 */
export async function appendRule(
  database: Database,
  raw: Record<string, unknown>,
): Promise<{ row: RuleGroupRow; created: boolean }> {
  const { group: groupName = "default", interval, datasource, severity, ...rule } = raw;
  if (typeof groupName !== "string" || groupName.trim() === "")
    throw new HttpError(400, "group: must be a non-empty group name");
  if (severity !== undefined) {
    if (severity !== "critical" && severity !== "warning" && severity !== "info")
      throw new HttpError(400, "severity: must be critical, warning or info");
    const labels = typeof rule.labels === "object" && rule.labels !== null ? rule.labels : {};
    rule.labels = { ...labels, severity };
  }
  const existing = await database.db.alertRuleGroup.findUnique({ where: { name: groupName } });
  const base = existing
    ? {
        name: existing.name,
        interval: formatRuleDuration(existing.intervalMs),
        datasource: existing.datasource,
        rules: rulesOf(existing).map(ruleBodyOf),
      }
    : {
        name: groupName,
        ...(interval !== undefined ? { interval } : {}),
        datasource: datasource ?? null,
        rules: [],
      };
  const problems: ConfigProblem[] = [];
  const group = checkGroup({ ...base, rules: [...base.rules, rule] }, "", problems);
  for (const p of problems) p.path = p.path.replace(/^\.rules\[\d+\]\.?/, "").replace(/^\./, "") || "rule";
  if (group && !existing) checkDataSource(group, await dataSourceNames(database), "datasource", problems);
  if (!group || problems.length > 0) throw problemsError(problems);
  if (!existing) return { row: await createRuleGroup(database, group), created: true };
  return { row: await replaceRuleGroup(database, existing.id, group), created: false };
}
