// Body and response of POST/GET /api/v1/shadows/{id}/backfill, for the route contract. Zod only.
import { z } from "zod";

const instant = (name: string) =>
  z
    .union([z.number(), z.string()], { error: `${name} is required (ISO-8601 or epoch milliseconds)` })
    .transform((value, ctx) => {
      const ms = typeof value === "number" ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
      if (!Number.isFinite(ms) || (typeof value === "string" && !/^\d+$|^\d{4}-\d{2}-\d{2}/.test(value))) {
        ctx.addIssue({
          code: "custom",
          message: `${name} ${JSON.stringify(value).slice(0, 40)} is not an ISO-8601 date or epoch milliseconds`,
        });
        return z.NEVER;
      }
      return ms;
    });

export const backfillBody = z
  .object({ from: instant("from"), to: instant("to") })
  .strict()
  .refine((b) => b.from < b.to, "from must be before to");

export const backfillInfo = z.object({
  from: z.string().nullable().describe("ISO-8601, inclusive"),
  to: z.string().nullable().describe("ISO-8601, exclusive"),
  state: z.enum(["running", "done", "failed"]).nullable(),
  total: z.number().int().describe("predictions in the range the shadow had not answered when it started"),
  done: z.number().int(),
  progress: z.number().nullable().describe("done / total (1 when total is 0 and the state is done)"),
});
export type BackfillInfo = z.infer<typeof backfillInfo>;
