// Per-model drift settings, stored as JSON on Model.driftConfig: a pinned reference window (else the first
// 7 days of each version), and overrides of the test, threshold and column type — model-wide or per column.
import { z } from "zod";
import { STAT_TEST_TYPES, STAT_TESTS } from "./stattest-names";

const statTest = z.enum(STAT_TESTS, { error: `stattest must be one of ${STAT_TESTS.join(", ")}` });
const threshold = z.number().positive("threshold must be > 0").max(1e9);
const isoTime = (what: string) =>
  z.string().refine((s) => Number.isFinite(Date.parse(s)), `${what} must be an ISO-8601 date`);

export const columnOverride = z
  .object({
    type: z.enum(["numerical", "categorical"]).optional(),
    stattest: statTest.optional(),
    threshold: threshold.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.type && c.stattest && !STAT_TEST_TYPES[c.stattest].includes(c.type))
      ctx.addIssue({ code: "custom", message: `stattest ${c.stattest} does not apply to ${c.type} columns` });
  });

export const driftConfigSchema = z
  .object({
    reference: z
      .union([
        z
          .object({
            from: isoTime("reference.from"),
            to: isoTime("reference.to"),
            version: z.string().min(1).max(128).optional().describe("reference data from this version only"),
          })
          .strict()
          .refine((r) => Date.parse(r.from) < Date.parse(r.to), "reference.from must be before reference.to"),
        z
          .object({ profile: z.string().min(1).max(128).describe("an uploaded reference dataset, by name") })
          .strict(),
      ])
      .nullable()
      .optional()
      .describe(
        "pinned reference: a window or an uploaded dataset; null/absent: the first 7 days of each version",
      ),
    stattest: statTest.optional().describe("test for every column unless a column sets its own"),
    threshold: threshold.optional(),
    driftShare: z.number().gt(0).max(1).optional().describe("dataset drift when this share drifts (0.5)"),
    columns: z.record(z.string().max(256), columnOverride).optional().describe("per feature name"),
  })
  .strict();

export type DriftConfig = z.infer<typeof driftConfigSchema>;

export function parseDriftConfig(text: string | null): DriftConfig {
  if (!text) return {};
  const parsed = driftConfigSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : {};
}
