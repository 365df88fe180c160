// What a panel asks for, as plain data: one request per query (range or instant, with variables already
// interpolated) or one for a built-in panel. Whoever renders the panel supplies the function that answers
// (`RunPanelQuery`): the dashboard page calls /api/v1/query_range and friends; an embed calls its token
// endpoint, which should re-derive the query from the stored panel (panelId + target) and ignore `expr`.
import type { QualityResponse } from "../api/types";
import type { DriftResponse } from "../charts/drift";
import type { PromQueryData } from "../charts/prom-result";
import type { ShadowComparison } from "../charts/shadow";
import type { ExperimentResults } from "../experiments/schemas";
import type { BuiltinKind, Panel, PanelType } from "./schema";
import { type QueryTiming, queryTiming, type ResolvedTime } from "./time";
import { interpolate, interpolateText, type VariableValues } from "./variables";

export interface PromRequestBase {
  panelId: string;
  /** index of the query in panel.targets */
  target: number;
  /** the stored expression, variables interpolated */
  expr: string;
  /** external data source name; null: Vigil's own series */
  datasource: string | null;
}

export type PanelRequest =
  | (PromRequestBase & { kind: "range"; start: number; end: number; step: number })
  | (PromRequestBase & { kind: "instant"; time: number })
  | { kind: "builtin"; panelId: string; builtin: ResolvedBuiltin; from: string; to: string };

export interface ResolvedBuiltin {
  kind: BuiltinKind;
  model: string | null;
  version: string | null;
  shadow: string | null;
  experiment: string | null;
}

export type PanelResponse =
  | { kind: "prom"; data: PromQueryData; warnings: string[] }
  | { kind: "confusion-matrix"; quality: QualityResponse }
  | { kind: "drift-table"; drift: DriftResponse }
  | { kind: "shadow-verdict"; comparison: ShadowComparison }
  | { kind: "experiment-summary"; results: ExperimentResults };

export type RunPanelQuery = (request: PanelRequest, signal?: AbortSignal) => Promise<PanelResponse>;

/** Range queries draw over time; the others show the latest value of each series. */
export const RANGE_TYPES: ReadonlySet<PanelType> = new Set(["timeseries", "heatmap", "stat"]);

export interface PanelPlan {
  requests: PanelRequest[];
  /** queries that cannot run, with why (a variable without a value, a value that cannot go there) */
  problems: Array<{ target: number | null; message: string }>;
  timing: QueryTiming;
}

/** The panel's requests for these variable values and this time range (`points`: about one per 2 px of width). */
export function planPanel(
  panel: Panel,
  variables: VariableValues,
  time: ResolvedTime,
  points?: number,
): PanelPlan {
  const timing = queryTiming(time, points);
  const problems: PanelPlan["problems"] = [];
  if (panel.type === "builtin") {
    const b = panel.builtin;
    if (!b)
      return { requests: [], problems: [{ target: null, message: "no built-in panel chosen" }], timing };
    const field = (v: string | undefined) => (v ? interpolateText(v, variables).trim() || null : null);
    const builtin: ResolvedBuiltin = {
      kind: b.kind,
      model: field(b.model),
      version: field(b.version),
      shadow: field(b.shadow),
      experiment: field(b.experiment),
    };
    for (const [name, value] of Object.entries(builtin))
      if (typeof value === "string" && /\$|\[\[/.test(value))
        problems.push({ target: null, message: `${name} "${value}" names a variable without a value` });
    const from = new Date(time.fromMs).toISOString();
    const to = new Date(time.toMs).toISOString();
    return {
      requests: problems.length ? [] : [{ kind: "builtin", panelId: panel.id, builtin, from, to }],
      problems,
      timing,
    };
  }
  const builtins = {
    interval: timing.interval,
    rateInterval: timing.rateInterval,
    range: timing.range,
    rangeSeconds: time.spanSeconds,
  };
  const requests: PanelRequest[] = [];
  panel.targets.forEach((t, target) => {
    const result = interpolate(t.expr, variables, builtins);
    if (result.unknown.length > 0) {
      problems.push({
        target,
        message: `no value for ${result.unknown.map((n) => `$${n}`).join(", ")}`,
      });
      return;
    }
    if (result.invalid.length > 0) {
      problems.push({
        target,
        message: `the value of ${result.invalid.map((n) => `$${n}`).join(", ")} cannot stand outside a string here`,
      });
      return;
    }
    const base = { panelId: panel.id, target, expr: result.text, datasource: t.datasource ?? null };
    requests.push(
      RANGE_TYPES.has(panel.type)
        ? { ...base, kind: "range", start: timing.start, end: timing.end, step: timing.step }
        : { ...base, kind: "instant", time: Math.floor(time.toMs / 1000) },
    );
  });
  return { requests, problems, timing };
}

/** The Prometheus API call of a query request (path and query string, no origin). */
export function promRequestUrl(r: Exclude<PanelRequest, { kind: "builtin" }>): string {
  const p = new URLSearchParams({ query: r.expr });
  if (r.kind === "range") {
    p.set("start", String(r.start));
    p.set("end", String(r.end));
    p.set("step", String(r.step));
  } else {
    p.set("time", String(r.time));
  }
  if (r.datasource) p.set("datasource", r.datasource);
  return `/api/v1/${r.kind === "range" ? "query_range" : "query"}?${p}`;
}
