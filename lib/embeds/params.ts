// The parameters an embed runs with: the dashboard's defaults, then the token's locked values, then what the
// viewer chose for the parameters the token makes editable. Anything else in the query string is refused: a
// locked parameter (403), one the token does not make editable (403), a malformed value (400). Pure.

import type { Variable } from "../dashboards/schema";
import { isTimeExpr, type ResolvedTime, resolveTime, type TimeRange } from "../dashboards/time";
import { HttpError } from "../http/errors";
import type { ParamValue } from "./schemas";

/** The time range's two ends are parameters too: lock them, or let the viewer pick the range. */
export const TIME_PARAMS = ["from", "to"] as const;
/** Query-string names of the embed data routes that are not parameters. */
export const RESERVED_QUERY_NAMES = ["token", "panel", "target", "step", "instant"] as const;

const MAX_VALUE_LENGTH = 200;

export interface EmbedGrantParams {
  locked: Readonly<Record<string, ParamValue>>;
  editable: readonly string[];
}

export interface EmbedDashboardParams {
  variables: readonly Variable[];
  time: TimeRange;
}

export interface ResolvedParams {
  time: TimeRange;
  resolved: ResolvedTime;
  /** variable name → selected values */
  values: Record<string, string[]>;
}

const asList = (v: ParamValue): string[] => (Array.isArray(v) ? [...v] : [v]);

function isTimeParam(name: string): name is (typeof TIME_PARAMS)[number] {
  return (TIME_PARAMS as readonly string[]).includes(name);
}

/** The names an embed may lock or make editable on this dashboard: its variables, `from` and `to`. */
export function parameterNames(dashboard: { variables: readonly Variable[] }): string[] {
  return [...TIME_PARAMS, ...dashboard.variables.map((v) => v.name)];
}

/** A variable's values when nobody chose any: its default, else a custom list's first option. */
export function defaultValues(variable: Variable): string[] | null {
  if (variable.default !== undefined) {
    const list = asList(variable.default);
    return list.length > 0 ? list : null;
  }
  if (variable.type === "custom" && variable.options?.[0]) return [variable.options[0]];
  return null;
}

/** Checks one parameter's values against its definition; the message names the parameter. */
export function checkParamValues(
  name: string,
  values: readonly string[],
  variables: readonly Variable[],
): void {
  const bad = (why: string) => new HttpError(400, `parameter "${name}": ${why}`);
  if (values.length === 0) throw bad("needs a value");
  for (const v of values) {
    if (v.length > MAX_VALUE_LENGTH) throw bad(`a value must be at most ${MAX_VALUE_LENGTH} characters`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(v)) throw bad("a value must not contain control characters");
  }
  if (isTimeParam(name)) {
    if (values.length !== 1 || !isTimeExpr(values[0]!))
      throw bad("must be now, now-<duration> (now-6h), an ISO date or epoch milliseconds");
    return;
  }
  const variable = variables.find((v) => v.name === name);
  if (!variable) return; // a locked name the dashboard no longer has: harmless, it is never interpolated
  if (!variable.multi && values.length > 1) throw bad("takes one value");
  if (variable.type === "custom") {
    const outside = values.find((v) => !variable.options?.includes(v));
    if (outside !== undefined) throw bad(`"${outside.slice(0, 60)}" is not one of the variable's options`);
  }
}

/**
 * The parameters of one embed request. `query` is the request's query string: every name in it other than the
 * reserved ones is a parameter the viewer sets.
 */
export function resolveEmbedParams(
  grant: EmbedGrantParams,
  dashboard: EmbedDashboardParams,
  query: URLSearchParams,
  nowMs: number,
): ResolvedParams {
  const time: TimeRange = { ...dashboard.time };
  const values: Record<string, string[]> = {};
  for (const variable of dashboard.variables) {
    const list = defaultValues(variable);
    if (list) values[variable.name] = list;
  }
  const apply = (name: string, list: string[]) => {
    if (isTimeParam(name)) time[name] = list[0]!;
    else values[name] = list;
  };

  for (const [name, value] of Object.entries(grant.locked)) {
    const list = asList(value);
    checkParamValues(name, list, dashboard.variables);
    apply(name, list);
  }

  const seen = new Set<string>();
  for (const name of query.keys()) {
    if ((RESERVED_QUERY_NAMES as readonly string[]).includes(name) || seen.has(name)) continue;
    seen.add(name);
    if (Object.hasOwn(grant.locked, name))
      throw new HttpError(403, `parameter "${name}" is locked by this embed`);
    if (!grant.editable.includes(name))
      throw new HttpError(403, `parameter "${name}" is not editable in this embed`);
    const list = query.getAll(name);
    checkParamValues(name, list, dashboard.variables);
    apply(name, list);
  }

  const resolved = resolveTime(time, nowMs);
  if (!resolved) throw new HttpError(400, 'parameter "from": the time range must start before it ends');
  return { time, resolved, values };
}
