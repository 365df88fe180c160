// A rule's query against a SeriesSource (Vigil's store, or memory in test-rules): an instant query whose
// result must be a vector or a scalar, as Prometheus' rules.EngineQueryFunc requires.
import { parse } from "../promql";
import { type EngineOptions, instantQuery } from "../promql/eval";
import type { SeriesSource } from "../promql/source";
import type { QueryFn } from "./group-eval";

export function localQuery(source: SeriesSource, opts?: EngineOptions): QueryFn {
  return async (expr, at) => {
    try {
      const result = await instantQuery(source, parse(expr), at, opts);
      if (result.resultType === "vector")
        return { ok: true, samples: result.result.map((s) => ({ labels: s.metric, value: s.value[1] })) };
      if (result.resultType === "scalar")
        return { ok: true, samples: [{ labels: {}, value: result.result[1] }] };
      return { ok: false, error: "rule result is not a vector or scalar" };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
