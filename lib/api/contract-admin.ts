// The administration routes: users, invites, API keys and the audit log (docs/security.md), merged into
// lib/api/contract.ts's `contract`. All need the admin role or an admin-scope key.
import { z } from "zod";
import { API_KEY_SCOPES } from "../auth/api-keys";
import { apiKeyInput, inviteInput, USER_ROLES, userPatch } from "../auth/schemas";

const idParams = (what: string) =>
  z.object({
    id: z.coerce
      .number({ error: `id: a ${what} id (integer)` })
      .int(`id: a ${what} id (integer)`)
      .positive(`id: a ${what} id (integer)`),
  });

export const userIdParams = idParams("user");
export const inviteIdParams = idParams("invite");
export const apiKeyIdParams = idParams("API key");

const time = z.string().describe("ISO-8601");
const userInfo = z.object({
  id: z.number().int(),
  username: z.string(),
  role: z.enum(USER_ROLES),
  createdAt: time,
  lastLoginAt: time.nullable(),
  disabledAt: time.nullable(),
});

const inviteInfo = z.object({
  id: z.number().int(),
  kind: z.enum(["invite", "reset"]),
  role: z.enum(USER_ROLES),
  userId: z.number().int().nullable(),
  username: z.string().nullable().describe("reset links: the user whose password it sets"),
  createdBy: z.string().nullable(),
  createdAt: time,
  expiresAt: time,
  usedAt: time.nullable(),
  revokedAt: time.nullable(),
  state: z.enum(["pending", "used", "expired", "revoked"]),
});

const link = {
  path: z.string().describe("/invite/<token> or /reset/<token>"),
  url: z.string().describe("the full link to send; shown once, only its hash is stored"),
};

const apiKeyInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe("the key's first characters, to recognise it"),
  scope: z.enum(API_KEY_SCOPES),
  createdAt: time,
  lastUsedAt: time.nullable().describe("updated at most once a minute"),
  expiresAt: time.nullable(),
  revokedAt: time.nullable(),
  createdBy: z.string().nullable().describe("null: the CLI or VIGIL_BOOTSTRAP_API_KEY"),
});

/** ISO-8601 or epoch milliseconds → Date. */
const instant = (name: string) =>
  z
    .string()
    .transform((value, ctx) => {
      const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
      if (!Number.isFinite(ms)) {
        ctx.addIssue({
          code: "custom",
          message: `${name}: "${value.slice(0, 40)}" is not ISO-8601 or epoch ms`,
        });
        return z.NEVER;
      }
      return new Date(ms);
    })
    .optional();

export const auditQuery = z.object({
  from: instant("from"),
  to: instant("to"),
  actor: z.string().max(200).optional().describe("username or key name, or cli / system"),
  targetType: z.string().max(64).optional().describe("e.g. rule-group, api-key, user"),
  limit: z.coerce
    .number({ error: "limit must be 1–500" })
    .int("limit must be 1–500")
    .min(1, "limit must be 1–500")
    .max(500, "limit must be 1–500")
    .default(50),
  cursor: z.coerce
    .number({ error: "cursor: the nextCursor of the previous page" })
    .int("cursor: the nextCursor of the previous page")
    .positive("cursor: the nextCursor of the previous page")
    .optional(),
});

const auditEvent = z.object({
  id: z.number().int(),
  at: time,
  actorKind: z.enum(["user", "apiKey", "cli", "system"]),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  summary: z.string(),
  details: z.unknown().describe("what changed, as JSON; secrets are never stored"),
});

export const adminRoutes = {
  listUsers: {
    method: "GET",
    path: "/api/v1/users",
    summary: "Dashboard users with role, last login and whether disabled",
    permission: "admin",
    response: z.object({ users: z.array(userInfo) }),
  },
  patchUser: {
    method: "PATCH",
    path: "/api/v1/users/{id}",
    summary: "Change a user's role, or disable / enable them (disabling ends their sessions)",
    permission: "admin",
    params: userIdParams,
    body: userPatch,
    response: z.object({ user: userInfo }),
    responses: {
      400: "invalid field (named)",
      404: "unknown user",
      409: "it would leave no enabled admin, or disables yourself",
    },
  },
  deleteUser: {
    method: "DELETE",
    path: "/api/v1/users/{id}",
    summary: "Delete a user (their sessions and unused links go too)",
    permission: "admin",
    params: userIdParams,
    response: z.object({ ok: z.literal(true) }),
    responses: { 404: "unknown user", 409: "yourself, or the last enabled admin" },
  },
  createResetLink: {
    method: "POST",
    path: "/api/v1/users/{id}/reset-link",
    summary:
      "A password reset link for the user, valid one day (earlier unused ones stop working); using it ends their sessions",
    permission: "admin",
    params: userIdParams,
    successStatus: 201,
    response: z.object({ invite: inviteInfo, ...link }),
    responses: { 404: "unknown user", 409: "the user is disabled" },
  },
  listInvites: {
    method: "GET",
    path: "/api/v1/invites",
    summary: "Invite and reset links that can still be used (never the links themselves)",
    permission: "admin",
    response: z.object({ invites: z.array(inviteInfo) }),
  },
  createInvite: {
    method: "POST",
    path: "/api/v1/invites",
    summary:
      "Invite someone by link: whoever opens it chooses a username and password and gets the role (default expiry 7 days)",
    permission: "admin",
    body: inviteInput,
    successStatus: 201,
    response: z.object({ invite: inviteInfo, ...link }),
    responses: { 400: "invalid role or expiresInDays (1–90)" },
  },
  revokeInvite: {
    method: "DELETE",
    path: "/api/v1/invites/{id}",
    summary: "Revoke an unused invite or reset link",
    permission: "admin",
    params: inviteIdParams,
    response: z.object({ invite: inviteInfo }),
    responses: { 404: "unknown invite", 409: "already used, expired or revoked" },
  },
  listApiKeys: {
    method: "GET",
    path: "/api/v1/api-keys",
    summary: "API keys: prefix, scope, creator, last use, expiry, revocation (never the key)",
    permission: "admin",
    response: z.object({ apiKeys: z.array(apiKeyInfo) }),
  },
  createApiKey: {
    method: "POST",
    path: "/api/v1/api-keys",
    summary:
      "Create an API key with a scope (ingest, read, admin) and an optional expiry (expiresAt or expiresInDays); the key is in this response only",
    permission: "admin",
    body: apiKeyInput,
    successStatus: 201,
    response: z.object({
      apiKey: apiKeyInfo,
      key: z.string().describe("shown once; only its SHA-256 is stored"),
    }),
    responses: { 400: "invalid field (named), or an expiry in the past" },
  },
  revokeApiKey: {
    method: "DELETE",
    path: "/api/v1/api-keys/{id}",
    summary: "Revoke an API key: requests with it get 401 from now on",
    permission: "admin",
    params: apiKeyIdParams,
    response: z.object({ apiKey: apiKeyInfo }),
    responses: { 404: "unknown API key", 409: "already revoked" },
  },
  listAudit: {
    method: "GET",
    path: "/api/v1/audit",
    summary:
      "The audit log, newest first: every change to rules, silences, channels, policies, keys, users, data sources, scrape targets, serving endpoints, retention, shadows, experiments, dashboards and embeds",
    permission: "admin",
    query: auditQuery,
    response: z.object({ events: z.array(auditEvent), nextCursor: z.string().nullable() }),
    responses: { 400: "invalid from, to, limit or cursor" },
  },
} as const;
