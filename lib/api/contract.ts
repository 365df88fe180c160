// Every v1 route in one place: method, path, permission and zod schemas. Route handlers use these specs and
// /api/v1/openapi.json is generated from them, so the document cannot drift from the code.
import { z } from "zod";
import { dataSourceInput } from "../datasources/store";
import { driftConfigSchema } from "../drift/config";
import {
  activeReference,
  profileInfo,
  referenceParams,
  uploadReferenceQuery,
} from "../drift/profile/schemas";
import { eventRow, ingestResponse, labelRow, predictionRow } from "../ingest/schemas";
import { backfillBody, backfillInfo } from "../shadow/backfill-schemas";
import {
  comparisonQuery,
  comparisonResponse,
  shadowPredictionsQuery,
  shadowPredictionsResponse,
} from "../shadow/comparison-schemas";
import { shadowIdParams, shadowInfo, shadowPatchBody } from "../shadow/schemas";
import { adminRoutes } from "./contract-admin";
import { alertRoutes } from "./contract-alerts";
import { clusterRoutes } from "./contract-cluster";
import { dashboardRoutes } from "./contract-dashboards";
import { embedRoutes } from "./contract-embeds";
import { experimentRoutes } from "./contract-experiments";
import { retentionRoutes } from "./contract-retention";
import { servingRoutes } from "./contract-serving";
import { distributionQuery, driftQuery, modelParams, qualityQuery } from "./query-params";

const nullableNumber = z.number().nullable();
const taskSchema = z.enum(["binary", "multiclass", "regression"]);
const averaged = z.object({ precision: z.number(), recall: z.number(), f1: z.number() }).nullable();

export const qualityWindowSchema = z.object({
  version: z.string(),
  start: z.string().describe("ISO-8601, inclusive"),
  end: z.string().describe("ISO-8601, exclusive"),
  count: z.number().int(),
  labeled: z.number().int(),
  accuracy: nullableNumber,
  precision: nullableNumber.describe("binary: of the positive class; multiclass: macro average"),
  recall: nullableNumber,
  f1: nullableNumber,
  rocAuc: nullableNumber,
  logLoss: nullableNumber,
  confusionMatrix: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) }).nullable(),
  perClass: z
    .record(
      z.string(),
      z.object({ precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() }),
    )
    .nullable(),
  macro: averaged,
  weighted: averaged,
  mae: nullableNumber,
  rmse: nullableNumber,
  r2: nullableNumber,
  labelDelayP50Seconds: nullableNumber,
  labelDelayP90Seconds: nullableNumber,
});

export const qualityResponse = z.object({
  model: z.string(),
  task: taskSchema.nullable(),
  positiveClass: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  window: z.enum(["1h", "1d", "all"]),
  versions: z.array(z.string()),
  windows: z.array(qualityWindowSchema),
});

const modelOverview = z.object({
  name: z.string(),
  displayName: z.string().nullable(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  task: taskSchema.nullable(),
  taskSource: z.enum(["set", "inferred"]).nullable(),
  positiveClass: z.string().nullable(),
  createdAt: z.string(),
  lastPredictionAt: z.string().nullable(),
  predictions24h: z.number(),
  labeled24h: z.number(),
  labelCoverage: nullableNumber,
  health: z.enum(["ok", "stale", "no-labels", "no-data"]),
  volume: z.array(z.object({ ts: z.string(), count: z.number() })),
  versions: z.array(
    z.object({
      name: z.string(),
      lastPredictionAt: z.string().nullable(),
      predictions24h: z.number(),
      accuracy: nullableNumber,
      f1: nullableNumber,
      rocAuc: nullableNumber,
      mae: nullableNumber,
    }),
  ),
});

export const modelPatchBody = z
  .object({
    task: z
      .enum(["binary", "multiclass", "regression"], {
        error: "task must be binary, multiclass or regression",
      })
      .optional(),
    positiveClass: z
      .union([z.string().max(200), z.number(), z.boolean()])
      .nullable()
      .optional(),
    displayName: z.string().max(200).nullable().optional(),
    description: z.string().max(5000).nullable().optional(),
    owner: z.string().max(200).nullable().optional(),
  })
  .strict();

const ingestResponses = {
  200: "all rows stored (or already stored: duplicates)",
  207: "some rows rejected; the valid rows were stored",
  400: "malformed body, or every row rejected",
  401: "missing, invalid or revoked API key",
  403: "API key scope does not allow ingest",
  413: "too many rows or too many bytes",
  415: "content-type is not application/json",
};

const dataSourceInfo = z.object({
  name: z.string(),
  kind: z.string(),
  url: z.string(),
  authType: z.enum(["none", "basic", "bearer"]),
  username: z.string().nullable(),
  hasCredentials: z.boolean(),
  createdAt: z.string(),
});

const promResponse = (data: z.ZodType) =>
  z.object({ status: z.literal("success"), data, warnings: z.array(z.string()).optional() });
const promQueryData = z.object({
  resultType: z.enum(["vector", "matrix", "scalar", "string"]),
  result: z
    .unknown()
    .describe(
      'Prometheus result: vector [{metric,value:[t,"v"]}], matrix [{metric,values}], scalar/string [t,"v"]',
    ),
});
const promDoc = {
  400: "bad_data: invalid query or parameter (Prometheus error format)",
  422: "execution: the query failed to execute",
  503: "timeout: VIGIL_QUERY_TIMEOUT_MS exceeded",
};

const columnDrift = z.object({
  name: z.string(),
  type: z.enum(["numerical", "categorical"]),
  stattest: z.string().nullable().describe("null when the reference or the current range has no values"),
  statistic: nullableNumber.describe("as Evidently reports it: the p-value for ks, chisquare and z"),
  testStatistic: nullableNumber.describe("the test's own statistic (D, chi², z, distance)"),
  pValue: nullableNumber,
  threshold: nullableNumber,
  drifted: z.boolean(),
  method: z.enum(["exact", "sketch"]),
  referenceCount: z.number().int(),
  currentCount: z.number().int(),
  missingShare: nullableNumber,
  referenceMissingShare: nullableNumber,
  missingDrifted: z.boolean().describe("the missing share changed (two-proportion z-test, p < 0.05)"),
});

const driftResponse = z.object({
  model: z.string(),
  version: z.string().nullable(),
  reference: z
    .object({
      from: z.string().nullable(),
      to: z.string().nullable(),
      profile: z.string().nullable().describe("an uploaded reference dataset"),
      source: z.enum(["query", "pinned", "default", "profile"]),
      rows: z.number().int(),
    })
    .nullable(),
  current: z.object({ from: z.string(), to: z.string(), rows: z.number().int() }),
  method: z.enum(["exact", "sketch"]),
  relativeAccuracy: nullableNumber.describe("sketch method: relative error bound of every number"),
  features: z.array(columnDrift),
  prediction: columnDrift.nullable(),
  score: columnDrift.nullable(),
  label: columnDrift.nullable(),
  driftShare: z.number(),
  datasetDrift: z.boolean(),
});

const importResponse = z.object({
  format: z.enum(["prometheus", "openmetrics"]),
  lines: z.number().int(),
  samples: z.number().int().describe("samples parsed from valid lines"),
  stored: z.number().int(),
  duplicates: z.number().int().describe("identical to a sample already stored; ignored"),
  rejected: z.number().int().describe("invalid lines, and samples that conflict with a stored value"),
  errors: z
    .array(z.object({ line: z.number().int(), message: z.string() }))
    .describe("the first 100 problems, each naming its line"),
});

export const contract = {
  postPredictions: {
    method: "POST",
    path: "/api/v1/predictions",
    summary: "Send predictions (idempotent on model + id)",
    permission: "ingest",
    body: z.object({ predictions: z.array(predictionRow) }),
    response: ingestResponse,
    responses: ingestResponses,
  },
  postLabels: {
    method: "POST",
    path: "/api/v1/labels",
    summary: "Send ground-truth labels, before or after their predictions",
    permission: "ingest",
    body: z.object({ labels: z.array(labelRow) }),
    response: ingestResponse,
    responses: ingestResponses,
  },
  postEvents: {
    method: "POST",
    path: "/api/v1/events",
    summary: "Send business events (clicks, conversions, revenue)",
    permission: "ingest",
    body: z.object({ events: z.array(eventRow) }),
    response: ingestResponse,
    responses: ingestResponses,
  },
  remoteWrite: {
    method: "POST",
    path: "/api/v1/write",
    summary:
      "Prometheus remote write 1.0 receiver (snappy-compressed protobuf WriteRequest); duplicates ignored, see docs/remote-write.md",
    permission: "ingest",
    rawBody: {
      contentType: "application/x-protobuf",
      description: "prometheus.WriteRequest, snappy block-compressed (Content-Encoding: snappy)",
    },
    successStatus: 204,
    response: z.null(),
    responses: {
      400: "malformed body, or some series/samples rejected (named in the message; the rest is stored); not retried",
      413: "body above VIGIL_MAX_BODY_BYTES, or more than 64 MiB once decompressed",
      415: "Content-Encoding is not snappy, or the body is not a remote write 1.0 WriteRequest",
    },
  },
  importPrometheus: {
    method: "POST",
    path: "/api/v1/import/prometheus",
    summary:
      "Backfill samples from a Prometheus text-format or OpenMetrics file with explicit timestamps (streamed; any size)",
    permission: "ingest",
    query: z.object({
      format: z
        .enum(["prometheus", "openmetrics"])
        .optional()
        .describe("default: from Content-Type (application/openmetrics-text → openmetrics, else prometheus)"),
    }),
    rawBody: {
      contentType: "text/plain",
      description:
        "Prometheus text exposition format (timestamps in ms) or OpenMetrics (application/openmetrics-text, seconds, ending in # EOF)",
    },
    response: importResponse,
    responses: {
      207: "some lines rejected (listed with line numbers); the others are stored",
      400: "no line could be stored, or a bad format parameter",
      415: "Content-Type is neither text nor OpenMetrics",
    },
  },
  listModels: {
    method: "GET",
    path: "/api/v1/models",
    summary: "Every model with 24h volume, latest quality per version and health",
    permission: "read",
    response: z.object({ models: z.array(modelOverview) }),
  },
  patchModel: {
    method: "PATCH",
    path: "/api/v1/models/{model}",
    summary: "Set task, positive class, display name, description, owner",
    permission: "edit",
    params: modelParams,
    body: modelPatchBody,
    response: z.object({
      model: modelOverview.pick({
        name: true,
        displayName: true,
        description: true,
        owner: true,
        task: true,
        taskSource: true,
        positiveClass: true,
      }),
    }),
    responses: { 404: "unknown model", 400: "invalid field" },
  },
  modelQuality: {
    method: "GET",
    path: "/api/v1/models/{model}/quality",
    summary:
      "Accuracy, precision, recall, F1, ROC AUC, log loss, confusion matrix, regression errors per window",
    permission: "read",
    params: modelParams,
    query: qualityQuery,
    response: qualityResponse,
    responses: { 404: "unknown model or version", 400: "invalid from/to/window" },
  },
  modelDrift: {
    method: "GET",
    path: "/api/v1/models/{model}/drift",
    summary:
      "Per-feature drift (Evidently's tests and defaults) of a range against the reference; prediction, score and label too",
    permission: "read",
    params: modelParams,
    query: driftQuery,
    response: driftResponse,
    responses: { 404: "unknown model or version", 400: "invalid range, reference range or stattest" },
  },
  driftDistribution: {
    method: "GET",
    path: "/api/v1/models/{model}/drift/distribution",
    summary: "One feature's reference and current distributions on shared bins (Sturges) or per category",
    permission: "read",
    params: modelParams,
    query: distributionQuery,
    response: z.object({
      feature: z.string(),
      type: z.enum(["numerical", "categorical"]),
      method: z.enum(["exact", "sketch"]),
      bins: z.array(
        z.object({
          label: z.string(),
          lower: z.number().optional(),
          upper: z.number().optional(),
          reference: z.number().describe("share of the reference's values"),
          current: z.number(),
        }),
      ),
    }),
    responses: { 404: "unknown model, version or feature", 400: "invalid parameter" },
  },
  getDriftConfig: {
    method: "GET",
    path: "/api/v1/models/{model}/drift/config",
    summary: "Drift settings: pinned reference window, test/threshold/type overrides",
    permission: "read",
    params: modelParams,
    response: z.object({ config: driftConfigSchema }),
    responses: { 404: "unknown model" },
  },
  putDriftConfig: {
    method: "PUT",
    path: "/api/v1/models/{model}/drift/config",
    summary: "Replace the drift settings (the drift series are recomputed by the worker)",
    permission: "edit",
    params: modelParams,
    body: driftConfigSchema,
    response: z.object({ config: driftConfigSchema }),
    responses: { 404: "unknown model", 400: "invalid field (named)" },
  },
  uploadReference: {
    method: "POST",
    path: "/api/v1/models/{model}/reference",
    summary:
      "Upload a reference dataset (CSV or JSON lines, streamed; up to VIGIL_MAX_REFERENCE_BYTES) for drift; kept as one sketch per column and, unless ?activate=false, made the model's reference",
    permission: "edit",
    params: modelParams,
    query: uploadReferenceQuery,
    rawBody: {
      contentType: "text/csv",
      description:
        "CSV with a header row (RFC 4180; empty → missing, JSON number literals → numbers, true/false → booleans), or JSON lines (application/x-ndjson): one object per line",
    },
    response: z.object({ profile: profileInfo, active: activeReference }),
    responses: {
      400: "malformed file (the first problem, with its line), no data rows, or a bad parameter; the upload is kept as failed",
      404: "unknown model",
      409: "the profile was deleted while uploading",
      413: "body above VIGIL_MAX_REFERENCE_BYTES",
      415: "Content-Type is neither text/csv nor JSON lines, and no ?format=",
    },
  },
  listReferences: {
    method: "GET",
    path: "/api/v1/models/{model}/reference",
    summary: "The model's active drift reference, and its uploaded reference datasets with upload progress",
    permission: "read",
    params: modelParams,
    response: z.object({ active: activeReference, profiles: z.array(profileInfo) }),
    responses: { 404: "unknown model" },
  },
  deleteReference: {
    method: "DELETE",
    path: "/api/v1/models/{model}/reference/{name}",
    summary:
      "Remove a reference dataset (and its failed or running uploads); un-pins it when it is the reference",
    permission: "edit",
    params: referenceParams,
    response: z.object({ ok: z.literal(true), active: activeReference }),
    responses: { 404: "unknown model or dataset" },
  },
  createShadow: {
    method: "POST",
    path: "/api/v1/models/{model}/shadows",
    summary:
      "Upload a shadow model (ONNX, up to VIGIL_MAX_MODEL_BYTES) with its feature mapping; loaded with onnxruntime and checked against the mapping before it is stored (docs/shadow.md)",
    permission: "edit",
    params: modelParams,
    rawBody: {
      contentType: "multipart/form-data",
      description:
        'Two fields: file — the .onnx model (a file part); config — JSON {"name", "inputs": {"<input tensor>": ["feature", …]}, "output", "scoreIndex"?, "labelMap"?, "threshold"?, "sampleRate"?, "missing"?, "encodings"?, "batchSize"?, "executionProvider"?} (docs/shadow.md)',
    },
    successStatus: 201,
    response: z.object({ shadow: shadowInfo }),
    responses: {
      400: "file or config missing, config not JSON, or a malformed multipart body",
      404: "unknown model",
      409: "the model already has a shadow of that name",
      413: "file above VIGIL_MAX_MODEL_BYTES",
      415: "not multipart/form-data",
      422: "the file is not a model onnxruntime can load, the config is invalid, or it does not fit the model's inputs/outputs (each problem named, in problems)",
    },
  },
  listShadows: {
    method: "GET",
    path: "/api/v1/models/{model}/shadows",
    summary: "The model's shadow models with their signature, config and status",
    permission: "read",
    params: modelParams,
    response: z.object({ shadows: z.array(shadowInfo) }),
    responses: { 404: "unknown model" },
  },
  getShadow: {
    method: "GET",
    path: "/api/v1/shadows/{id}",
    summary: "One shadow model",
    permission: "read",
    params: shadowIdParams,
    response: z.object({ shadow: shadowInfo }),
    responses: { 404: "unknown shadow" },
  },
  patchShadow: {
    method: "PATCH",
    path: "/api/v1/shadows/{id}",
    summary: "Pause or resume a shadow model",
    permission: "edit",
    params: shadowIdParams,
    body: shadowPatchBody,
    response: z.object({ shadow: shadowInfo }),
    responses: { 400: "status is not active or paused", 404: "unknown shadow" },
  },
  deleteShadow: {
    method: "DELETE",
    path: "/api/v1/shadows/{id}",
    summary:
      "Remove a shadow model and its recorded outputs; its file goes unless another shadow uses the same one",
    permission: "edit",
    params: shadowIdParams,
    response: z.object({ ok: z.literal(true), fileRemoved: z.boolean() }),
    responses: { 404: "unknown shadow" },
  },
  shadowComparison: {
    method: "GET",
    path: "/api/v1/shadows/{id}/comparison",
    summary:
      "A shadow against production on the same rows: agreement, score differences, latency, disagreement by segment, and quality of both on the labeled rows with the paired accuracy difference (docs/shadow.md)",
    permission: "read",
    params: shadowIdParams,
    query: comparisonQuery,
    response: comparisonResponse,
    responses: { 404: "unknown shadow", 400: "invalid from/to" },
  },
  shadowPredictions: {
    method: "GET",
    path: "/api/v1/shadows/{id}/predictions",
    summary:
      "The rows a shadow answered, newest first, with the production prediction, label and features; ?disagreeing=true for the disagreeing ones",
    permission: "read",
    params: shadowIdParams,
    query: shadowPredictionsQuery,
    response: shadowPredictionsResponse,
    responses: { 404: "unknown shadow", 400: "invalid from/to, limit, status or cursor" },
  },
  startShadowBackfill: {
    method: "POST",
    path: "/api/v1/shadows/{id}/backfill",
    summary:
      "Run the shadow over past predictions with ts in [from, to) (ISO-8601 or epoch ms); progress in GET …/backfill (docs/shadow.md)",
    permission: "edit",
    params: shadowIdParams,
    body: backfillBody,
    response: z.object({ backfill: backfillInfo }),
    responses: { 400: "invalid from/to", 404: "unknown shadow" },
  },
  getShadowBackfill: {
    method: "GET",
    path: "/api/v1/shadows/{id}/backfill",
    summary: "The shadow's backfill: range, state (running, done) and progress (done / total)",
    permission: "read",
    params: shadowIdParams,
    response: z.object({ backfill: backfillInfo }),
    responses: { 404: "unknown shadow" },
  },
  promQuery: {
    method: "GET",
    path: "/api/v1/query",
    summary: "PromQL instant query (Prometheus HTTP API; also POST form-encoded). Params: query, time",
    permission: "read",
    response: promResponse(promQueryData),
    responses: promDoc,
  },
  promQueryRange: {
    method: "GET",
    path: "/api/v1/query_range",
    summary:
      "PromQL range query (Prometheus HTTP API; also POST). Params: query, start, end, step (≤ 11,000 points)",
    permission: "read",
    response: promResponse(promQueryData),
    responses: promDoc,
  },
  promSeries: {
    method: "GET",
    path: "/api/v1/series",
    summary: "Series matching match[] selectors (Prometheus HTTP API; also POST)",
    permission: "read",
    response: promResponse(z.array(z.record(z.string(), z.string()))),
    responses: promDoc,
  },
  promLabels: {
    method: "GET",
    path: "/api/v1/labels",
    summary:
      "Label names, optionally of series matching match[] (Prometheus HTTP API; POST with a form body too — a JSON POST is label ingest)",
    permission: "read",
    response: promResponse(z.array(z.string())),
    responses: promDoc,
  },
  promLabelValues: {
    method: "GET",
    path: "/api/v1/label/{name}/values",
    summary: "Values of one label (Prometheus HTTP API)",
    permission: "read",
    params: z.object({ name: z.string().min(1).max(200) }),
    response: promResponse(z.array(z.string())),
    responses: promDoc,
  },
  promMetadata: {
    method: "GET",
    path: "/api/v1/metadata",
    summary: "Metric metadata (Prometheus HTTP API)",
    permission: "read",
    response: promResponse(
      z.record(z.string(), z.array(z.object({ type: z.string(), help: z.string(), unit: z.string() }))),
    ),
  },
  promBuildInfo: {
    method: "GET",
    path: "/api/v1/status/buildinfo",
    summary: "Build information in Prometheus' format (the Prometheus version whose semantics Vigil follows)",
    permission: "read",
    response: promResponse(z.record(z.string(), z.string())),
  },
  listDataSources: {
    method: "GET",
    path: "/api/v1/datasources",
    summary: "External Prometheus-compatible data sources (credentials are never returned)",
    permission: "read",
    response: z.object({ datasources: z.array(dataSourceInfo) }),
  },
  createDataSource: {
    method: "POST",
    path: "/api/v1/datasources",
    summary:
      "Add a data source; its host must pass the outbound policy (VIGIL_OUTBOUND_ALLOWLIST). Query it with ?datasource=<name> on the Prometheus endpoints",
    permission: "admin",
    body: dataSourceInput,
    response: z.object({ datasource: dataSourceInfo }),
    responses: {
      400: "invalid field, blocked or unresolvable host, or no VIGIL_SECRET_KEY for credentials",
      409: "name taken",
    },
  },
  deleteDataSource: {
    method: "DELETE",
    path: "/api/v1/datasources/{name}",
    summary: "Remove a data source",
    permission: "admin",
    params: z.object({ name: z.string().min(1).max(64) }),
    response: z.object({ ok: z.literal(true) }),
    responses: { 404: "unknown data source" },
  },
  ...experimentRoutes,
  ...alertRoutes,
  ...clusterRoutes,
  ...servingRoutes,
  ...retentionRoutes,
  ...dashboardRoutes,
  ...embedRoutes,
  ...adminRoutes,
} as const;
