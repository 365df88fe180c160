// The model page's serving routes (docs: the Serving tab), merged into lib/api/contract.ts's `contract`.
import { latencyQuery, latencyResponse } from "../serving/latency-schemas";
import { modelParams } from "./query-params";

export const servingRoutes = {
  modelLatency: {
    method: "GET",
    path: "/api/v1/models/{model}/latency",
    summary:
      "Serving latency as logged with the predictions (latencyMs): per version and time bucket of `step` (seconds or a duration like 5m; default ~250 buckets over the range, at most 2000), the count and the 50th/95th/99th percentiles (numpy's linear method). Buckets start at from + k·step; empty ones are left out",
    permission: "read",
    params: modelParams,
    query: latencyQuery,
    response: latencyResponse,
    responses: {
      400: "invalid from/to, or a step that is not a duration of at least 1s or gives more than 2000 buckets",
      404: "unknown model or version",
    },
  },
} as const;
