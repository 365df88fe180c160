// The notification policy tree, as Alertmanager 0.25's dispatch/route.go: an alert walks the tree depth
// first; a route matches when all its matchers do; the first matching child wins unless it says `continue`;
// when no child matches, the route itself takes the alert. Children inherit the receiver, group_by and the
// three timers from their parent; mute/active time intervals are per route. Alerts are grouped per route
// by the values of the group_by labels ("..." = every label).
import type { Labels } from "../series/labels";
import { type Matcher, matchesAll } from "./matchers";

export const DEFAULT_GROUP_WAIT_MS = 30_000;
export const DEFAULT_GROUP_INTERVAL_MS = 5 * 60_000;
export const DEFAULT_REPEAT_INTERVAL_MS = 4 * 3_600_000;

export interface RouteConfig {
  receiver?: string;
  matchers?: Matcher[];
  groupBy?: string[];
  continue?: boolean;
  groupWaitMs?: number;
  groupIntervalMs?: number;
  repeatIntervalMs?: number;
  muteTimeIntervals?: string[];
  activeTimeIntervals?: string[];
  routes?: RouteConfig[];
}

export interface Route {
  /** position in the tree: "0" for the root, "0.2.1" for the second child of the root's third child */
  id: string;
  receiver: string;
  matchers: Matcher[];
  /** null: group by every label ("...") */
  groupBy: string[] | null;
  continue: boolean;
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
  muteTimeIntervals: string[];
  activeTimeIntervals: string[];
  routes: Route[];
}

export class RouteError extends Error {}

function build(config: RouteConfig, parent: Route | null, id: string): Route {
  const receiver = config.receiver ?? parent?.receiver;
  if (!receiver) throw new RouteError("the root policy needs a receiver (contact point)");
  if (parent === null && (config.matchers?.length ?? 0) > 0)
    throw new RouteError("the root policy must not have matchers: it takes every alert");
  const groupBy = config.groupBy ?? (parent ? parent.groupBy : []);
  if (groupBy?.includes("...") && groupBy.length > 1)
    throw new RouteError('group_by "..." means every label and cannot be combined with other labels');
  const route: Route = {
    id,
    receiver,
    matchers: config.matchers ?? [],
    groupBy: groupBy?.includes("...") ? null : groupBy,
    continue: config.continue ?? false,
    groupWaitMs: config.groupWaitMs ?? parent?.groupWaitMs ?? DEFAULT_GROUP_WAIT_MS,
    groupIntervalMs: config.groupIntervalMs ?? parent?.groupIntervalMs ?? DEFAULT_GROUP_INTERVAL_MS,
    repeatIntervalMs: config.repeatIntervalMs ?? parent?.repeatIntervalMs ?? DEFAULT_REPEAT_INTERVAL_MS,
    muteTimeIntervals: config.muteTimeIntervals ?? [],
    activeTimeIntervals: config.activeTimeIntervals ?? [],
    routes: [],
  };
  if (route.groupIntervalMs <= 0 || route.repeatIntervalMs <= 0)
    throw new RouteError(`policy ${id}: group_interval and repeat_interval must be greater than 0`);
  route.routes = (config.routes ?? []).map((child, i) => build(child, route, `${id}.${i}`));
  return route;
}

/** Validates the tree and fills in inherited settings. */
export function buildRouteTree(config: RouteConfig): Route {
  return build(config, null, "0");
}

/** The routes that take the alert (usually one; more with `continue`). */
export function matchRoutes(route: Route, labels: Labels): Route[] {
  if (!matchesAll(route.matchers, labels)) return [];
  const all: Route[] = [];
  for (const child of route.routes) {
    const matched = matchRoutes(child, labels);
    all.push(...matched);
    if (matched.length > 0 && !child.continue) break;
  }
  return all.length > 0 ? all : [route];
}

/** The group an alert joins on a route: its group_by labels (those it has) and a key naming both. */
export function groupOf(route: Route, labels: Labels): { key: string; labels: Labels } {
  const groupLabels: Labels = {};
  const names = route.groupBy ?? Object.keys(labels);
  for (const name of names) if (labels[name] !== undefined) groupLabels[name] = labels[name] as string;
  const sorted = Object.keys(groupLabels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(groupLabels[k])}`)
    .join(",");
  return { key: `${route.id}:{${sorted}}`, labels: groupLabels };
}
