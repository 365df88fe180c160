// The signed-embed routes (docs/embeds.md): v1 routes to make, list, renew and revoke embeds and to set the
// framing allow-list, merged into lib/api/contract.ts's `contract`; and the token-authenticated data routes the
// embed pages call (/api/embed/*), kept apart: they take an embed token, not a session or an API key.
import { z } from "zod";
import { frameAncestorsInput } from "../embeds/frame-ancestors";
import { createEmbedBody, EMBED_THEMES, paramName, paramValue } from "../embeds/schemas";

export const embedInfo = z.object({
  id: z.string().describe("the eid claim of its tokens"),
  dashboard: z.string(),
  panel: z.string().nullable().describe("null: the whole dashboard"),
  locked: z.record(z.string(), paramValue),
  editable: z.array(z.string()),
  theme: z.enum(EMBED_THEMES),
  showTitle: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  path: z.string().describe("the embed page, without a token"),
});

const issued = {
  token: z.string().describe("HS256 JWT; valid VIGIL_EMBED_TTL_SECONDS"),
  expiresAt: z.string(),
  url: z.string().describe("the embed page with the token"),
};

const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "id must be an embed id") });
const frameAncestorsResponse = z.object({
  origins: z.array(z.string()),
  directive: z.string().describe("the frame-ancestors value embed pages are served with"),
});

const disabled = { 503: "embeds are disabled: VIGIL_EMBED_SECRET is not set" };

export const embedRoutes = {
  createEmbed: {
    method: "POST",
    path: "/api/v1/embeds",
    summary:
      "Embed a dashboard or one panel: locked parameters (the viewer cannot change them), editable ones, theme, title → a token, the embed URL, an iframe snippet and server-side signing snippets",
    permission: "edit",
    body: createEmbedBody,
    successStatus: 201,
    response: z.object({
      embed: embedInfo,
      ...issued,
      snippet: z.string().describe("<iframe …> to paste into a page"),
      signing: z.object({ node: z.string(), python: z.string() }),
    }),
    responses: {
      400: "invalid field (named): unknown panel, a parameter the dashboard does not have, locked and editable",
      404: "unknown dashboard",
      ...disabled,
    },
  },
  listEmbeds: {
    method: "GET",
    path: "/api/v1/embeds",
    summary: "Embeds, newest first, with their revoked state; ?dashboard=<uid> for one dashboard's",
    permission: "read",
    query: z.object({ dashboard: z.string().max(40).optional() }),
    response: z.object({ embeds: z.array(embedInfo), enabled: z.boolean() }),
  },
  renewEmbedToken: {
    method: "POST",
    path: "/api/v1/embeds/{id}/token",
    summary:
      "A fresh token for an embed (what a host page's server calls, with an admin API key, to answer the embed's renewal request); body {locked?} may give other values for the parameters the embed locks",
    permission: "edit",
    params: idParams,
    body: z
      .object({
        locked: z
          .record(paramName, paramValue)
          .optional()
          .describe("values for exactly the parameters the embed locks (e.g. one tenant's model)"),
      })
      .strict(),
    response: z.object(issued),
    responses: {
      400: "locked names other parameters than the embed's",
      404: "unknown embed",
      409: "revoked",
      ...disabled,
    },
  },
  revokeEmbed: {
    method: "DELETE",
    path: "/api/v1/embeds/{id}",
    summary: "Revoke an embed: every token of it is refused from now on (the row stays, listed as revoked)",
    permission: "edit",
    params: idParams,
    response: z.object({ embed: embedInfo }),
    responses: { 404: "unknown embed" },
  },
  getFrameAncestors: {
    method: "GET",
    path: "/api/v1/embeds/frame-ancestors",
    summary: "The sites allowed to frame embed pages (CSP frame-ancestors); Vigil itself always is",
    permission: "read",
    response: frameAncestorsResponse,
  },
  putFrameAncestors: {
    method: "PUT",
    path: "/api/v1/embeds/frame-ancestors",
    summary:
      "Replace the framing allow-list: origins (https://portal.example.com, http://localhost:8080) or wildcard subdomains (https://*.example.com)",
    permission: "admin",
    body: z.object({ origins: frameAncestorsInput }).strict(),
    response: frameAncestorsResponse,
    responses: { 400: "an entry that is not an origin (named by its index)" },
  },
} as const;

/** The data routes of embed pages: authenticated by the embed token alone (no cookie is read, none is set). */
export const embedDataRoutes = {
  embedQuery: {
    method: "GET",
    path: "/api/embed/query",
    summary:
      "Runs query number `target` of panel `panel` as stored, with the token's locked values and the editable parameters in the query string (Prometheus query_range JSON; instant=true: query JSON)",
    permission: null,
    responses: {
      400: "missing panel/target, a malformed parameter value",
      401: "no token",
      403: "invalid, expired or revoked token; a panel outside the token; a locked or non-editable parameter",
    },
  },
  embedBuiltin: {
    method: "GET",
    path: "/api/embed/builtin",
    summary: "The data of a built-in panel the token covers, with the token's locked values",
    permission: null,
    responses: { 401: "no token", 403: "invalid, expired or revoked token; a panel outside the token" },
  },
} as const;
