// Where an evaluation's inputs and outputs live in the database: the group's rules and each rule's state
// (AlertRuleState, matched to the rules by name, so an edit keeps the alerts of unchanged rules), and — saved
// together in ONE transaction — the new states, the transitions (AlertTransition, the history) and the
// series points (recorded series, ALERTS, ALERTS_FOR_STATE, stale markers) in Vigil's series store. A worker
// that dies mid-evaluation leaves nothing half-written; the next one evaluates the slot again.
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { pointStatements } from "../series/store";
import type { PendingPoint } from "./eval-overlay";
import { emptyRuleState, type GroupEvalResult, type RuleState } from "./group-eval";
import type { RuleConfig, RuleGroupConfig } from "./rule-config";
import { alertFingerprint, parseRuleState, serializeRuleState } from "./rule-state-json";

export interface EvalGroup {
  id: number;
  paused: boolean;
  version: number;
  config: RuleGroupConfig;
}

/**
 * The AlertRuleState key of each rule: its name. Recording rules may share a name within a group (Prometheus
 * allows it); the second and later ones get "#2", "#3"… so each keeps a state of its own.
 */
export function ruleKeys(rules: readonly RuleConfig[]): string[] {
  const seen = new Map<string, number>();
  return rules.map((r) => {
    const n = (seen.get(r.name) ?? 0) + 1;
    seen.set(r.name, n);
    return n === 1 ? r.name : `${r.name}#${n}`;
  });
}

export async function loadEvalGroup(database: Database, groupId: number): Promise<EvalGroup | null> {
  const row = await database.db.alertRuleGroup.findUnique({ where: { id: groupId } });
  if (!row) return null;
  const rules = JSON.parse(row.rules) as unknown;
  if (!Array.isArray(rules)) throw new Error(`alert rule group ${groupId}: rules is not a list`);
  return {
    id: row.id,
    paused: row.paused,
    version: row.version,
    config: {
      name: row.name,
      intervalMs: row.intervalMs,
      datasource: row.datasource,
      rules: rules as RuleConfig[],
    },
  };
}

export interface LoadedStates {
  /** one per rule, in rule order; a new or renamed rule starts empty */
  states: RuleState[];
  /** the latest evaluation time of any rule of the group (ms), or null when never evaluated */
  lastEvalAt: number | null;
}

export async function loadRuleStates(database: Database, group: EvalGroup): Promise<LoadedStates> {
  const { raw } = database;
  const rows = await raw.query<{
    rule: string;
    state: string;
    lastEvalAt: unknown;
    lastDurationMs: number | null;
    lastError: string | null;
  }>(
    `SELECT "rule", "state", "lastEvalAt", "lastDurationMs", "lastError" FROM "AlertRuleState" WHERE "groupId" = ?`,
    [group.id],
  );
  const byRule = new Map(rows.map((r) => [r.rule, r]));
  let lastEvalAt: number | null = null;
  const states = ruleKeys(group.config.rules).map((key): RuleState => {
    const row = byRule.get(key);
    if (!row) return emptyRuleState();
    const at = row.lastEvalAt === null ? null : raw.readTime(row.lastEvalAt);
    if (at !== null && (lastEvalAt === null || at > lastEvalAt)) lastEvalAt = at;
    return {
      ...parseRuleState(row.state),
      lastError: row.lastError,
      lastEvalAt: at,
      lastDurationMs: row.lastDurationMs === null ? null : Number(row.lastDurationMs),
    };
  });
  return { states, lastEvalAt };
}

function stateStatements(database: Database, group: EvalGroup, states: RuleState[]): Statement[] {
  const { raw } = database;
  const keys = ruleKeys(group.config.rules);
  const statements: Statement[] = [];
  if (keys.length > 0)
    statements.push({
      sql: `INSERT INTO "AlertRuleState" ("groupId","rule","state","lastEvalAt","lastDurationMs","lastError")
            VALUES ${keys.map(() => "(?,?,?,?,?,?)").join(",")}
            ON CONFLICT ("groupId","rule") DO UPDATE SET "state" = excluded."state",
              "lastEvalAt" = excluded."lastEvalAt", "lastDurationMs" = excluded."lastDurationMs",
              "lastError" = excluded."lastError"`,
      params: keys.flatMap((key, i) => {
        const s = states[i] ?? emptyRuleState();
        return [
          group.id,
          key,
          serializeRuleState(s),
          s.lastEvalAt === null ? null : raw.time(s.lastEvalAt),
          s.lastDurationMs,
          s.lastError,
        ];
      }),
    });
  // States of rules that are no longer in the group (removed or renamed) go.
  statements.push({
    sql: `DELETE FROM "AlertRuleState" WHERE "groupId" = ?${
      keys.length ? ` AND "rule" NOT IN (${keys.map(() => "?").join(",")})` : ""
    }`,
    params: [group.id, ...keys],
  });
  return statements;
}

function transitionStatements(
  database: Database,
  groupId: number,
  transitions: GroupEvalResult["transitions"],
): Statement[] {
  const statements: Statement[] = [];
  for (let i = 0; i < transitions.length; i += 200) {
    const part = transitions.slice(i, i + 200);
    statements.push({
      sql: `INSERT INTO "AlertTransition" ("groupId","rule","fingerprint","labels","fromState","toState","value","at")
            VALUES ${part.map(() => "(?,?,?,?,?,?,?,?)").join(",")}`,
      // A NaN value (a DatasourceNoData alert) is stored as NULL: neither database keeps NaN portably.
      params: part.flatMap((t) => [
        groupId,
        t.rule,
        alertFingerprint(t.labels),
        JSON.stringify(t.labels),
        t.from,
        t.to,
        Number.isNaN(t.value) ? null : t.value,
        database.raw.time(t.at),
      ]),
    });
  }
  return statements;
}

/** The whole evaluation in one transaction: states, transitions, series points. */
export async function saveEvaluation(
  database: Database,
  group: EvalGroup,
  result: GroupEvalResult,
  points: PendingPoint[],
): Promise<void> {
  const statements = [
    ...(await pointStatements(database, points)),
    ...stateStatements(database, group, result.states),
    ...transitionStatements(database, group.id, result.transitions),
  ];
  await database.raw.batch(statements);
}
