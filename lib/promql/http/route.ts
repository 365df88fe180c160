// Route wrapper for the Prometheus-compatible endpoints: Vigil's authentication, then Prometheus' error
// format ({status:"error", errorType, error}) so Grafana, promtool and other clients read the errors.
import type { z } from "zod";
import { proxyPrometheus } from "../../datasources/proxy";
import type { Database } from "../../db/client";
import { handle, json, type RouteSpec } from "../../http/handler";
import { PromQLError } from "../ast";
import { ERROR_STATUS, type PromError } from "./format";
import { requestParams } from "./params";

export function promRoute<P extends z.ZodType = z.ZodUndefined>(
  spec: RouteSpec<z.ZodUndefined, P>,
  fn: (database: Database, params: URLSearchParams, path: z.output<P>) => Promise<object> | object,
) {
  return handle(spec, async ({ req, database, params: path }) => {
    const params = await requestParams(req);
    // ?datasource=<name> sends the same call to a configured external Prometheus, Thanos, Mimir, …
    const source = params.get("datasource");
    if (source && source !== "vigil") {
      const target = spec.path.replace(
        "{name}",
        encodeURIComponent((path as { name?: string } | undefined)?.name ?? ""),
      );
      const res = await proxyPrometheus(database, source, target, params);
      return json(res.body, res.status);
    }
    try {
      return json(await fn(database, params, path));
    } catch (error) {
      if (!(error instanceof PromQLError)) throw error;
      const errorType: PromError["errorType"] =
        error.kind === "timeout" ? "timeout" : error.kind === "bad_data" ? "bad_data" : "execution";
      const body: PromError = { status: "error", errorType, error: error.message };
      return json(body, ERROR_STATUS[errorType]);
    }
  });
}
