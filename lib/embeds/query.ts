// GET /api/embed/query: runs ONE stored query of one panel the token covers — the panel's target by index,
// never an expression from the request — with the token's locked values and the viewer's editable ones,
// through Vigil's engine or the panel's data source. The answer is Prometheus' query_range (or query) JSON.
import { formatPromDuration, parseDuration } from "../charts/prom-step";
import { queryTiming } from "../dashboards/time";
import { interpolate } from "../dashboards/variables";
import { proxyPrometheus } from "../datasources/proxy";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { PromQLError } from "../promql/ast";
import { ERROR_STATUS, type PromError } from "../promql/http/format";
import { query as instantQuery, MAX_POINTS_PER_SERIES, queryRange } from "../promql/http/handlers";
import { type OpenedEmbed, scopedPanel } from "./authorize";
import { resolveEmbedParams } from "./params";

export interface PromAnswer {
  status: number;
  body: unknown;
}

function targetIndex(raw: string | null, count: number, panelId: string): number {
  if (raw === null || !/^\d{1,2}$/.test(raw))
    throw new HttpError(400, "target: the query's index in the panel, 0, 1, …");
  const index = Number(raw);
  if (index >= count)
    throw new HttpError(400, `target: panel "${panelId}" has ${count} ${count === 1 ? "query" : "queries"}`);
  return index;
}

/**
 * The step in seconds: the viewer's (a chart's width decides it), raised where needed so the range stays under
 * Prometheus' 11,000 points; absent, about 250 points.
 */
function stepSeconds(raw: string | null, spanSeconds: number): number | null {
  if (raw === null) return null;
  const step = parseDuration(raw);
  if (step === null) throw new HttpError(400, 'step: a duration such as "30s" or seconds');
  return Math.max(step, Math.ceil(spanSeconds / MAX_POINTS_PER_SERIES));
}

export async function runEmbedQuery(
  database: Database,
  opened: OpenedEmbed,
  query: URLSearchParams,
  nowMs = Date.now(),
): Promise<PromAnswer> {
  const panelId = query.get("panel");
  if (!panelId) throw new HttpError(400, "panel: the panel's id is required");
  const panel = scopedPanel(opened, panelId);
  if (panel.targets.length === 0) throw new HttpError(400, `panel: "${panelId}" has no queries`);
  const target = panel.targets[targetIndex(query.get("target"), panel.targets.length, panelId)]!;
  const instant = query.get("instant") === "true";

  const { resolved, values } = resolveEmbedParams(opened.claims, opened.dashboard.definition, query, nowMs);
  const timing = queryTiming(resolved);
  const step = stepSeconds(query.get("step"), resolved.spanSeconds) ?? timing.step;
  const start = Math.floor(resolved.fromMs / 1000 / step) * step;
  const end = Math.max(start, Math.floor(resolved.toMs / 1000 / step) * step);
  const { text, unknown, invalid } = interpolate(target.expr, values, {
    interval: formatPromDuration(step),
    rateInterval: formatPromDuration(Math.max(4 * step, 60)),
    range: timing.range,
    rangeSeconds: resolved.spanSeconds,
  });
  if (unknown.length > 0) throw new HttpError(400, `variable $${unknown[0]} has no value in this embed`);
  if (invalid.length > 0)
    throw new HttpError(400, `parameter "${invalid[0]}": the value does not fit the query`);

  const params = new URLSearchParams(
    instant
      ? { query: text, time: String(resolved.toMs / 1000) }
      : { query: text, start: String(start), end: String(end), step: String(step) },
  );
  if (target.datasource && target.datasource !== "vigil") {
    const path = instant ? "/api/v1/query" : "/api/v1/query_range";
    return proxyPrometheus(database, target.datasource, path, params);
  }
  try {
    const body = instant ? await instantQuery(database, params) : await queryRange(database, params);
    return { status: 200, body };
  } catch (error) {
    if (!(error instanceof PromQLError)) throw error;
    const errorType: PromError["errorType"] =
      error.kind === "timeout" ? "timeout" : error.kind === "bad_data" ? "bad_data" : "execution";
    const body: PromError = { status: "error", errorType, error: error.message };
    return { status: ERROR_STATUS[errorType], body };
  }
}
