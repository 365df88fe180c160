// A shadow model's configuration: which production features feed which input tensor (in order, with one-hot /
// ordinal encodings for categorical features and defaults for missing values), and how to read the output
// tensor (score column, class names, threshold). Zod only, no onnxruntime: lib/api/contract.ts imports this.
// Checked against the model's signature by signature.ts; used by encode.ts. See docs/shadow.md.
import { z } from "zod";

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL_OR_SLASH = /[\u0000-\u001f\u007f/]/;

/** 1–128 characters, no control characters and no "/". */
export const shadowName = z
  .string({ error: "name is required (a string)" })
  .min(1, "name is required")
  .max(128, "name must be at most 128 characters")
  .refine((s) => !CONTROL_OR_SLASH.test(s), "name must not contain control characters or /");

const featureName = z
  .string({ error: "must be a feature name (a string)" })
  .min(1, "must be a non-empty feature name")
  .max(200, "must be a feature name of at most 200 characters");

const category = z.union([z.string(), z.number(), z.boolean()], {
  error: "categories must be strings, numbers or booleans",
});

const encoding = z.discriminatedUnion(
  "type",
  [
    z.object({
      type: z.literal("onehot"),
      categories: z
        .array(category, { error: "categories must be an array" })
        .min(1, "categories must not be empty")
        .max(10_000, "categories must have at most 10000 entries"),
    }),
    z.object({
      type: z.literal("ordinal"),
      categories: z
        .array(category, { error: "categories must be an array" })
        .min(1, "categories must not be empty")
        .max(1_000_000, "categories must have at most 1000000 entries"),
    }),
  ],
  { error: 'type must be "onehot" or "ordinal"' },
);

/**
 * onnxruntime-node's execution providers on Linux x64: the CPU one is bundled; CUDA needs its binaries installed
 * (`npm install` with ONNXRUNTIME_NODE_INSTALL=cuda12) and a GPU — where they are missing, the upload says so.
 */
export const EXECUTION_PROVIDERS = ["cpu", "cuda"] as const;
export type ExecutionProvider = (typeof EXECUTION_PROVIDERS)[number];

export const shadowConfigSchema = z
  .object({
    name: shadowName.describe("the shadow's name, unique per model"),
    inputs: z
      .record(
        z.string().min(1, "input tensor names must not be empty"),
        z
          .array(featureName, { error: "must be an array of feature names" })
          .min(1, "must list at least one feature"),
        { error: 'inputs is required: an object {"<input tensor>": ["feature", …]}' },
      )
      .refine((r) => Object.keys(r).length > 0, "inputs must map at least one input tensor")
      .describe(
        "input tensor → the production features filling its last dimension, in order (a one-hot feature fills one slot per category)",
      ),
    output: z
      .string({ error: "output is required (the name of the output tensor to read)" })
      .min(1, "output must not be empty")
      .describe("the output tensor holding the scores (probabilities) or the regression value"),
    scoreIndex: z
      .number({ error: "scoreIndex must be a number" })
      .int("scoreIndex must be an integer")
      .min(0, "scoreIndex must be ≥ 0")
      .optional()
      .describe(
        "column of the output read as the score; default 1 when the output has 2 columns (the positive class), 0 when it has 1; required otherwise",
      ),
    labelMap: z
      .union(
        [
          z.array(z.string().min(1).max(200)).min(1, "labelMap must not be empty"),
          z.record(
            z.string().regex(/^\d+$/, "labelMap keys must be output column indices (0, 1, …)"),
            z.string().min(1).max(200),
          ),
        ],
        { error: 'labelMap must be an array of class names or an object {"<column index>": "class"}' },
      )
      .optional()
      .transform((m) =>
        m === undefined
          ? undefined
          : Array.isArray(m)
            ? Object.fromEntries(m.map((name, i) => [String(i), name]))
            : m,
      )
      .describe(
        "output column → class name (predicted classes are reported by name; without it, by column index)",
      ),
    threshold: z
      .number({ error: "threshold must be a number" })
      .min(0, "threshold must be between 0 and 1")
      .max(1, "threshold must be between 0 and 1")
      .optional()
      .describe(
        "binary: the positive class when score ≥ threshold (default 0.5 with 2 output columns); with a 1-column output it makes the model binary instead of regression",
      ),
    sampleRate: z
      .number({ error: "sampleRate must be a number" })
      .gt(0, "sampleRate must be in (0, 1]")
      .max(1, "sampleRate must be in (0, 1]")
      .default(1)
      .describe("share of production predictions the shadow is run on"),
    missing: z
      .record(featureName, z.number({ error: "must be a number" }), {
        error: 'missing must be an object {"<feature>": <number>}',
      })
      .default({})
      .describe(
        "value used when a feature is absent or null (ordinal: also for unknown categories); without one: NaN in float tensors, an error for integer tensors",
      ),
    encodings: z
      .record(featureName, encoding, {
        error: 'encodings must be an object {"<feature>": {"type": "onehot"|"ordinal", "categories": […]}}',
      })
      .default({})
      .describe(
        "categorical features: onehot → one slot per category (unknown/missing → all zeros); ordinal → the category's index (unknown → missing default or -1)",
      ),
    batchSize: z
      .number({ error: "batchSize must be a number" })
      .int("batchSize must be an integer")
      .min(1, "batchSize must be between 1 and 4096")
      .max(4096, "batchSize must be between 1 and 4096")
      .default(256)
      .describe("rows per inference call"),
    executionProvider: z
      .enum(EXECUTION_PROVIDERS, { error: 'executionProvider must be "cpu" or "cuda"' })
      .default("cpu")
      .describe("onnxruntime execution provider"),
  })
  .strict()
  .superRefine((c, ctx) => {
    const mapped = new Set(Object.values(c.inputs).flat());
    for (const feature of Object.keys(c.encodings))
      if (!mapped.has(feature))
        ctx.addIssue({
          code: "custom",
          path: ["encodings", feature],
          message: `"${feature}" is not mapped to any input tensor`,
        });
    for (const feature of Object.keys(c.missing)) {
      if (!mapped.has(feature))
        ctx.addIssue({
          code: "custom",
          path: ["missing", feature],
          message: `"${feature}" is not mapped to any input tensor`,
        });
      else if (c.encodings[feature]?.type === "onehot")
        ctx.addIssue({
          code: "custom",
          path: ["missing", feature],
          message: `"${feature}" is one-hot encoded: a missing or unknown value encodes as all zeros, so it takes no default`,
        });
    }
    for (const [feature, enc] of Object.entries(c.encodings)) {
      const seen = new Set<string>();
      for (const cat of enc.categories) {
        const key = categoryKey(cat);
        if (seen.has(key))
          ctx.addIssue({
            code: "custom",
            path: ["encodings", feature, "categories"],
            message: `${JSON.stringify(cat)} is listed twice`,
          });
        seen.add(key);
      }
    }
  });

export type ShadowConfigInput = z.input<typeof shadowConfigSchema>;
export type ShadowConfig = z.output<typeof shadowConfigSchema>;
export type Encoding = ShadowConfig["encodings"][string];

/**
 * The lookup key of a category or a feature value: strings as themselves, numbers and booleans by their JSON
 * text, so "1" (a string) and 1 (a number) are different categories but 1 and 1.0 are the same.
 */
export function categoryKey(value: string | number | boolean): string {
  return typeof value === "string" ? `s:${value}` : `j:${JSON.stringify(value)}`;
}

/** Slots a feature fills in its tensor: one, or one per category when one-hot encoded. */
export function slotsOf(config: Pick<ShadowConfig, "encodings">, feature: string): number {
  const enc = config.encodings[feature];
  return enc?.type === "onehot" ? enc.categories.length : 1;
}
