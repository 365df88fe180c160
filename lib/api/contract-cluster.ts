// The scrape-target and serving-endpoint routes (docs/cluster.md, "Scraping", "Serving endpoints"), merged into
// lib/api/contract.ts's `contract`.
import { z } from "zod";
import { endpointInfo, endpointInput, endpointPatch } from "../cluster/endpoints";
import { lastScrapeInfo, targetInfo, targetInput, targetPatch } from "../cluster/targets";

export const scrapeTargetParams = z.object({
  id: z.coerce
    .number({ error: "id: a target id (integer)" })
    .int("id: a target id (integer)")
    .positive("id: a target id (integer)"),
});

const targetResponse = z.object({ target: targetInfo });

export const servingEndpointParams = z.object({
  id: z.coerce
    .number({ error: "an endpoint id (integer)" })
    .int("an endpoint id (integer)")
    .positive("an endpoint id (integer)"),
});

export const servingEndpointQuery = z.object({
  model: z.string().min(1, "a model name").optional().describe("only the endpoints of this Vigil model"),
});

const endpointResponse = z.object({ endpoint: endpointInfo });

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
  createServingEndpoint: {
    method: "POST",
    path: "/api/v1/serving-endpoints",
    summary:
      "Add a serving endpoint of a Vigil model (Triton, KServe v2, TorchServe, TF Serving or generic): its health, readiness and served versions are checked every intervalSeconds",
    permission: "admin",
    body: endpointInput,
    successStatus: 201,
    response: endpointResponse,
    responses: {
      400: "invalid field (named), unknown model, a URL the outbound address policy refuses, a gpuSelector that does not parse, timeout longer than the interval",
      409: "another endpoint has the same name",
    },
  },
  listServingEndpoints: {
    method: "GET",
    path: "/api/v1/serving-endpoints",
    summary: "Every serving endpoint (or those of one model) with its last check",
    permission: "read",
    query: servingEndpointQuery,
    response: z.object({ endpoints: z.array(endpointInfo) }),
  },
  getServingEndpoint: {
    method: "GET",
    path: "/api/v1/serving-endpoints/{id}",
    summary: "One serving endpoint and its last check",
    permission: "read",
    params: servingEndpointParams,
    response: endpointResponse,
    responses: { 404: "unknown endpoint" },
  },
  patchServingEndpoint: {
    method: "PATCH",
    path: "/api/v1/serving-endpoints/{id}",
    summary:
      "Change an endpoint (enabled: false stops checking; null removes an optional field; links are merged); checked again at once",
    permission: "admin",
    params: servingEndpointParams,
    body: endpointPatch,
    response: endpointResponse,
    responses: {
      400: "invalid field (named), unknown model",
      404: "unknown endpoint",
      409: "same name as another",
    },
  },
  deleteServingEndpoint: {
    method: "DELETE",
    path: "/api/v1/serving-endpoints/{id}",
    summary:
      "Remove an endpoint: checking stops and its series get stale markers (their points stay until retention)",
    permission: "admin",
    params: servingEndpointParams,
    successStatus: 204,
    response: z.null(),
    responses: { 404: "unknown endpoint" },
  },
  checkServingEndpointNow: {
    method: "POST",
    path: "/api/v1/serving-endpoints/{id}/check",
    summary: "Check the endpoint now (also when disabled), store the result and return the endpoint with it",
    permission: "admin",
    params: servingEndpointParams,
    response: endpointResponse,
    responses: { 404: "unknown endpoint" },
  },
} as const;
