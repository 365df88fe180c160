// Prometheus HTTP API over Vigil's series store (external sources are proxied in route.ts): the query endpoints and the
// metadata endpoints Grafana and promtool use. Framework-free: parameters in, Prometheus JSON out.
import { env } from "../../config/env";
import type { Database } from "../../db/client";
import { findSeries, storeSource } from "../../series/promql-source";
import { PromQLError, type VectorSelector } from "../ast";
import { instantQuery, rangeQuery } from "../eval";
import { parse } from "../index";
import { formatTime, formatValue, type PromSuccess } from "./format";
import { parseDuration, parseTime } from "./params";

/** Prometheus refuses range queries of more than 11,000 points per series. */
export const MAX_POINTS_PER_SERIES = 11_000;

type PromSample = { metric: Record<string, string>; value: [number, string] };
type PromSeries = { metric: Record<string, string>; values: Array<[number, string]> };
type QueryData =
  | { resultType: "vector"; result: PromSample[] }
  | { resultType: "matrix"; result: PromSeries[] }
  | { resultType: "scalar" | "string"; result: [number, string] };

const sample = (metric: Record<string, string>, [t, v]: [number, number]): PromSample => ({
  metric,
  value: [formatTime(t), formatValue(v)],
});
const series = (metric: Record<string, string>, values: Array<[number, number]>): PromSeries => ({
  metric,
  values: values.map(([t, v]) => [formatTime(t), formatValue(v)]),
});

function checkSeriesLimit(count: number) {
  const max = env().VIGIL_QUERY_MAX_SERIES;
  if (count > max)
    throw new PromQLError(
      `query returned ${count} series; the limit is ${max} (VIGIL_QUERY_MAX_SERIES)`,
      null,
      "execution",
    );
}

const engineOptions = () => ({ timeoutMs: env().VIGIL_QUERY_TIMEOUT_MS });

export async function query(database: Database, params: URLSearchParams): Promise<PromSuccess<QueryData>> {
  const text = params.get("query") ?? "";
  if (!text.trim()) throw new PromQLError('invalid parameter "query": empty query', null, "bad_data");
  const time = parseTime("time", params.get("time"), Date.now());
  const expr = parse(text);
  const result = await instantQuery(storeSource(database), expr, time, engineOptions());
  switch (result.resultType) {
    case "vector":
      checkSeriesLimit(result.result.length);
      return {
        status: "success",
        data: { resultType: "vector", result: result.result.map((s) => sample(s.metric, s.value)) },
      };
    case "matrix":
      checkSeriesLimit(result.result.length);
      return {
        status: "success",
        data: { resultType: "matrix", result: result.result.map((s) => series(s.metric, s.values)) },
      };
    case "scalar":
      return {
        status: "success",
        data: { resultType: "scalar", result: [formatTime(result.result[0]), formatValue(result.result[1])] },
      };
    case "string":
      return {
        status: "success",
        data: { resultType: "string", result: [formatTime(result.result[0]), result.result[1]] },
      };
  }
}

export async function queryRange(
  database: Database,
  params: URLSearchParams,
): Promise<PromSuccess<QueryData>> {
  const text = params.get("query") ?? "";
  if (!text.trim()) throw new PromQLError('invalid parameter "query": empty query', null, "bad_data");
  const start = parseTime("start", params.get("start"));
  const end = parseTime("end", params.get("end"));
  const step = parseDuration("step", params.get("step"));
  if (end < start)
    throw new PromQLError(
      'invalid parameter "end": end timestamp must not be before start time',
      null,
      "bad_data",
    );
  if ((end - start) / step > MAX_POINTS_PER_SERIES)
    throw new PromQLError(
      "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)",
      null,
      "bad_data",
    );
  const expr = parse(text);
  const result = await rangeQuery(storeSource(database), expr, start, end, step, engineOptions());
  checkSeriesLimit(result.result.length);
  return {
    status: "success",
    data: { resultType: "matrix", result: result.result.map((s) => series(s.metric, s.values)) },
  };
}

/** match[] selectors → matcher lists (each must be a plain vector selector, as in Prometheus). */
function selectorsOf(params: URLSearchParams, required: boolean) {
  const raw = params.getAll("match[]");
  if (raw.length === 0 && required) throw new PromQLError("no match[] parameter provided", null, "bad_data");
  return raw.map((text) => {
    const expr = parse(text);
    if (expr.type !== "vectorSelector")
      throw new PromQLError(
        `invalid parameter "match[]": "${text}" is not a series selector`,
        null,
        "bad_data",
      );
    return (expr as VectorSelector).matchers;
  });
}

async function matchingSeries(database: Database, params: URLSearchParams, required: boolean) {
  const selectors = selectorsOf(params, required);
  const lists = selectors.length
    ? await Promise.all(selectors.map((m) => findSeries(database, m)))
    : [await findSeries(database, [])];
  const byId = new Map<number, Record<string, string>>();
  for (const list of lists) for (const s of list) byId.set(s.id, { __name__: s.name, ...s.labels });
  return [...byId.values()];
}

export async function seriesList(
  database: Database,
  params: URLSearchParams,
): Promise<PromSuccess<Array<Record<string, string>>>> {
  const found = await matchingSeries(database, params, true);
  checkSeriesLimit(found.length);
  return { status: "success", data: found };
}

export async function labelNames(
  database: Database,
  params: URLSearchParams,
): Promise<PromSuccess<string[]>> {
  const names = new Set<string>();
  for (const labels of await matchingSeries(database, params, false))
    for (const k of Object.keys(labels)) names.add(k);
  return { status: "success", data: [...names].sort() };
}

export async function labelValues(
  database: Database,
  name: string,
  params: URLSearchParams,
): Promise<PromSuccess<string[]>> {
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name))
    throw new PromQLError(`invalid label name: "${name}"`, null, "bad_data");
  const values = new Set<string>();
  for (const labels of await matchingSeries(database, params, false))
    if (labels[name] !== undefined) values.add(labels[name]!);
  return { status: "success", data: [...values].sort() };
}

/** Vigil's own series are gauges computed per window; help texts say what they measure. */
export async function metadata(
  database: Database,
): Promise<PromSuccess<Record<string, Array<{ type: string; help: string; unit: string }>>>> {
  const rows = await database.raw.query<{ name: string }>(
    `SELECT DISTINCT "name" FROM "Series" ORDER BY "name"`,
  );
  const data: Record<string, Array<{ type: string; help: string; unit: string }>> = {};
  for (const r of rows)
    data[r.name] = [
      {
        type: "gauge",
        help: `Vigil series ${r.name} (value per window, labels model/version/window)`,
        unit: "",
      },
    ];
  return { status: "success", data };
}

export function buildInfo(): PromSuccess<Record<string, string>> {
  // Grafana reads `version` to pick features; report the Prometheus version whose semantics Vigil follows.
  return {
    status: "success",
    data: {
      version: "2.42.0",
      revision: "vigil",
      branch: "vigil",
      buildUser: "vigil",
      buildDate: "",
      goVersion: "node",
    },
  };
}
