"use client";
// A dashboard page's state outside the definition: time range, refresh and variable values in the URL, and the
// "now" that relative times are resolved against (moved on by the refresh interval or "refresh now").
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Definition } from "@/lib/dashboards/schema";
import { DEFAULT_TIME, type ResolvedTime, refreshMs, resolveTime } from "@/lib/dashboards/time";
import { type DashboardUrlState, dashboardSearch, parseDashboardUrl } from "@/lib/dashboards/url-state";
import { referencedVariables } from "@/lib/dashboards/variables";

/** The variables after `name` whose options depend on it (a version of a model, a query using it). */
function dependents(definition: Definition, name: string): string[] {
  const index = definition.variables.findIndex((v) => v.name === name);
  const changed = definition.variables[index];
  if (!changed) return [];
  return definition.variables
    .slice(index + 1)
    .filter(
      (v) =>
        (changed.type === "model" && v.type === "version") ||
        (v.type === "query" && referencedVariables(v.query ?? "").includes(name)),
    )
    .map((v) => v.name);
}

export function useDashboardUrl(definition: Definition) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const state = useMemo(() => parseDashboardUrl(params, definition), [params, definition]);
  const [now, setNow] = useState(() => Date.now());

  const interval = refreshMs(state.refresh);
  useEffect(() => {
    if (interval === null) return;
    const id = setInterval(() => setNow(Date.now()), interval);
    return () => clearInterval(id);
  }, [interval]);

  const { from, to } = state;
  const time: ResolvedTime = useMemo(
    () => resolveTime({ from, to }, now) ?? resolveTime(DEFAULT_TIME, now)!,
    [from, to, now],
  );

  const replace = useCallback(
    (patch: Partial<DashboardUrlState>) => {
      const next = { ...state, ...patch };
      router.replace(`${pathname}?${dashboardSearch(next)}`, { scroll: false });
    },
    [state, router, pathname],
  );

  return {
    state,
    time,
    /** the instant relative times were last resolved at; changes with every refresh */
    refreshKey: now,
    refreshNow: () => setNow(Date.now()),
    setRange: (range: { from: string; to: string }) => {
      setNow(Date.now());
      replace(range);
    },
    setRefresh: (refresh: DashboardUrlState["refresh"]) => replace({ refresh }),
    setVariable: (name: string, values: string[]) => {
      const vars = { ...state.vars, [name]: values };
      for (const d of dependents(definition, name)) delete vars[d];
      replace({ vars });
    },
  };
}
