// Request and response shapes of the experiment endpoints, for the route contract and the dashboard.
// Zod only (no database): lib/api/contract.ts and components/experiments import these.
import { z } from "zod";

const nullableNumber = z.number().nullable();
const interval = z.tuple([z.number(), z.number()]);
const nullableInterval = interval.nullable();

/** Quality metrics computed from labels; every other metric name is a business event name. */
export const QUALITY_METRICS = ["accuracy", "f1", "log_loss"] as const;
export const GUARDRAILS = ["latency_p95", "error_rate"] as const;

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const keyField = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .regex(KEY, `${what} must be 1–64 letters, digits, "_", "." or "-", starting with a letter or digit`);

const instant = (what: string) =>
  z
    .union([z.string(), z.number()], { error: `${what} must be an ISO-8601 date or epoch milliseconds` })
    .transform((value, ctx) => {
      const ms = typeof value === "number" ? value : Date.parse(value);
      if (!Number.isFinite(ms)) {
        ctx.addIssue({ code: "custom", message: `${what} "${String(value).slice(0, 40)}" is not a date` });
        return z.NEVER;
      }
      return ms;
    });

export const variantInput = z
  .object({
    key: keyField("variant key"),
    version: z.string().min(1, "version must not be empty").max(128),
    weight: z.number().positive("weight must be greater than 0").max(1, "weight must be at most 1"),
  })
  .strict();

/**
 * A metric: a quality metric name, an event name (binary "share of units with ≥ 1 event" when every value
 * of that event is 1, else the mean of the event values per unit), or an object that says which.
 */
export const metricInput = z.union(
  [
    z.string().regex(KEY, "metric must be a quality metric or an event name"),
    z
      .object({
        key: keyField("metric key"),
        event: z.string().min(1).max(128).optional().describe("event name; default: the key"),
        type: z.enum(["binary", "mean"], { error: "metric type must be binary or mean" }),
        inverse: z.boolean().optional().describe("lower is better"),
      })
      .strict(),
  ],
  {
    error:
      'metric must be a quality metric or event name, or {"key", "event"?, "type": "binary" | "mean", "inverse"?}',
  },
);

export const experimentInput = z
  .object({
    key: keyField("key"),
    model: z.string().min(1, "model must not be empty").max(128),
    name: z.string().max(200).optional(),
    description: z.string().max(5000).optional(),
    variants: z.array(variantInput).min(2, "an experiment needs at least two variants").max(20),
    metrics: z.array(metricInput).min(1, "name at least one metric").max(20),
    guardrails: z
      .array(z.enum(GUARDRAILS, { error: "guardrail must be latency_p95 or error_rate" }))
      .default([]),
    startAt: instant("startAt").optional().describe("default: now"),
    endAt: instant("endAt").nullable().optional(),
    /** A numeric feature recorded before the model answered, used as the CUPED covariate. */
    covariate: z.string().min(1).max(128).nullable().optional(),
    alpha: z.number().gt(0).lt(0.5).default(0.05),
  })
  .strict()
  .superRefine((e, ctx) => {
    const keys = e.variants.map((v) => v.key);
    if (new Set(keys).size !== keys.length)
      ctx.addIssue({ code: "custom", path: ["variants"], message: "variant keys must be unique" });
    const total = e.variants.reduce((s, v) => s + v.weight, 0);
    if (Math.abs(total - 1) > 1e-6)
      ctx.addIssue({
        code: "custom",
        path: ["variants"],
        message: `weights must sum to 1 (they sum to ${total})`,
      });
    if (e.endAt != null && e.startAt !== undefined && e.endAt <= e.startAt)
      ctx.addIssue({ code: "custom", path: ["endAt"], message: "endAt must be after startAt" });
  });

export const experimentPatch = z
  .object({
    name: z.string().max(200).optional(),
    description: z.string().max(5000).optional(),
    endAt: instant("endAt").nullable().optional(),
    status: z.enum(["running", "stopped"], { error: 'status must be "running" or "stopped"' }).optional(),
  })
  .strict();

export const experimentKeyParams = z.object({ key: keyField("key") });

export const assignQuery = z.object({
  unit: z.string({ error: "unit is required" }).min(1, "unit must not be empty").max(256),
});

export const experimentStatus = z.enum(["running", "stopped"]);

export const experimentInfo = z.object({
  key: z.string(),
  model: z.string(),
  name: z.string().nullable(),
  description: z.string().nullable(),
  status: experimentStatus,
  variants: z.array(z.object({ key: z.string(), version: z.string(), weight: z.number() })),
  metrics: z.array(
    z.object({
      key: z.string(),
      source: z.enum(["event", "quality"]),
      event: z.string().nullable(),
      type: z.enum(["binary", "mean", "auto"]).describe("auto: decided from the event values"),
      inverse: z.boolean(),
    }),
  ),
  guardrails: z.array(z.enum(GUARDRAILS)),
  covariate: z.string().nullable(),
  alpha: z.number(),
  startAt: z.string(),
  endAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const assignResponse = z.object({
  experiment: z.string(),
  unit: z.string(),
  variant: z.string(),
  version: z.string(),
});

const metricValue = z.object({
  type: z.enum(["binary", "mean", "f1"]),
  n: z.number().int().describe("units with a value (labeled units for quality metrics)"),
  value: nullableNumber.describe("rate, mean per unit, or F1"),
  rate: nullableNumber.optional(),
  mean: nullableNumber.optional(),
  ci: nullableInterval,
});

export const comparisonResult = z.object({
  variant: z.string(),
  metric: z.string(),
  type: z.enum(["binary", "mean", "f1"]),
  inverse: z.boolean(),
  controlValue: nullableNumber,
  value: nullableNumber,
  diff: nullableNumber,
  diffCi: nullableInterval,
  lift: nullableNumber,
  ci: nullableInterval.describe("interval of the relative lift"),
  pValue: nullableNumber,
  adjustedPValue: nullableNumber.describe("Holm across variants × metrics"),
  significant: z.boolean(),
  chanceToBeatControl: nullableNumber,
  expectedLoss: nullableNumber.describe("of choosing this variant over the control"),
  credibleInterval: nullableInterval,
  cuped: z.object({ theta: z.number(), varianceReduction: z.number() }).nullable(),
  sequential: z
    .object({ ci: nullableInterval, diffCi: nullableInterval, significant: z.boolean() })
    .nullable(),
});

export const guardrailResult = z.object({
  variant: z.string(),
  guardrail: z.enum(GUARDRAILS),
  controlValue: nullableNumber,
  value: nullableNumber,
  regressed: z.boolean(),
  pValue: nullableNumber,
  detail: z.string(),
});

export const timelinePoint = z.object({
  ts: z.string().describe("end of the day (cumulative from the start)"),
  variants: z.record(
    z.string(),
    z.object({ n: z.number().int(), metrics: z.record(z.string(), nullableNumber) }),
  ),
  lifts: z.array(
    z.object({ variant: z.string(), metric: z.string(), lift: nullableNumber, ci: nullableInterval }),
  ),
});

export const experimentResults = z.object({
  experiment: experimentInfo,
  computedAt: z.string(),
  from: z.string(),
  to: z.string(),
  control: z.string(),
  unassigned: z
    .number()
    .int()
    .optional()
    .describe(
      "predictions in the range that belong to no variant (unknown variant key, or a version in several)",
    ),
  variants: z.array(
    z.object({
      key: z.string(),
      version: z.string(),
      weight: z.number(),
      n: z.number().int(),
      share: nullableNumber,
      metrics: z.record(z.string(), metricValue),
    }),
  ),
  comparisons: z.array(comparisonResult),
  guardrails: z.array(guardrailResult),
  srm: z.object({
    observed: z.array(z.number()),
    expected: z.array(z.number()),
    chiSquare: nullableNumber,
    pValue: nullableNumber,
    flagged: z.boolean(),
  }),
  sequential: z.object({
    method: z.string(),
    tuning: z.number().describe("the sample size at which the sequence is tightest"),
    alpha: z.number(),
  }),
  power: z
    .object({
      metric: z.string(),
      variant: z.string(),
      requiredPerVariant: nullableNumber,
      remaining: nullableNumber,
    })
    .nullable(),
  decision: z.string(),
  timeline: z.array(timelinePoint),
});

export type ExperimentInput = z.output<typeof experimentInput>;
export type ExperimentInfo = z.output<typeof experimentInfo>;
export type ExperimentResults = z.output<typeof experimentResults>;
export type ComparisonResult = z.output<typeof comparisonResult>;
