// The alerting reads: the current pending/firing alerts (from the rule states the engine saves, with the
// silences and inhibitions that mute them now), the transition history and the notification log (the
// outbox), both newest first and paged with an opaque cursor.
import type { z } from "zod";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import type {
  AlertInfo,
  alertsQuery,
  historyQuery,
  NotificationInfo,
  notificationsQuery,
  TransitionInfo,
} from "./api-schemas";
import { title } from "./channels/render";
import type { Notification } from "./channels/types";
import { isInhibited } from "./inhibit";
import { type Matcher, MatcherError, matchesAll, parseMatchers } from "./matchers";
import { loadInhibitRules } from "./policy-store";
import { alertFingerprint, alertsOf } from "./rule-state-json";
import { activeSilences } from "./silence-store";
import { silencedBy } from "./silences";

function parseInstant(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms))
    throw new HttpError(400, `${field}: "${text.slice(0, 40)}" is not an ISO-8601 date or epoch ms`);
  return ms;
}

function range(q: { from?: string; to?: string }): { gte?: Date; lt?: Date } | undefined {
  const from = parseInstant(q.from, "from");
  const to = parseInstant(q.to, "to");
  if (from !== undefined && to !== undefined && from >= to)
    throw new HttpError(400, "from: must be before to");
  if (from === undefined && to === undefined) return undefined;
  return {
    ...(from !== undefined ? { gte: new Date(from) } : {}),
    ...(to !== undefined ? { lt: new Date(to) } : {}),
  };
}

function matchersFilter(text: string | undefined): Matcher[] {
  if (!text) return [];
  try {
    return parseMatchers(text);
  } catch (error) {
    if (error instanceof MatcherError) throw new HttpError(400, `matchers: ${error.message}`);
    throw error;
  }
}

/** Every pending or firing alert now, with the silences and inhibitions that mute it. */
export async function currentAlerts(
  database: Database,
  query: Partial<z.output<typeof alertsQuery>> = {},
  now = Date.now(),
): Promise<AlertInfo[]> {
  const filter = matchersFilter(query.matchers);
  const [states, groups, silences, inhibitRules] = await Promise.all([
    database.db.alertRuleState.findMany({ where: query.group !== undefined ? { groupId: query.group } : {} }),
    database.db.alertRuleGroup.findMany({ select: { id: true, name: true } }),
    activeSilences(database, now),
    loadInhibitRules(database),
  ]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const all: Array<Omit<AlertInfo, "silencedBy" | "inhibited">> = [];
  for (const row of states)
    for (const alert of alertsOf(row.state)) {
      if (alert.state === "inactive") continue;
      all.push({
        fingerprint: alertFingerprint(alert.labels),
        labels: alert.labels,
        annotations: alert.annotations,
        state: alert.state,
        activeAt: new Date(alert.activeAt).toISOString(),
        firedAt: alert.firedAt === null ? null : new Date(alert.firedAt).toISOString(),
        value: alert.value,
        rule: row.rule,
        groupId: row.groupId,
        group: groupName.get(row.groupId) ?? "",
      });
    }
  // Inhibition, as Alertmanager: only firing alerts inhibit, and a silenced source still inhibits.
  const firing = all.filter((a) => a.state === "firing").map((a) => a.labels);
  return all
    .filter((a) => (query.state ? a.state === query.state : true) && matchesAll(filter, a.labels))
    .map((a) => ({
      ...a,
      silencedBy: silencedBy(silences, a.labels, now),
      inhibited: isInhibited(inhibitRules, firing, a.labels),
    }))
    .sort((x, y) =>
      x.activeAt < y.activeAt ? 1 : x.activeAt > y.activeAt ? -1 : x.fingerprint < y.fingerprint ? -1 : 1,
    );
}

function decodeCursor(cursor: string | undefined): { at: number; id: number } | null {
  if (!cursor) return null;
  const m = /^(\d+)_(\d+)$/.exec(cursor);
  if (!m) throw new HttpError(400, "cursor: not a cursor from a previous page");
  return { at: Number(m[1]), id: Number(m[2]) };
}

const labelsOf = (text: string): Record<string, string> => {
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch {
    return {};
  }
};

export async function alertHistory(
  database: Database,
  query: z.output<typeof historyQuery>,
): Promise<{ transitions: TransitionInfo[]; nextCursor: string | null }> {
  const cursor = decodeCursor(query.cursor);
  const at = range(query);
  const rows = await database.db.alertTransition.findMany({
    where: {
      ...(at ? { at } : {}),
      ...(query.rule ? { rule: query.rule } : {}),
      ...(query.group !== undefined ? { groupId: query.group } : {}),
      ...(cursor
        ? {
            OR: [{ at: { lt: new Date(cursor.at) } }, { at: new Date(cursor.at), id: { lt: cursor.id } }],
          }
        : {}),
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const groups = await database.db.alertRuleGroup.findMany({
    where: { id: { in: [...new Set(page.map((r) => r.groupId))] } },
    select: { id: true, name: true },
  });
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const last = page[page.length - 1];
  return {
    transitions: page.map((r) => ({
      id: r.id,
      groupId: r.groupId,
      group: names.get(r.groupId) ?? null,
      rule: r.rule,
      fingerprint: r.fingerprint,
      labels: labelsOf(r.labels),
      from: r.fromState as TransitionInfo["from"],
      to: r.toState as TransitionInfo["to"],
      value: r.value === null || Number.isFinite(r.value) ? r.value : null,
      at: r.at.toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? `${last.at.getTime()}_${last.id}` : null,
  };
}

function payloadSummary(text: string): {
  alertStatus: NotificationInfo["alertStatus"];
  alerts: number;
  title: string;
} {
  try {
    const n = JSON.parse(text) as Notification;
    return { alertStatus: n.status ?? null, alerts: n.alerts?.length ?? 0, title: title(n) };
  } catch {
    return { alertStatus: null, alerts: 0, title: "(unreadable payload)" };
  }
}

export async function notificationLog(
  database: Database,
  query: z.output<typeof notificationsQuery>,
): Promise<{ notifications: NotificationInfo[]; nextCursor: string | null }> {
  const contactPoints = await database.db.contactPoint.findMany({
    select: { id: true, name: true, kind: true },
  });
  let contactPointId: number | undefined;
  if (query.contactPoint !== undefined) {
    const match = contactPoints.find(
      (c) => c.name === query.contactPoint || String(c.id) === query.contactPoint,
    );
    if (!match) throw new HttpError(404, `contactPoint: no contact point "${query.contactPoint}"`);
    contactPointId = match.id;
  }
  const cursor = decodeCursor(query.cursor);
  const createdAt = range(query);
  const rows = await database.db.alertNotification.findMany({
    where: {
      ...(contactPointId !== undefined ? { contactPointId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(createdAt ? { createdAt } : {}),
      ...(cursor ? { id: { lt: cursor.id } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const byId = new Map(contactPoints.map((c) => [c.id, c]));
  const last = page[page.length - 1];
  return {
    notifications: page.map((r) => ({
      id: r.id,
      contactPointId: r.contactPointId,
      contactPoint: byId.get(r.contactPointId)?.name ?? null,
      kind: byId.get(r.contactPointId)?.kind ?? null,
      groupKey: r.groupKey,
      ...payloadSummary(r.payload),
      status: r.status as NotificationInfo["status"],
      attempts: r.attempts,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      nextAttemptAt: r.status === "pending" ? r.nextAttemptAt.toISOString() : null,
      lastError: r.lastError,
      response: r.response,
    })),
    nextCursor: rows.length > query.limit && last ? `${last.createdAt.getTime()}_${last.id}` : null,
  };
}
