// Request and response shapes of the reference-dataset endpoints (…/models/{model}/reference), for the route
// contract. Zod only: lib/api/contract.ts imports these, so nothing here may import the contract.
import { z } from "zod";

export const PROFILE_FORMATS = ["csv", "jsonl"] as const;
export type ProfileFormat = (typeof PROFILE_FORMATS)[number];

/** 1–128 characters (driftConfig.reference.profile's limit), no control characters and no "/". */
export const profileName = z
  .string({ error: "name is required" })
  .min(1, "name is required")
  .max(128, "name must be at most 128 characters")
  .refine(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    (s) => !/[\u0000-\u001f\u007f/]/.test(s),
    "name must not contain control characters or /",
  );

const columnName = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .max(200, `${what} must be at most 200 characters`)
    .optional()
    .describe(`the column holding the model's ${what.replace(/Column$/, "")}; not a feature`);

export const uploadReferenceQuery = z
  .object({
    name: profileName.describe("the profile's name; an existing profile of that name is replaced on success"),
    format: z
      .enum(PROFILE_FORMATS, { error: "format must be csv or jsonl" })
      .optional()
      .describe(
        "default: from Content-Type (text/csv → csv; application/x-ndjson, application/jsonl, application/json-lines → jsonl)",
      ),
    predictionColumn: columnName("predictionColumn"),
    scoreColumn: columnName("scoreColumn"),
    labelColumn: columnName("labelColumn"),
    activate: z
      .enum(["true", "false", "1", "0"], { error: "activate must be true or false" })
      .default("true")
      .describe("make it the model's drift reference once ready (driftConfig.reference = {profile: name})"),
  })
  .transform((q, ctx) => {
    const named = [q.predictionColumn, q.scoreColumn, q.labelColumn].filter((c) => c !== undefined);
    if (new Set(named).size !== named.length) {
      ctx.addIssue({
        code: "custom",
        message: "predictionColumn, scoreColumn and labelColumn must name different columns",
      });
      return z.NEVER;
    }
    return { ...q, activate: q.activate === "true" || q.activate === "1" };
  });

export const referenceParams = z.object({
  model: z.string().min(1).max(128),
  name: profileName,
});

export const activeReference = z.object({
  source: z
    .enum(["default", "pinned", "profile"])
    .describe("default: the first 7 days of each version; pinned: a window; profile: an uploaded dataset"),
  from: z.string().optional(),
  to: z.string().optional(),
  version: z.string().optional().describe("pinned window: reference data from this version only"),
  profile: z.string().optional(),
});

export const profileColumn = z.object({
  role: z.enum(["feature", "prediction", "score", "label"]),
  name: z.string().describe('the feature name; "" for prediction, score and label'),
  type: z.enum(["numerical", "categorical"]),
  count: z.number().int().describe("rows with a value"),
  missing: z.number().int().describe("rows without one (empty CSV field, JSON null or absent key)"),
  unique: z.number().int().nullable().describe("distinct values; null: more than the sketch counts exactly"),
});

export const profileInfo = z.object({
  name: z.string(),
  format: z.enum(PROFILE_FORMATS),
  status: z
    .enum(["uploading", "ready", "failed"])
    .describe("a name can have a ready profile and, next to it, an upload in progress or a failed one"),
  bytes: z.number().int().describe("bytes received (so far, while uploading)"),
  rows: z.number().int().describe("data rows read (so far, while uploading)"),
  error: z.string().nullable().describe("why the upload failed"),
  createdAt: z.string(),
  updatedAt: z.string(),
  columns: z.array(profileColumn).describe("ready profiles only; empty otherwise"),
});

export type ProfileInfo = z.infer<typeof profileInfo>;
export type ProfileColumnInfo = z.infer<typeof profileColumn>;
export type ActiveReference = z.infer<typeof activeReference>;
