// Where dispatch reads and writes: the alerts to route (firing and recently resolved ones of every rule state),
// the aggregation groups (AlertGroup), and the statements that save a group's step together with its outbox
// row in ONE transaction. Group writes are compare-and-set on the row's updatedAt (a new group: insert unless
// it exists), and the outbox row is inserted only when that group row now carries this flush's lastFlushAt —
// so a dispatcher that lost a race (its job lease expired while it ran) writes nothing, and a crash before the
// commit leaves nothing half-done: the next dispatch flushes again.
import type { Database } from "../db/client";
import type { RawSql, Statement } from "../db/raw";
import type { Labels } from "../series/labels";
import type { GroupAlert, GroupState } from "./dispatch-group";
import type { SentEntry } from "./notify-decision";
import { alertsOf } from "./rule-state-json";

export interface SourceAlert extends GroupAlert {
  fingerprint: string;
}

export interface RuleLinks {
  generatorURL: string;
  panelURL: string | null;
}

/** Links for a rule: `links(groupId, ruleName, expr, datasource)`. */
export type LinkMaker = (
  groupId: number,
  rule: string,
  expr: string | null,
  datasource: string | null,
) => RuleLinks;

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Every firing alert, and every resolved one still retained (Prometheus keeps them 15 min so the resolution
 * can be sent). Pending alerts are not routed, as Prometheus does not send them. Two rules raising the same
 * label set are one alert (the fingerprint is the labels), firing winning over resolved.
 */
export async function loadSourceAlerts(
  database: Database,
  links: LinkMaker,
): Promise<Map<string, SourceAlert>> {
  const [groups, states] = await Promise.all([
    database.db.alertRuleGroup.findMany({ select: { id: true, rules: true, datasource: true } }),
    database.db.alertRuleState.findMany({ select: { groupId: true, rule: true, state: true } }),
  ]);
  const exprOf = new Map<string, string>();
  const datasourceOf = new Map<number, string | null>();
  for (const g of groups) {
    datasourceOf.set(g.id, g.datasource);
    const rules = JSON.parse(g.rules) as Array<{ kind?: string; name?: string; expr?: string }>;
    if (Array.isArray(rules))
      for (const r of rules)
        if (r.kind === "alert" && r.name && r.expr) exprOf.set(`${g.id}\u0000${r.name}`, r.expr);
  }
  const out = new Map<string, SourceAlert>();
  for (const s of states) {
    const expr = exprOf.get(`${s.groupId}\u0000${s.rule}`) ?? null;
    const ruleLinks = links(s.groupId, s.rule, expr, datasourceOf.get(s.groupId) ?? null);
    for (const a of alertsOf(s.state)) {
      const firing = a.state === "firing";
      // A pending alert that clears is deleted by the state machine: an inactive one in the map had fired.
      const resolved = a.state === "inactive" && a.resolvedAt !== null;
      if (!firing && !resolved) continue;
      const fp = fingerprintOf(a.labels);
      if (out.get(fp)?.status === "firing" && !firing) continue;
      out.set(fp, {
        fingerprint: fp,
        labels: a.labels,
        annotations: a.annotations,
        status: firing ? "firing" : "resolved",
        startsAt: a.firedAt ?? a.activeAt,
        endsAt: firing ? null : a.resolvedAt,
        value: finiteOrNull(a.value),
        ...ruleLinks,
      });
    }
  }
  return out;
}

/** A short stable identity of a label set for JSON keys and receivers (Alertmanager's is a 64-bit hash). */
export function fingerprintOf(labels: Labels): string {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}\u0000${labels[k]}`)
    .join("\u0001");
  // FNV-1a 64-bit, hex: the same value in every process and on every database.
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, "utf8")) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

export interface StoredGroup extends GroupState {
  /** the row's updatedAt (ms): the compare-and-set token */
  version: number;
}

interface SentJson {
  at: number;
  firing: string[];
  resolved: string[];
}

function sentFromJson(text: string | null): SentEntry | null {
  if (!text) return null;
  const j = JSON.parse(text) as SentJson;
  return { at: j.at, firing: new Set(j.firing), resolved: new Set(j.resolved) };
}

function sentToJson(s: SentEntry | null): string | null {
  if (!s) return null;
  const json: SentJson = { at: s.at, firing: [...s.firing].sort(), resolved: [...s.resolved].sort() };
  return JSON.stringify(json);
}

export async function loadGroups(database: Database): Promise<Map<string, StoredGroup>> {
  const rows = await database.db.alertGroup.findMany();
  const out = new Map<string, StoredGroup>();
  for (const r of rows)
    out.set(r.key, {
      key: r.key,
      routeId: r.routeId,
      receiver: r.receiver,
      labels: JSON.parse(r.labels) as Labels,
      alerts: JSON.parse(r.alerts) as Record<string, GroupAlert>,
      createdAt: r.createdAt.getTime(),
      // A row always has one; a missing value (written by hand) means "flush now".
      nextFlushAt: r.nextFlushAt?.getTime() ?? 0,
      lastFlushAt: r.lastFlushAt?.getTime() ?? null,
      lastNotified: sentFromJson(r.lastNotified),
      version: r.updatedAt.getTime(),
    });
  return out;
}

function groupValues(raw: RawSql, g: GroupState): unknown[] {
  return [
    g.routeId,
    g.receiver,
    JSON.stringify(g.labels),
    JSON.stringify(g.alerts),
    raw.time(g.nextFlushAt),
    g.lastFlushAt === null ? null : raw.time(g.lastFlushAt),
    sentToJson(g.lastNotified),
  ];
}

/** Saves a group's new state: insert when new, else update if nobody changed it since it was read. */
export function saveGroupStatement(
  raw: RawSql,
  previous: StoredGroup | null,
  next: GroupState,
  now: number,
): Statement {
  if (!previous)
    return {
      sql: `INSERT INTO "AlertGroup" ("routeId","receiver","labels","alerts","nextFlushAt","lastFlushAt","lastNotified","key","createdAt","updatedAt")
            VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT ("key") DO NOTHING`,
      params: [...groupValues(raw, next), next.key, raw.time(next.createdAt), raw.time(now)],
    };
  return {
    sql: `UPDATE "AlertGroup" SET "routeId" = ?, "receiver" = ?, "labels" = ?, "alerts" = ?, "nextFlushAt" = ?,
            "lastFlushAt" = ?, "lastNotified" = ?, "updatedAt" = ?
          WHERE "key" = ? AND "updatedAt" = ?`,
    params: [...groupValues(raw, next), raw.time(now), next.key, raw.time(previous.version)],
  };
}

export interface OutboxInsert {
  key: string;
  contactPointId: number;
  groupKey: string;
  payload: string;
  status: "pending" | "suppressed";
}

/**
 * The outbox row of a flush at `flushAt`, inserted only if the group row now says it flushed at `flushAt`
 * (this transaction's compare-and-set won); the key makes a repeated flush of the same content in the same
 * group_interval bucket a no-op. Its times come from the group row, so no timestamp parameter needs a type.
 */
export function outboxInsertStatement(raw: RawSql, row: OutboxInsert, flushAt: number): Statement {
  return {
    sql: `INSERT INTO "AlertNotification" ("key","contactPointId","groupKey","payload","status","attempts","nextAttemptAt","createdAt")
          SELECT ?, CAST(? AS INTEGER), ?, ?, ?, 0, g."lastFlushAt", g."lastFlushAt" FROM "AlertGroup" g
          WHERE g."key" = ? AND g."lastFlushAt" = ?
          ON CONFLICT ("key") DO NOTHING`,
    params: [
      row.key,
      row.contactPointId,
      row.groupKey,
      row.payload,
      row.status,
      row.groupKey,
      raw.time(flushAt),
    ],
  };
}

/** Deletes a group that emptied at the flush at `flushAt` (only if that flush is the one recorded). */
export function deleteFlushedGroupStatement(raw: RawSql, key: string, flushAt: number): Statement {
  return {
    sql: `DELETE FROM "AlertGroup" WHERE "key" = ? AND "lastFlushAt" = ?`,
    params: [key, raw.time(flushAt)],
  };
}

/** Drops a group whose route or receiver no longer exists. */
export function dropGroupStatement(key: string): Statement {
  return { sql: `DELETE FROM "AlertGroup" WHERE "key" = ?`, params: [key] };
}
