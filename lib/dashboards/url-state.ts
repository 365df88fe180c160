// A dashboard's view state as kept in the URL: `?from=now-6h&to=now&refresh=1m&var-model=recommender`
// (a multi-value variable repeats: `&var-version=v1&var-version=v2`). Absent or invalid parts fall back to the
// dashboard's saved time, refresh and variable defaults. Pure.
import type { Definition, Variable } from "./schema";
import { isTimeExpr, REFRESH_INTERVALS, type RefreshInterval } from "./time";

export interface DashboardUrlState {
  from: string;
  to: string;
  refresh: RefreshInterval;
  /** only the variables the URL names (values not checked against options: those may not be loaded yet) */
  vars: Record<string, string[]>;
}

type ParamReader = { get(name: string): string | null; getAll(name: string): string[] };

export const VAR_PREFIX = "var-";

export function parseDashboardUrl(params: ParamReader, definition: Definition): DashboardUrlState {
  const from = params.get("from");
  const to = params.get("to");
  const validRange = from !== null && to !== null && isTimeExpr(from) && isTimeExpr(to);
  const refresh = params.get("refresh");
  const vars: Record<string, string[]> = {};
  for (const v of definition.variables) {
    const values = params.getAll(`${VAR_PREFIX}${v.name}`).filter((x) => x !== "");
    if (values.length > 0) vars[v.name] = v.multi ? [...new Set(values)] : [values[0]!];
  }
  return {
    from: validRange ? from : definition.time.from,
    to: validRange ? to : definition.time.to,
    refresh: REFRESH_INTERVALS.includes(refresh as RefreshInterval)
      ? (refresh as RefreshInterval)
      : definition.refresh,
    vars,
  };
}

/** The query string (without "?"): time and refresh always, then each variable's values. */
export function dashboardSearch(state: DashboardUrlState, extra?: Record<string, string>): string {
  const p = new URLSearchParams();
  p.set("from", state.from);
  p.set("to", state.to);
  p.set("refresh", state.refresh);
  for (const [name, values] of Object.entries(state.vars))
    for (const value of values) p.append(`${VAR_PREFIX}${name}`, value);
  for (const [k, v] of Object.entries(extra ?? {})) p.set(k, v);
  return p.toString();
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== "");
}

/**
 * A variable's current values: the URL's, else its default (kept only when it is an option, once options are
 * known), else the first option — or every option for a multi-value variable. Empty when there is nothing to
 * choose from yet.
 */
export function currentValues(
  v: Variable,
  fromUrl: string[] | undefined,
  options: readonly string[] | null,
): string[] {
  if (fromUrl && fromUrl.length > 0) return v.multi ? fromUrl : fromUrl.slice(0, 1);
  const defaults = asList(v.default);
  const usable = options === null ? defaults : defaults.filter((d) => options.includes(d));
  if (usable.length > 0) return v.multi ? usable : usable.slice(0, 1);
  if (!options || options.length === 0) return [];
  return v.multi ? [...options] : [options[0]!];
}
