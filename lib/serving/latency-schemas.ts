// Query and response schemas of GET /api/v1/models/{model}/latency (contract: lib/api/contract-serving.ts).
import { z } from "zod";
import { timeRange } from "../api/query-params";
import { autoStep, formatPromDuration, parseDuration } from "../charts/prom-step";
import { bucketCount, MAX_LATENCY_BUCKETS } from "./latency";

export const latencyQuery = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    step: z.string().max(32).optional(),
    version: z.string().max(128).optional(),
  })
  .transform((q, ctx) => {
    const range = timeRange.safeParse({ from: q.from, to: q.to });
    if (!range.success) {
      for (const issue of range.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    }
    const { from, to } = range.data;
    const seconds = q.step === undefined ? autoStep((to - from) / 1000) : parseDuration(q.step);
    if (seconds === null || seconds < 1) {
      ctx.addIssue({
        code: "custom",
        message: `step: "${(q.step ?? "").slice(0, 32)}" is not a duration of at least 1s (seconds, or like 30s, 5m, 1h)`,
      });
      return z.NEVER;
    }
    const stepMs = Math.round(seconds * 1000);
    const buckets = bucketCount(from, to, stepMs);
    if (buckets > MAX_LATENCY_BUCKETS) {
      ctx.addIssue({
        code: "custom",
        message: `step: ${formatPromDuration(seconds)} over this range gives ${buckets} buckets, more than ${MAX_LATENCY_BUCKETS}; use a longer step or a shorter range`,
      });
      return z.NEVER;
    }
    return { from, to, stepMs, version: q.version };
  });

export const latencyPointSchema = z.object({
  t: z.string().describe("bucket start (ISO-8601): predictions with t ≤ timestamp < t + step"),
  count: z.number().int().describe("predictions with a latencyMs in the bucket"),
  p50: z.number().describe("ms; numpy.percentile's default (linear) method"),
  p95: z.number(),
  p99: z.number(),
});

export const latencyResponse = z.object({
  model: z.string(),
  from: z.string(),
  to: z.string(),
  step: z.number().describe("seconds"),
  versions: z.array(
    z.object({
      version: z.string(),
      points: z.array(latencyPointSchema).describe("buckets with at least one latency, by time"),
    }),
  ),
});

export type LatencyResponse = z.infer<typeof latencyResponse>;
