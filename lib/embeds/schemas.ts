// The shapes of embeds: token claims and request bodies (zod only: the share dialog and the embed page import
// them too, without jose or the database).
import { z } from "zod";
import { UID } from "../dashboards/schema";

export const EMBED_THEMES = ["light", "dark", "transparent"] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];

/** A parameter name: a dashboard variable, or `from` / `to` for the time range. */
export const paramName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "a parameter name is a letter or _ then letters, digits or _");
/** One value, or several for a multi-value variable. */
export const paramValue = z.union([z.string().max(500), z.array(z.string().max(500)).max(100)]);
export type ParamValue = z.infer<typeof paramValue>;

export const embedResource = z.object({
  dashboard: z.string().min(1).max(200),
  panel: z.string().min(1).max(200).optional(),
});
export type EmbedResource = z.infer<typeof embedResource>;

/** What a token says, without the times (the signer adds iat and exp). */
export const embedGrant = z.object({
  eid: z.string().min(1).max(100),
  res: embedResource,
  locked: z.record(paramName, paramValue),
  editable: z.array(paramName).max(50),
  theme: z.enum(EMBED_THEMES),
  title: z.boolean(),
});
export type EmbedGrant = z.infer<typeof embedGrant>;

export const createEmbedBody = z
  .object({
    dashboard: z.string().regex(UID, "dashboard must be a dashboard uid"),
    panel: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "panel must be a panel id")
      .optional()
      .describe("absent: the whole dashboard"),
    locked: z
      .record(paramName, paramValue)
      .default({})
      .describe("parameter → value the viewer cannot change"),
    editable: z.array(paramName).max(50).default([]).describe("parameters the viewer may change"),
    theme: z.enum(EMBED_THEMES, { error: "theme must be light, dark or transparent" }).default("light"),
    showTitle: z.boolean().default(true),
  })
  .strict();
export type CreateEmbedBody = z.infer<typeof createEmbedBody>;
