// POST /api/v1/import/prometheus: backfill from a text-format or OpenMetrics file (see prometheus-import.ts).
// 200 every line stored (or already there), 207 some lines rejected, 400 nothing could be stored.
import { env } from "../config/env";
import { HttpError } from "../http/errors";
import { handle, json } from "../http/handler";
import { formatFromContentType } from "../import/exposition";
import { importExposition } from "../ingest/prometheus-import";
import { contract } from "./contract";

export const postImportPrometheus = handle(contract.importPrometheus, async ({ req, database, query }) => {
  const contentType = req.headers.get("content-type");
  const format = query.format ?? formatFromContentType(contentType);
  if (!format)
    throw new HttpError(
      415,
      `Content-Type "${contentType?.slice(0, 60)}" is not supported; send text/plain (Prometheus text format) or application/openmetrics-text, or set ?format=`,
    );
  if (!req.body)
    throw new HttpError(400, "request body is empty; expected a Prometheus text or OpenMetrics file");
  const result = await importExposition(database, req.body, {
    format,
    maxTimestampMs: Date.now() + env().VIGIL_MAX_FUTURE_SECONDS * 1000,
  });
  if (result.rejected === 0 && result.samples === 0 && result.lines === 0)
    throw new HttpError(400, "request body is empty; expected a Prometheus text or OpenMetrics file");
  if (result.rejected === 0) return json(result, 200);
  if (result.stored + result.duplicates > 0) return json(result, 207);
  const first = result.errors[0];
  return json(
    {
      error: `nothing stored; ${first ? `first problem: ${first.message}` : "no samples"}`,
      ...result,
    },
    400,
  );
});
