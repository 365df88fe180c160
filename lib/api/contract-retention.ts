// The retention routes (docs/retention.md), merged into lib/api/contract.ts's `contract`.
import { z } from "zod";
import { DATA_TYPES, retentionPatch } from "../retention/policy";

const typeStatus = z.object({
  type: z.enum(DATA_TYPES),
  covers: z.string(),
  days: z.number().int().describe("in force: 0 keeps the type forever"),
  source: z.enum(["environment", "ui"]),
  envVariable: z.string(),
  envDays: z.number().int(),
  cutoff: z.string().nullable().describe("rows older than this go at the next sweep"),
  sweptBefore: z.string().nullable().describe("every row older than this has been deleted"),
  lastRunAt: z.string().nullable(),
  lastDeleted: z.number().int(),
  lastDurationMs: z.number().nullable(),
  lastError: z.string().nullable(),
});

const statusResponse = z.object({ retention: z.array(typeStatus) });

export const retentionRoutes = {
  getRetention: {
    method: "GET",
    path: "/api/v1/retention",
    summary: "Retention per data type: the days in force and where they come from, and the last sweep",
    permission: "read",
    response: statusResponse,
  },
  patchRetention: {
    method: "PATCH",
    path: "/api/v1/retention",
    summary:
      "Set the days to keep per data type (0 = forever; null = back to the environment's value); the next sweep applies them",
    permission: "admin",
    body: retentionPatch,
    response: statusResponse,
    responses: { 400: "invalid days (the message names the data type)" },
  },
  runRetention: {
    method: "POST",
    path: "/api/v1/retention/run",
    summary: "Sweep now (in small batches, at most 20 s; the worker continues an unfinished sweep)",
    permission: "admin",
    response: z.object({
      deleted: z.record(z.enum(DATA_TYPES), z.number().int()),
      done: z.boolean(),
      durationMs: z.number(),
    }),
  },
} as const;
