// Query-string schemas shared by read routes: time ranges as ISO-8601 or epoch ms, with clear errors.
import { z } from "zod";
import { STAT_TESTS } from "../drift/stattest-names";

const instant = (name: string) =>
  z
    .string()
    .transform((value, ctx) => {
      const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
      if (!Number.isFinite(ms) || !/^\d+$|^\d{4}-\d{2}-\d{2}/.test(value)) {
        ctx.addIssue({
          code: "custom",
          message: `${name} "${value.slice(0, 40)}" is not an ISO-8601 date or epoch milliseconds`,
        });
        return z.NEVER;
      }
      return ms;
    })
    .optional();

/** from/to with defaults (last 24 hours) and the check that from is before to. */
export const timeRange = z.object({ from: instant("from"), to: instant("to") }).transform((r, ctx) => {
  const to = r.to ?? Date.now();
  const from = r.from ?? to - 86_400_000;
  if (from >= to) {
    ctx.addIssue({ code: "custom", message: "from must be before to" });
    return z.NEVER;
  }
  return { from, to };
});

export const qualityQuery = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    version: z.string().max(128).optional(),
    window: z.enum(["1h", "1d", "all"], { error: "window must be one of 1h, 1d, all" }).default("1h"),
  })
  .transform((q, ctx) => {
    const range = timeRange.safeParse({ from: q.from, to: q.to });
    if (!range.success) {
      for (const issue of range.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    }
    return { ...range.data, version: q.version, window: q.window };
  });

export const modelParams = z.object({ model: z.string().min(1).max(128) });

/** GET …/drift: current range (default last 24 h), optional explicit reference range, version and test. */
export const driftQuery = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    referenceFrom: z.string().optional(),
    referenceTo: z.string().optional(),
    version: z.string().max(128).optional(),
    stattest: z.enum(STAT_TESTS, { error: `stattest must be one of ${STAT_TESTS.join(", ")}` }).optional(),
  })
  .transform((q, ctx) => {
    const range = timeRange.safeParse({ from: q.from, to: q.to });
    const reference = z
      .object({ referenceFrom: instant("referenceFrom"), referenceTo: instant("referenceTo") })
      .safeParse({ referenceFrom: q.referenceFrom, referenceTo: q.referenceTo });
    for (const r of [range, reference])
      if (!r.success)
        for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    if (!range.success || !reference.success) return z.NEVER;
    return { ...range.data, ...reference.data, version: q.version, stattest: q.stattest };
  });

export const distributionQuery = z
  .object({ feature: z.string({ error: "feature is required" }).min(1, "feature is required").max(256) })
  .and(driftQuery);
