// The experiment routes (docs/experiments.md), merged into lib/api/contract.ts's `contract`.
import { z } from "zod";
import {
  assignQuery,
  assignResponse,
  experimentInfo,
  experimentInput,
  experimentKeyParams,
  experimentPatch,
  experimentResults,
} from "../experiments/schemas";

const experimentSummary = z
  .object({
    computedAt: z.string(),
    units: z.record(z.string(), z.number().int()).describe("units (predictions) per variant key"),
    srmFlagged: z.boolean(),
    decision: z.string(),
  })
  .nullable()
  .describe("from the latest computed results; null until the first computation");

export const experimentListItem = experimentInfo.extend({ summary: experimentSummary.optional() });

const experimentResponse = z.object({ experiment: experimentInfo });

export const experimentRoutes = {
  createExperiment: {
    method: "POST",
    path: "/api/v1/experiments",
    summary:
      "Start an A/B/n experiment between versions of a model: variants with weights (the first is the control), metrics, guardrails (docs/experiments.md)",
    permission: "edit",
    body: experimentInput,
    successStatus: 201,
    response: experimentResponse,
    responses: {
      400: "invalid field (named), weights not summing to 1, duplicate variant or metric keys",
      404: "unknown model",
      409: "an experiment with that key exists",
    },
  },
  listExperiments: {
    method: "GET",
    path: "/api/v1/experiments",
    summary: "Every experiment (optionally of one model) with a summary of its latest results",
    permission: "read",
    query: z.object({ model: z.string().min(1).max(128).optional() }),
    response: z.object({ experiments: z.array(experimentListItem) }),
    responses: { 404: "unknown model" },
  },
  getExperiment: {
    method: "GET",
    path: "/api/v1/experiments/{key}",
    summary: "One experiment's definition and status",
    permission: "read",
    params: experimentKeyParams,
    response: experimentResponse,
    responses: { 404: "unknown experiment" },
  },
  patchExperiment: {
    method: "PATCH",
    path: "/api/v1/experiments/{key}",
    summary:
      'Rename, describe, set the end, stop ("stopped": ends now unless it ended earlier; results recomputed) or resume ("running"); variants and weights cannot change',
    permission: "edit",
    params: experimentKeyParams,
    body: experimentPatch,
    response: experimentResponse,
    responses: { 400: "invalid field, or a field fixed at creation (named)", 404: "unknown experiment" },
  },
  deleteExperiment: {
    method: "DELETE",
    path: "/api/v1/experiments/{key}",
    summary: "Remove an experiment and its results (its series stay until retention)",
    permission: "edit",
    params: experimentKeyParams,
    successStatus: 204,
    response: z.null(),
    responses: { 404: "unknown experiment" },
  },
  experimentResults: {
    method: "GET",
    path: "/api/v1/experiments/{key}/results",
    summary:
      "Per-variant metrics, comparisons (frequentist with Holm, Bayesian, sequential, CUPED), guardrails, SRM, power, timeline and the decision; from the latest snapshot, computed now when there is none or ?refresh=true",
    permission: "read",
    params: experimentKeyParams,
    query: z.object({
      refresh: z.enum(["true", "false"], { error: "refresh must be true or false" }).optional(),
    }),
    response: experimentResults,
    responses: { 404: "unknown experiment", 400: "invalid refresh" },
  },
  assignExperiment: {
    method: "GET",
    path: "/api/v1/experiments/{key}/assign",
    summary:
      "The unit's variant: deterministic and sticky (sha256 of key:unit against the weights; docs/experiments.md has the algorithm to run it locally)",
    permission: "read",
    params: experimentKeyParams,
    query: assignQuery,
    response: assignResponse,
    responses: { 400: "unit missing or empty", 404: "unknown experiment" },
  },
} as const;
