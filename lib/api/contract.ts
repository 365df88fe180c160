// Every v1 route in one place: method, path, permission and zod schemas. Route handlers use these specs and
// /api/v1/openapi.json is generated from them, so the document cannot drift from the code.
import { z } from "zod";
import { eventRow, ingestResponse, labelRow, predictionRow } from "../ingest/schemas";
import { modelParams, qualityQuery } from "./query-params";

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
    permission: "admin",
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
} as const;
