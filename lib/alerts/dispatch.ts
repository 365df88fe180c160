// Dispatch: route every alert through the notification policy tree into aggregation groups, flush the groups
// that are due, and put what must be sent into the outbox — each group's new state and its outbox row in one
// transaction. Returns when to run again (the earliest nextFlushAt) and whether outbox rows were added.
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import type { Labels } from "../series/labels";
import { type GroupAlert, type GroupState, stepGroup } from "./dispatch-group";
import { buildNotification, outboxKey, ruleLinks } from "./dispatch-notification";
import {
  deleteFlushedGroupStatement,
  dropGroupStatement,
  loadGroups,
  loadSourceAlerts,
  outboxInsertStatement,
  saveGroupStatement,
} from "./dispatch-store";
import { type InhibitRule, isInhibited } from "./inhibit";
import { groupOf, matchRoutes, type Route } from "./routing";
import { inSchedule, type WeeklySchedule } from "./schedule";
import { type Silence, silencedBy } from "./silences";

export interface Policy {
  tree: Route;
  inhibitRules: InhibitRule[];
  /** named weekly schedules for the routes' mute_time_intervals / active_time_intervals */
  timeIntervals?: ReadonlyMap<string, WeeklySchedule[]>;
}

/** As Alertmanager's time-mute stages: muted inside a mute interval, or outside every active interval. */
function routeMutedAt(route: Route, intervals: ReadonlyMap<string, WeeklySchedule[]>, at: number): boolean {
  const inside = (name: string) => (intervals.get(name) ?? []).some((s) => inSchedule(s, at));
  if (route.muteTimeIntervals.some(inside)) return true;
  return route.activeTimeIntervals.length > 0 && !route.activeTimeIntervals.some(inside);
}

export interface DispatchDeps {
  /** throws when there is no contact point at all: then there is nothing to send to */
  loadPolicy: (database: Database) => Promise<Policy>;
  activeSilences: (database: Database, at: number) => Promise<Silence[]>;
}

export interface DispatchOptions {
  now?: number;
  /** VIGIL_PUBLIC_URL */
  publicURL: string;
}

export interface DispatchResult {
  /** the earliest nextFlushAt of the groups left, null when there are none */
  nextRunAt: number | null;
  /** outbox rows inserted (pending or suppressed) */
  inserted: number;
  groups: number;
  /** why nothing could be routed (no policy / contact point), or null */
  skipped: string | null;
}

function routesById(route: Route, out = new Map<string, Route>()): Map<string, Route> {
  out.set(route.id, route);
  for (const child of route.routes) routesById(child, out);
  return out;
}

interface Target {
  route: Route;
  labels: Labels;
  alerts: Map<string, GroupAlert>;
}

export async function dispatchAlerts(
  database: Database,
  deps: DispatchDeps,
  opts: DispatchOptions,
): Promise<DispatchResult> {
  const now = opts.now ?? Date.now();
  const { raw } = database;
  const groups = await loadGroups(database);
  let policy: Policy;
  try {
    policy = await deps.loadPolicy(database);
  } catch (error) {
    // No contact point (or no usable policy): no group can be notified; forget them, as a policy change would.
    if (groups.size > 0) await raw.batch([...groups.keys()].map(dropGroupStatement));
    return { nextRunAt: null, inserted: 0, groups: 0, skipped: (error as Error).message };
  }
  const contactPoints = new Map(
    (await database.db.contactPoint.findMany({ select: { id: true, name: true, sendResolved: true } })).map(
      (c) => [c.name, c],
    ),
  );
  const alerts = await loadSourceAlerts(database, (groupId, rule, expr, ds) =>
    ruleLinks(opts.publicURL, groupId, rule, expr, ds),
  );
  const silences = await deps.activeSilences(database, now);
  const firingLabels = [...alerts.values()].filter((a) => a.status === "firing").map((a) => a.labels);
  const muted = (labels: Labels) =>
    silencedBy(silences, labels, now).length > 0 || isInhibited(policy.inhibitRules, firingLabels, labels);

  const targets = new Map<string, Target>();
  for (const [fp, alert] of alerts)
    for (const route of matchRoutes(policy.tree, alert.labels)) {
      const { key, labels } = groupOf(route, alert.labels);
      let target = targets.get(key);
      if (!target) {
        target = { route, labels, alerts: new Map() };
        targets.set(key, target);
      }
      target.alerts.set(fp, alert);
    }

  const routes = routesById(policy.tree);
  const drops: Statement[] = [];
  for (const [key, g] of groups) {
    const route = routes.get(g.routeId);
    if (!route || route.receiver !== g.receiver || !contactPoints.has(g.receiver)) {
      drops.push(dropGroupStatement(key));
      groups.delete(key);
    } else if (!targets.has(key)) {
      targets.set(key, { route, labels: g.labels, alerts: new Map() });
    }
  }
  if (drops.length > 0) await raw.batch(drops);

  let inserted = 0;
  let nextRunAt: number | null = null;
  let kept = 0;
  for (const [key, target] of targets) {
    const contactPoint = contactPoints.get(target.route.receiver);
    if (!contactPoint) continue; // a route naming a contact point that does not exist: nowhere to send
    const previous = groups.get(key) ?? null;
    const step = stepGroup(previous, { key, labels: target.labels }, target.alerts, {
      route: target.route,
      now,
      sendResolved: contactPoint.sendResolved,
      muted,
      routeMuted: routeMutedAt(target.route, policy.timeIntervals ?? new Map(), now),
    });
    const next = step.next;
    if (!next) continue;
    const statements: Statement[] = [];
    if (!previous || !sameGroup(previous, next))
      statements.push(saveGroupStatement(raw, previous, next, now));
    let outboxIndex = -1;
    if (step.flush) {
      const payload = buildNotification(opts.publicURL, next, step.flush);
      outboxIndex = statements.length;
      statements.push(
        outboxInsertStatement(
          raw,
          {
            key: outboxKey(next.receiver, key, step.flush, now, target.route.groupIntervalMs),
            contactPointId: contactPoint.id,
            groupKey: key,
            payload: JSON.stringify(payload),
            status: step.flush.alerts.length > 0 ? "pending" : "suppressed",
          },
          now,
        ),
      );
    }
    if (step.empty) statements.push(deleteFlushedGroupStatement(raw, key, now));
    if (statements.length > 0) {
      const counts = await raw.batch(statements);
      if (outboxIndex >= 0 && step.flush && step.flush.alerts.length > 0)
        inserted += counts[outboxIndex] ?? 0;
    }
    if (!step.empty) {
      kept++;
      nextRunAt = nextRunAt === null ? next.nextFlushAt : Math.min(nextRunAt, next.nextFlushAt);
    }
  }
  return { nextRunAt, inserted, groups: kept, skipped: null };
}

function sameGroup(a: GroupState, b: GroupState): boolean {
  return (
    a.routeId === b.routeId &&
    a.receiver === b.receiver &&
    a.nextFlushAt === b.nextFlushAt &&
    a.lastFlushAt === b.lastFlushAt &&
    a.lastNotified === b.lastNotified &&
    JSON.stringify(a.alerts) === JSON.stringify(b.alerts)
  );
}
