// Small shapes shared by the alerting request schemas.
import { z } from "zod";

/** An ISO-8601 date or epoch milliseconds → ms. */
export const instantInput = (what: string) =>
  z
    .union([z.string(), z.number()], { error: `${what} must be an ISO-8601 date or epoch milliseconds` })
    .transform((value, ctx) => {
      const ms = typeof value === "number" || /^\d+$/.test(value) ? Number(value) : Date.parse(value);
      if (!Number.isFinite(ms)) {
        ctx.addIssue({ code: "custom", message: `${what} "${String(value).slice(0, 40)}" is not a date` });
        return z.NEVER;
      }
      return ms;
    });
