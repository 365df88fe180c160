// The rule editor's live preview: the expression's values over a range (Vigil's store or an external
// Prometheus) and the periods each series would have been pending or firing, found by running the same state
// machine as the evaluator (for, keep_firing_for) over the range's steps as if they were evaluations.

import { proxyPrometheus } from "../datasources/proxy";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { parse } from "../promql";
import { rangeQuery } from "../promql/eval";
import { storeSource } from "../series/promql-source";
import { dataOf, parsePromValue, promTime } from "./query-remote";
import { type Alert, evaluateRule, fingerprint, type RuleSpec } from "./state";

export interface PreviewInput {
  expr: string;
  forMs: number;
  keepFiringForMs: number;
  datasource: string | null;
  from: number;
  to: number;
  stepMs: number;
}

export interface PreviewPeriod {
  from: number;
  to: number;
  state: "pending" | "firing";
}

export interface PreviewSeries {
  labels: Record<string, string>;
  values: Array<[number, number]>;
  states: PreviewPeriod[];
}

/** As Prometheus' query_range limit. */
export const MAX_PREVIEW_STEPS = 11_000;

type Matrix = Array<{ labels: Record<string, string>; values: Array<[number, number]> }>;

async function localRange(database: Database, input: PreviewInput): Promise<Matrix> {
  const result = await rangeQuery(
    storeSource(database),
    parse(input.expr),
    input.from,
    input.to,
    input.stepMs,
  );
  return result.result.map((s) => ({ labels: s.metric, values: s.values }));
}

async function remoteRange(database: Database, name: string, input: PreviewInput): Promise<Matrix> {
  const params = new URLSearchParams({
    query: input.expr,
    start: promTime(input.from),
    end: promTime(input.to),
    step: (input.stepMs / 1000).toString(),
  });
  const data = dataOf(name, await proxyPrometheus(database, name, "/api/v1/query_range", params));
  if (typeof data === "string" || data === undefined) throw new HttpError(422, data ?? "no data");
  if (data.resultType !== "matrix" || !Array.isArray(data.result))
    throw new HttpError(422, `data source "${name}" did not answer a matrix`);
  return (data.result as Array<{ metric?: Record<string, string>; values?: unknown[][] }>).map((s) => ({
    labels: { ...(s.metric ?? {}) },
    values: (s.values ?? []).map((v): [number, number] => [
      Math.round(Number(v[0]) * 1000),
      parsePromValue(v[1]),
    ]),
  }));
}

/**
 * The would-be periods: each step of the range is one evaluation with the samples present at that step. A
 * period runs from the step it began at to the step where the state changed (or the range's last step).
 */
export function wouldBeStates(
  matrix: Matrix,
  input: Pick<PreviewInput, "forMs" | "keepFiringForMs" | "from" | "to" | "stepMs">,
): PreviewPeriod[][] {
  const rule: RuleSpec = {
    name: "preview",
    forMs: input.forMs,
    keepFiringForMs: input.keepFiringForMs,
    labels: {},
    annotations: {},
    noData: "ok",
    onError: "ok",
  };
  const keyOf = (labels: Record<string, string>) => {
    const { __name__: _name, ...rest } = labels;
    return fingerprint({ ...rest, alertname: rule.name });
  };
  const keys = matrix.map((s) => keyOf(s.labels));
  const byStep = new Map<number, Array<{ labels: Record<string, string>; value: number }>>();
  for (const s of matrix)
    for (const [t, value] of s.values) {
      const list = byStep.get(t) ?? [];
      if (list.length === 0) byStep.set(t, list);
      list.push({ labels: s.labels, value });
    }
  const periods = new Map<string, PreviewPeriod[]>(keys.map((k) => [k, []]));
  const open = new Map<string, PreviewPeriod>();
  let alerts: ReadonlyMap<string, Alert> = new Map();
  for (let t = input.from; t <= input.to; t += input.stepMs) {
    alerts = evaluateRule(rule, alerts, { ok: true, samples: byStep.get(t) ?? [] }, t).alerts;
    for (const key of keys) {
      const state = alerts.get(key)?.state;
      const current = open.get(key);
      if (current && current.state === state) {
        current.to = t;
        continue;
      }
      if (current) {
        current.to = t;
        open.delete(key);
      }
      if (state === "pending" || state === "firing") {
        const period = { from: t, to: t, state };
        periods.get(key)!.push(period);
        open.set(key, period);
      }
    }
  }
  return keys.map((k) => periods.get(k)!);
}

export async function previewRule(
  database: Database,
  input: PreviewInput,
): Promise<{ series: PreviewSeries[] }> {
  if (!(input.stepMs > 0)) throw new HttpError(400, "stepMs: must be a positive number of milliseconds");
  if (input.to < input.from) throw new HttpError(400, "to: must not be before from");
  if ((input.to - input.from) / input.stepMs > MAX_PREVIEW_STEPS)
    throw new HttpError(400, `stepMs: at most ${MAX_PREVIEW_STEPS} steps per preview; use a larger step`);
  const matrix =
    input.datasource === null
      ? await localRange(database, input)
      : await remoteRange(database, input.datasource, input);
  const states = wouldBeStates(matrix, input);
  return { series: matrix.map((s, i) => ({ labels: s.labels, values: s.values, states: states[i]! })) };
}
