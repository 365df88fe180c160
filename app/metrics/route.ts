// GET /metrics: Vigil's own metrics in the Prometheus text format, for an existing Prometheus to scrape
// (with a read-scope API key as bearer token): process and Node.js metrics, ingest counters, job backlog and
// lag, leases, workers, the notification outbox and the latest model-quality values (docs/metrics.md).
import { handle } from "@/lib/http/handler";
import { exposition, startDefaultMetrics } from "@/lib/metrics/registry";
import { registerStateGauges } from "@/lib/metrics/state";
import { getDatabase } from "@/lib/runtime/instance";

export const dynamic = "force-dynamic";

export const GET = handle(
  {
    method: "GET",
    path: "/metrics",
    summary: "Vigil's own metrics (Prometheus text format); authenticate with a read-scope API key",
    permission: "read",
  },
  async () => {
    startDefaultMetrics();
    registerStateGauges(getDatabase);
    const { body, contentType } = await exposition();
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  },
);
