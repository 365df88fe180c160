// The scrape-target routes (docs/cluster.md, "Scraping"), merged into lib/api/contract.ts's `contract`.
import { z } from "zod";
import { lastScrapeInfo, targetInfo, targetInput, targetPatch } from "../cluster/targets";

export const scrapeTargetParams = z.object({
  id: z.coerce
    .number({ error: "id: a target id (integer)" })
    .int("id: a target id (integer)")
    .positive("id: a target id (integer)"),
});

const targetResponse = z.object({ target: targetInfo });

export const clusterRoutes = {
  createScrapeTarget: {
    method: "POST",
    path: "/api/v1/scrape-targets",
    summary:
      "Add a Prometheus scrape target: a metrics URL, or a host for the kind's default (Triton :8002/metrics, TorchServe :8082/metrics, TF Serving :8501/monitoring/prometheus/metrics, DCGM exporter :9400/metrics, node exporter :9100/metrics); scraped every intervalSeconds",
    permission: "admin",
    body: targetInput,
    successStatus: 201,
    response: targetResponse,
    responses: {
      400: "invalid field (named), a URL the outbound address policy refuses, timeout longer than the interval",
      409: "another target has the same job and instance",
    },
  },
  listScrapeTargets: {
    method: "GET",
    path: "/api/v1/scrape-targets",
    summary: "Every scrape target with its last scrape (up, error, duration, samples)",
    permission: "read",
    response: z.object({ targets: z.array(targetInfo) }),
  },
  getScrapeTarget: {
    method: "GET",
    path: "/api/v1/scrape-targets/{id}",
    summary: "One scrape target and its last scrape",
    permission: "read",
    params: scrapeTargetParams,
    response: targetResponse,
    responses: { 404: "unknown target" },
  },
  patchScrapeTarget: {
    method: "PATCH",
    path: "/api/v1/scrape-targets/{id}",
    summary:
      "Change a target (enabled: false stops scraping; authorization: null removes the header); scraped again at once",
    permission: "admin",
    params: scrapeTargetParams,
    body: targetPatch,
    response: targetResponse,
    responses: {
      400: "invalid field (named)",
      404: "unknown target",
      409: "same job and instance as another",
    },
  },
  deleteScrapeTarget: {
    method: "DELETE",
    path: "/api/v1/scrape-targets/{id}",
    summary:
      "Remove a target: scraping stops and its series get stale markers (their points stay until retention)",
    permission: "admin",
    params: scrapeTargetParams,
    successStatus: 204,
    response: z.null(),
    responses: { 404: "unknown target" },
  },
  scrapeTargetNow: {
    method: "POST",
    path: "/api/v1/scrape-targets/{id}/scrape",
    summary: "Scrape the target now (also when disabled), store the samples and return the result",
    permission: "admin",
    params: scrapeTargetParams,
    response: z.object({
      result: lastScrapeInfo.extend({
        staleMarked: z.number().int().describe("series of the previous scrape marked stale"),
      }),
    }),
    responses: { 404: "unknown target" },
  },
} as const;
