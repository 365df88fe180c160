// The notification policy (one row, id 1): Alertmanager's `route` tree, `inhibit_rules` and named weekly
// time intervals, saved in the form the user wrote them (snake_case, matchers as text) and checked on save as
// the dispatcher will use them: every matcher parses, every receiver names a contact point, every time
// interval a route mutes on is defined. `loadPolicy` gives the dispatcher the built tree.
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import type { PolicyBody, PolicyResponse, RouteBody, WeeklyScheduleBody } from "./api-schemas";
import type { InhibitRule } from "./inhibit";
import { type Matcher, parseMatcher } from "./matchers";
import { buildRouteTree, type Route, type RouteConfig } from "./routing";
import { parseRuleDuration } from "./rule-config";
import { checkSchedule, type WeeklySchedule } from "./schedule";

const POLICY_ID = 1;

interface StoredPolicy {
  route: RouteBody;
  time_intervals: Array<{ name: string; time_intervals: WeeklyScheduleBody[] }>;
}
interface StoredInhibitRule {
  source_matchers: string[];
  target_matchers: string[];
  equal: string[];
}

export interface LoadedPolicy {
  tree: Route;
  inhibitRules: InhibitRule[];
  /** name → schedules, for routes' mute_time_intervals / active_time_intervals */
  timeIntervals: Map<string, WeeklySchedule[]>;
}

/** Thrown when there is no contact point at all: the dispatcher has nowhere to send. */
export class NoContactPointError extends Error {}

const bad = (path: string, message: string) => new HttpError(400, `${path}: ${message}`);

function matchersAt(texts: readonly string[], path: string): Matcher[] {
  return texts.map((text, i) => {
    try {
      return parseMatcher(text);
    } catch (error) {
      throw bad(`${path}[${i}]`, (error as Error).message);
    }
  });
}

function durationAt(text: string | undefined, path: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseRuleDuration(text);
  if (ms === null) throw bad(path, `"${text}" is not a duration (e.g. 30s, 5m, 4h)`);
  return ms;
}

function routeConfig(
  body: RouteBody,
  path: string,
  receivers: ReadonlySet<string>,
  intervals: ReadonlySet<string>,
) {
  if (body.receiver !== undefined && !receivers.has(body.receiver))
    throw bad(`${path}.receiver`, `no contact point named "${body.receiver}"`);
  for (const field of ["mute_time_intervals", "active_time_intervals"] as const)
    for (const name of body[field] ?? [])
      if (!intervals.has(name)) throw bad(`${path}.${field}`, `no time interval named "${name}"`);
  const config: RouteConfig = {
    receiver: body.receiver,
    matchers: body.matchers ? matchersAt(body.matchers, `${path}.matchers`) : undefined,
    groupBy: body.group_by,
    continue: body.continue,
    groupWaitMs: durationAt(body.group_wait, `${path}.group_wait`),
    groupIntervalMs: durationAt(body.group_interval, `${path}.group_interval`),
    repeatIntervalMs: durationAt(body.repeat_interval, `${path}.repeat_interval`),
    muteTimeIntervals: body.mute_time_intervals,
    activeTimeIntervals: body.active_time_intervals,
    routes: (body.routes ?? []).map((child, i) =>
      routeConfig(child, `${path}.routes[${i}]`, receivers, intervals),
    ),
  };
  return config;
}

function inhibitRule(rule: StoredInhibitRule, path: string): InhibitRule {
  return {
    sourceMatchers: matchersAt(rule.source_matchers, `${path}.source_matchers`),
    targetMatchers: matchersAt(rule.target_matchers, `${path}.target_matchers`),
    equal: rule.equal,
  };
}

function timeIntervals(stored: StoredPolicy["time_intervals"]): Map<string, WeeklySchedule[]> {
  const out = new Map<string, WeeklySchedule[]>();
  stored.forEach((interval, i) => {
    if (out.has(interval.name)) throw bad(`time_intervals[${i}].name`, `"${interval.name}" is defined twice`);
    interval.time_intervals.forEach((schedule, j) => {
      try {
        checkSchedule(schedule);
      } catch (error) {
        throw bad(`time_intervals[${i}].time_intervals[${j}]`, (error as Error).message);
      }
    });
    out.set(interval.name, interval.time_intervals);
  });
  return out;
}

/** Builds everything the dispatcher needs; HttpError(400) naming the field when something does not fit. */
function compile(
  stored: StoredPolicy,
  inhibit: StoredInhibitRule[],
  receivers: ReadonlySet<string>,
): LoadedPolicy {
  const intervals = timeIntervals(stored.time_intervals);
  const config = routeConfig(stored.route, "tree", receivers, new Set(intervals.keys()));
  let tree: Route;
  try {
    tree = buildRouteTree(config);
  } catch (error) {
    throw bad("tree", (error as Error).message);
  }
  return {
    tree,
    inhibitRules: inhibit.map((r, i) => inhibitRule(r, `inhibit_rules[${i}]`)),
    timeIntervals: intervals,
  };
}

async function contactPointNames(database: Database): Promise<string[]> {
  const rows = await database.db.contactPoint.findMany({ select: { name: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.name);
}

function defaultRoute(names: readonly string[]): RouteBody {
  return names.length > 0 ? { receiver: names[0], group_by: ["alertname"] } : { group_by: ["alertname"] };
}

async function storedPolicy(database: Database) {
  const row = await database.db.notificationPolicy.findUnique({ where: { id: POLICY_ID } });
  if (!row) return null;
  return {
    policy: JSON.parse(row.tree) as StoredPolicy,
    inhibit: JSON.parse(row.inhibitRules) as StoredInhibitRule[],
    updatedAt: row.updatedAt,
  };
}

/**
 * The policy the dispatcher routes by. Without a saved policy: every alert to the first contact point, grouped
 * by alertname. Throws NoContactPointError when there is no contact point at all.
 */
export async function loadPolicy(database: Database): Promise<LoadedPolicy> {
  const names = await contactPointNames(database);
  if (names.length === 0)
    throw new NoContactPointError("no contact point is configured: alerts have nowhere to be sent");
  const saved = await storedPolicy(database);
  const stored = saved?.policy ?? { route: defaultRoute(names), time_intervals: [] };
  return compile(stored, saved?.inhibit ?? [], new Set(names));
}

export async function readPolicy(database: Database): Promise<PolicyResponse> {
  const saved = await storedPolicy(database);
  if (!saved)
    return {
      tree: defaultRoute(await contactPointNames(database)),
      inhibit_rules: [],
      time_intervals: [],
      isDefault: true,
      updatedAt: null,
    };
  return {
    tree: saved.policy.route,
    inhibit_rules: saved.inhibit,
    time_intervals: saved.policy.time_intervals,
    isDefault: false,
    updatedAt: saved.updatedAt.toISOString(),
  };
}

export async function savePolicy(database: Database, body: PolicyBody): Promise<PolicyResponse> {
  const stored: StoredPolicy = { route: body.tree, time_intervals: body.time_intervals ?? [] };
  const inhibit = (body.inhibit_rules ?? []).map((r) => ({ ...r, equal: r.equal ?? [] }));
  compile(stored, inhibit, new Set(await contactPointNames(database)));
  const data = { tree: JSON.stringify(stored), inhibitRules: JSON.stringify(inhibit) };
  await database.db.notificationPolicy.upsert({
    where: { id: POLICY_ID },
    create: { id: POLICY_ID, ...data },
    update: data,
  });
  return readPolicy(database);
}

/** Contact point names the saved policy routes to (a rename or delete of those is refused). */
export async function policyReceivers(database: Database): Promise<Set<string>> {
  const saved = await storedPolicy(database);
  const out = new Set<string>();
  const walk = (route: RouteBody) => {
    if (route.receiver) out.add(route.receiver);
    for (const child of route.routes ?? []) walk(child);
  };
  if (saved) walk(saved.policy.route);
  return out;
}

/** The saved inhibition rules (none without a saved policy); works without any contact point. */
export async function loadInhibitRules(database: Database): Promise<InhibitRule[]> {
  const saved = await storedPolicy(database);
  return (saved?.inhibit ?? []).map((r, i) => inhibitRule(r, `inhibit_rules[${i}]`));
}
