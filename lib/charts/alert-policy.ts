// The notification policy page, prepared: the API's Alertmanager-style tree (snake_case, matchers as text,
// durations as text) turned into lib/alerts/routing's Route with inherited settings, the "which route would
// take these labels?" tester, and the policy text editor's parse. Pure.
import type { PolicyBody, RouteBody } from "../alerts/api-schemas";
import { policyBody } from "../alerts/api-schemas";
import { parseMatcher, parseMatchers } from "../alerts/matchers";
import { buildRouteTree, groupOf, matchRoutes, type Route, type RouteConfig } from "../alerts/routing";
import { parseDurationText } from "../promql/parse/literals";

function duration(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parseDurationText(text);
  } catch {
    throw new Error(`${field} "${text}" is not a duration (e.g. 30s, 5m, 4h)`);
  }
}

export function routeConfig(body: RouteBody): RouteConfig {
  return {
    receiver: body.receiver,
    matchers: body.matchers?.map((m) => parseMatcher(m)),
    groupBy: body.group_by,
    continue: body.continue,
    groupWaitMs: duration(body.group_wait, "group_wait"),
    groupIntervalMs: duration(body.group_interval, "group_interval"),
    repeatIntervalMs: duration(body.repeat_interval, "repeat_interval"),
    muteTimeIntervals: body.mute_time_intervals,
    activeTimeIntervals: body.active_time_intervals,
    routes: body.routes?.map(routeConfig),
  };
}

/** The tree with inherited settings filled in, or the reason it is invalid. */
export function effectiveTree(
  tree: RouteBody,
): { route: Route; error: null } | { route: null; error: string } {
  try {
    return { route: buildRouteTree(routeConfig(tree)), error: null };
  } catch (error) {
    return { route: null, error: (error as Error).message };
  }
}

/** Labels typed as `{a="b", c="d"}` or `a=b, c=d`: only equality makes sense for a concrete alert. */
export function readLabels(
  text: string,
): { labels: Record<string, string>; error: null } | { labels: null; error: string } {
  if (text.trim() === "") return { labels: {}, error: null };
  try {
    const labels: Record<string, string> = {};
    for (const m of parseMatchers(text)) {
      if (m.op !== "=") return { labels: null, error: `${m.name}${m.op}…: write labels with = only` };
      labels[m.name] = m.value;
    }
    return { labels, error: null };
  } catch (error) {
    return { labels: null, error: (error as Error).message };
  }
}

export interface RouteMatch {
  route: Route;
  groupKey: string;
  groupLabels: Record<string, string>;
}

/** The routes that would take an alert with these labels, and the group it would join on each. */
export function testRouting(route: Route, labels: Record<string, string>): RouteMatch[] {
  return matchRoutes(route, labels).map((r) => {
    const g = groupOf(r, labels);
    return { route: r, groupKey: g.key, groupLabels: g.labels };
  });
}

/** The route with the given tree position ("0.1.2"). */
export function routeAt(root: Route, id: string): Route | null {
  if (root.id === id) return root;
  for (const child of root.routes) {
    const found = routeAt(child, id);
    if (found) return found;
  }
  return null;
}

export interface PolicyParse {
  body: PolicyBody | null;
  error: string | null;
}

/** The editor's JSON text: valid JSON, the API's shape, and a tree routing.ts can build. */
export function parsePolicyText(text: string, contactPoints: readonly string[]): PolicyParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { body: null, error: `Not valid JSON: ${(error as Error).message}` };
  }
  const parsed = policyBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "policy";
    return { body: null, error: `${where}: ${issue?.message ?? "invalid"}` };
  }
  const built = effectiveTree(parsed.data.tree);
  if (built.error !== null) return { body: null, error: built.error };
  const unknown = receivers(built.route).filter((r) => !contactPoints.includes(r));
  if (contactPoints.length > 0 && unknown.length > 0)
    return { body: null, error: `No contact point named ${unknown.map((u) => `"${u}"`).join(", ")}` };
  return { body: parsed.data, error: null };
}

export function receivers(route: Route): string[] {
  return [...new Set([route.receiver, ...route.routes.flatMap(receivers)])];
}
