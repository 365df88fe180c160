// Request schemas for the ingest API. Each row is validated on its own so one bad row never sinks a batch.
import { z } from "zod";

export const MAX_FEATURES = 500;
export const MAX_KEY_LENGTH = 200;
export const MAX_STRING_VALUE_LENGTH = 8192;
export const MAX_ID_LENGTH = 200;

// Earliest/latest plausible epoch-ms timestamps: catches seconds sent by mistake (1.7e9 ≪ 9.46e11).
const MIN_EPOCH_MS = Date.UTC(2000, 0, 1);
const MAX_EPOCH_MS = Date.UTC(2100, 0, 1);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

// JSON can carry 1e999, which parses to Infinity: say "finite" then, not just "a number".
const finite = (what: string) =>
  z.number({
    error: (issue) =>
      typeof issue.input === "number" ? `${what} must be a finite number` : `${what} must be a number`,
  });

export const identifier = (what: string) =>
  z
    .string({ error: `${what} is required and must be a string` })
    .min(1, `${what} must not be empty`)
    .max(128, `${what} must be at most 128 characters`)
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._:-]*$/,
      `${what} may only contain letters, digits, '.', '_', ':' and '-'`,
    );

const rowId = z
  .string({ error: "id is required and must be a string" })
  .min(1, "id must not be empty")
  .max(MAX_ID_LENGTH, `id must be at most ${MAX_ID_LENGTH} characters`);

/** ISO-8601 text or epoch milliseconds → epoch ms. Missing means "now" (filled in by the write path). */
export const timestamp = z
  .union([z.string(), z.number()], { error: "timestamp must be an ISO-8601 string or epoch milliseconds" })
  .transform((value, ctx) => {
    if (typeof value === "number") {
      if (!Number.isFinite(value) || value < MIN_EPOCH_MS || value > MAX_EPOCH_MS) {
        ctx.addIssue({
          code: "custom",
          message:
            value > 0 && value < MIN_EPOCH_MS / 100
              ? `timestamp ${value} looks like epoch seconds; send epoch milliseconds or ISO-8601`
              : "timestamp must be epoch milliseconds between 2000 and 2100",
        });
        return z.NEVER;
      }
      return Math.round(value);
    }
    const ms = ISO_8601.test(value) ? Date.parse(value) : Number.NaN;
    if (!Number.isFinite(ms) || ms < MIN_EPOCH_MS || ms > MAX_EPOCH_MS) {
      ctx.addIssue({
        code: "custom",
        message: `timestamp "${value.slice(0, 40)}" is not a valid ISO-8601 date`,
      });
      return z.NEVER;
    }
    return ms;
  });

const classValue = (what: string) =>
  z.union(
    [
      finite(what),
      z.string().max(MAX_KEY_LENGTH, `${what} must be at most ${MAX_KEY_LENGTH} characters`),
      z.boolean(),
    ],
    {
      error: (issue) =>
        typeof issue.input === "number"
          ? `${what} must be a finite number`
          : `${what} must be a number, string or boolean`,
    },
  );

export type FeatureValue = number | string | boolean | null;

/** Flat map of feature name → number | string | boolean | null; nesting, NaN/Infinity and huge values are refused. */
export const features = z.record(z.string(), z.unknown()).superRefine((obj, ctx) => {
  const keys = Object.keys(obj);
  if (keys.length > MAX_FEATURES) {
    ctx.addIssue({
      code: "custom",
      message: `has ${keys.length} features; at most ${MAX_FEATURES} are allowed`,
    });
    return;
  }
  for (const key of keys) {
    const v = obj[key];
    const where = `feature "${key.slice(0, 40)}"`;
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      ctx.addIssue({
        code: "custom",
        message: `feature names must be 1 to ${MAX_KEY_LENGTH} characters`,
        path: [key.slice(0, 40)],
      });
    } else if (v === null || typeof v === "boolean") {
      // fine
    } else if (typeof v === "number") {
      if (!Number.isFinite(v))
        ctx.addIssue({ code: "custom", message: `${where} must be a finite number`, path: [key] });
    } else if (typeof v === "string") {
      if (v.length > MAX_STRING_VALUE_LENGTH)
        ctx.addIssue({
          code: "custom",
          message: `${where} is ${v.length} characters; string features may be at most ${MAX_STRING_VALUE_LENGTH}`,
          path: [key],
        });
    } else {
      ctx.addIssue({
        code: "custom",
        message: `${where} must be a number, string, boolean or null, not ${Array.isArray(v) ? "an array" : typeof v}`,
        path: [key],
      });
    }
  }
}) as unknown as z.ZodType<Record<string, FeatureValue>>;

const probability = (what: string) =>
  finite(what).refine((p) => p >= 0 && p <= 1, `${what} must be a probability between 0 and 1`);

export const predictionRow = z.object({
  id: rowId,
  model: identifier("model"),
  version: identifier("version").default("default"),
  timestamp: timestamp.optional(),
  features: features.default({}),
  prediction: classValue("prediction"),
  score: probability("score").nullish(),
  scores: z
    .record(z.string().max(MAX_KEY_LENGTH), probability("scores value"), {
      error: "scores must map class → probability",
    })
    .nullish(),
  variant: z.string().max(128, "variant must be at most 128 characters").nullish(),
  latencyMs: finite("latencyMs")
    .refine((v) => v >= 0, "latencyMs must not be negative")
    .nullish(),
});

export const labelRow = z.object({
  id: rowId,
  model: identifier("model"),
  label: classValue("label"),
  timestamp: timestamp.optional(),
});

export const eventRow = z.object({
  id: rowId,
  model: identifier("model"),
  predictionId: rowId.nullish(),
  name: z.string({ error: "name is required and must be a string" }).min(1).max(MAX_KEY_LENGTH),
  value: finite("value"),
  timestamp: timestamp.optional(),
});

export type PredictionRow = z.output<typeof predictionRow>;
export type LabelRow = z.output<typeof labelRow>;
export type EventRow = z.output<typeof eventRow>;

export const ingestResponse = z.object({
  accepted: z.number().int().describe("rows stored by this request"),
  duplicates: z.number().int().describe("rows already stored earlier (same model and id); not counted twice"),
  rejected: z.array(z.object({ index: z.number().int(), error: z.string() })),
});
export type IngestResponse = z.infer<typeof ingestResponse>;
