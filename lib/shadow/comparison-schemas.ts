// Query and response shapes of GET /api/v1/shadows/{id}/comparison and …/predictions, for the route contract.
// Zod only (no database): lib/api/contract.ts and the dashboard's types import these.
import { z } from "zod";
import { timeRange } from "../api/query-params";

const nullableNumber = z.number().nullable();

const rangeFields = { from: z.string().optional(), to: z.string().optional() };

function withRange<T extends Record<string, unknown>>(
  q: T & { from?: string; to?: string },
  ctx: z.RefinementCtx,
): (T & { from: number; to: number }) | typeof z.NEVER {
  const range = timeRange.safeParse({ from: q.from, to: q.to });
  if (!range.success) {
    for (const issue of range.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  }
  return { ...q, ...range.data };
}

/** from/to on the production prediction's timestamp, default the last 24 hours. */
export const comparisonQuery = z.object(rangeFields).transform((q, ctx) => withRange(q, ctx));

export const PREDICTIONS_PAGE_MAX = 500;

export const shadowPredictionsQuery = z
  .object({
    ...rangeFields,
    disagreeing: z
      .enum(["true", "false"], { error: "disagreeing must be true or false" })
      .optional()
      .transform((v) => v === "true"),
    status: z
      .enum(["ok", "error", "skipped", "all"], { error: "status must be ok, error, skipped or all" })
      .default("ok"),
    limit: z
      .string()
      .regex(/^\d{1,4}$/, `limit must be an integer from 1 to ${PREDICTIONS_PAGE_MAX}`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= PREDICTIONS_PAGE_MAX, {
        message: `limit must be an integer from 1 to ${PREDICTIONS_PAGE_MAX}`,
      })
      .default(50),
    cursor: z.string().max(400).optional(),
  })
  .transform((q, ctx) => withRange(q, ctx));

const sideQuality = z.object({
  accuracy: nullableNumber,
  f1: nullableNumber.describe("binary: of the positive class; multiclass: macro average"),
  rocAuc: nullableNumber,
  mae: nullableNumber,
  rmse: nullableNumber,
});

const percentiles = z.object({ p50: nullableNumber, p95: nullableNumber, p99: nullableNumber });

export const comparisonResponse = z.object({
  id: z.number().int(),
  model: z.string(),
  name: z.string(),
  task: z.enum(["binary", "multiclass", "regression"]),
  positiveClass: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  evaluated: z
    .number()
    .int()
    .describe("rows the shadow answered (status ok) whose production prediction exists"),
  errors: z.number().int().describe("rows the shadow failed on (status error)"),
  skipped: z.number().int().describe("rows left out of the sample (status skipped)"),
  agreed: z.number().int(),
  agreement: nullableNumber.describe("share of evaluated rows with the same predicted class"),
  scored: z.number().int().describe("evaluated rows where both production and shadow have a score"),
  meanAbsScoreDiff: nullableNumber,
  scoreDiffHistogram: z
    .array(z.object({ lower: z.number(), upper: z.number(), count: z.number().int() }))
    .describe("|shadow score − production score|: 20 equal bins on [0, 1] (or [0, max] above 1)"),
  latencyMs: percentiles.describe("shadow inference time per row (numpy's linear percentiles)"),
  productionLatencyMs: percentiles.describe("the production latency sent with the same rows"),
  labeled: z.number().int().describe("evaluated rows with a label: both qualities are on exactly these rows"),
  production: sideQuality,
  shadow: sideQuality,
  accuracyDelta: z
    .object({
      estimate: z.number().describe("shadow accuracy − production accuracy"),
      ciLow: z.number(),
      ciHigh: z.number(),
      discordant: z
        .object({ productionOnly: z.number().int(), shadowOnly: z.number().int() })
        .describe("labeled rows only production (b) / only the shadow (c) got right"),
    })
    .nullable()
    .describe("95% CI for paired proportions: var = (b + c − (b − c)²/n) / n²"),
  bySegment: z.array(
    z.object({
      feature: z.string(),
      value: z.string(),
      n: z.number().int(),
      agreed: z.number().int(),
      agreement: z.number(),
    }),
  ),
  timeline: z
    .array(z.object({ start: z.string(), n: z.number().int(), agreed: z.number().int() }))
    .describe("agreement per hour (per day above 31 days) of the range"),
});

const rawValue = z.union([z.string(), z.number(), z.boolean()]);

export const shadowPredictionRow = z.object({
  id: z.string(),
  ts: z.string(),
  status: z.enum(["ok", "error", "skipped"]),
  agree: z.boolean().nullable(),
  production: z.object({
    prediction: rawValue,
    score: nullableNumber,
    scores: z.record(z.string(), z.number()).nullable(),
    latencyMs: nullableNumber,
  }),
  shadow: z.object({
    prediction: rawValue.nullable(),
    score: nullableNumber,
    scores: z.record(z.string(), z.number()).nullable(),
    latencyMs: nullableNumber,
    error: z.string().nullable(),
  }),
  label: rawValue.nullable(),
  features: z.record(z.string(), z.unknown()),
});

export const shadowPredictionsResponse = z.object({
  id: z.number().int(),
  model: z.string(),
  name: z.string(),
  rows: z.array(shadowPredictionRow),
  nextCursor: z.string().nullable().describe("pass as ?cursor= for the next (older) page; null at the end"),
});
