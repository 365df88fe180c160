"use client";
// The options and current values of a dashboard's variables: models from GET /api/v1/models, versions of the
// chosen model, a custom list, or a label_values() query (GET /api/v1/label/<name>/values, with the variables
// before it filled in). Values come from the URL, else the default, else the first option.
import { useQueries, useQueryClient } from "@tanstack/react-query";
import type { PromResponse } from "@/lib/charts/prom-result";
import { labelValuesUrl, parseLabelValues } from "@/lib/dashboards/label-values";
import type { Variable } from "@/lib/dashboards/schema";
import { currentValues } from "@/lib/dashboards/url-state";
import { interpolate, type VariableValues } from "@/lib/dashboards/variables";
import { fetchJson, retryServerErrors } from "./fetch-json";
import { useModels } from "./use-models";

export interface VariableState {
  variable: Variable;
  /** null while loading (or when they cannot be loaded) */
  options: string[] | null;
  loading: boolean;
  error: string | null;
  values: string[];
}

async function fetchLabelValues(url: string, signal: AbortSignal): Promise<string[]> {
  const body = await fetchJson<PromResponse>(url, signal);
  if (body.status !== "success" || !Array.isArray(body.data)) return [];
  return (body.data as unknown[]).filter((v): v is string => typeof v === "string");
}

/** The label values call of a query variable with the earlier variables' values in it, or its problem. */
function labelValuesRequest(v: Variable, values: VariableValues): { url: string } | { error: string } {
  const parsed = parseLabelValues(v.query ?? "");
  if ("error" in parsed) return parsed;
  let selector: string | null = null;
  if (parsed.selector) {
    const filled = interpolate(parsed.selector, values, null);
    if (filled.unknown.length > 0)
      return { error: `waiting for ${filled.unknown.map((n) => `$${n}`).join(", ")}` };
    if (filled.invalid.length > 0) return { error: `bad value for ${filled.invalid.join(", ")}` };
    selector = filled.text;
  }
  return { url: labelValuesUrl(parsed, selector, v.datasource ?? null) };
}

const optionsKey = (url: string | null) => ["dashboards", "variable-options", url] as const;

export function useDashboardVariables(
  variables: readonly Variable[],
  fromUrl: Readonly<Record<string, string[]>>,
): { states: VariableState[]; values: VariableValues } {
  const client = useQueryClient();
  const needModels = variables.some((v) => v.type === "model" || v.type === "version");
  const models = useModels();
  const modelList = needModels ? (models.data?.models ?? null) : null;

  // One pass in order: a variable's options may depend on the values chosen before it. Label values already
  // fetched are read from the cache here; useQueries below fetches the others and re-renders when they come.
  const values: Record<string, string[]> = {};
  const requests: Array<{ url: string } | { error: string } | null> = [];
  const states = variables.map((v): VariableState => {
    let options: string[] | null = null;
    let loading = false;
    let error: string | null = null;
    let request: { url: string } | { error: string } | null = null;
    if (v.type === "custom") options = v.options ?? [];
    else if (v.type === "model") {
      options = modelList ? modelList.map((m) => m.name) : null;
      loading = models.isPending;
      error = models.error?.message ?? null;
    } else if (v.type === "version") {
      const modelVar = variables.find((x) => x.type === "model");
      const model = modelVar ? values[modelVar.name]?.[0] : undefined;
      const found = modelList && model ? modelList.find((m) => m.name === model) : undefined;
      options = modelList ? (found?.versions.map((x) => x.name) ?? []) : null;
      loading = models.isPending;
      if (!modelVar) error = "a version variable needs a model variable";
    } else {
      request = labelValuesRequest(v, values);
      if ("error" in request) error = request.error;
      else {
        const cached = client.getQueryData<string[]>(optionsKey(request.url));
        options = cached ? [...cached].sort() : null;
        loading = !cached;
      }
    }
    requests.push(request);
    const chosen = currentValues(v, fromUrl[v.name], options);
    values[v.name] = chosen;
    return { variable: v, options, loading, error, values: chosen };
  });

  const answers = useQueries({
    queries: requests.map((req) => ({
      queryKey: optionsKey(req && "url" in req ? req.url : null),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchLabelValues((req as { url: string }).url, signal),
      enabled: req !== null && "url" in req,
      staleTime: 60_000,
      retry: retryServerErrors,
    })),
  });
  answers.forEach((a, i) => {
    const state = states[i]!;
    if (a.error && !state.error) state.error = a.error.message;
    if (a.error) state.loading = false;
  });
  return { states, values };
}
