// Credentials for each principal of the authorization matrix, against a test database: a user per role
// (session cookie plus the headers a browser sends on a same-origin request) and an API key per scope.
import { randomBytes } from "node:crypto";
import { createApiKey } from "@/lib/auth/api-keys";
import { hashPassword } from "@/lib/auth/passwords";
import type { UserRole } from "@/lib/auth/schemas";
import { createSession, SESSION_COOKIE } from "@/lib/auth/users";
import type { Database } from "@/lib/db/client";
import { signEmbedToken } from "@/lib/embeds/token";
import type { ApiPrincipal } from "./matrix";

export interface Credentials {
  headers: Record<string, string>;
  /** added to the URL's query string (the embed token) */
  query: Record<string, string>;
}

/** What a browser sends with a same-origin fetch from Vigil's pages (tests call http://localhost…). */
export const SAME_ORIGIN = { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin" };

export async function createUserWithRole(
  database: Database,
  role: UserRole,
  username = `${role}-${randomBytes(4).toString("hex")}`,
  password = "correct-horse-battery-staple",
) {
  return database.db.user.create({ data: { username, role, passwordHash: await hashPassword(password) } });
}

/** A fresh session for the user: each call gets its own, so a request that logs out spoils nothing else. */
export async function sessionCookie(database: Database, userId: number): Promise<string> {
  const { token } = await createSession(database.db, userId, 1);
  return `${SESSION_COOKIE}=${token}`;
}

/**
 * Sets up one user per role and one key per scope, and returns how to dress a request as each principal.
 * The embed principal carries a real embed token (an embed of a dashboard made here, signed with
 * VIGIL_EMBED_SECRET) in ?token=: it opens the embed data routes and nothing else.
 */
export async function matrixPrincipals(
  database: Database,
): Promise<(p: ApiPrincipal) => Promise<Credentials>> {
  const users = {
    viewer: await createUserWithRole(database, "viewer", "matrix-viewer"),
    editor: await createUserWithRole(database, "editor", "matrix-editor"),
    admin: await createUserWithRole(database, "admin", "matrix-admin"),
  };
  const keys = {
    ingest: (await createApiKey(database.db, { name: "matrix-ingest", scope: "ingest" })).key,
    read: (await createApiKey(database.db, { name: "matrix-read", scope: "read" })).key,
    admin: (await createApiKey(database.db, { name: "matrix-admin", scope: "admin" })).key,
  };
  const embedToken = await matrixEmbedToken(database);
  return async (principal): Promise<Credentials> => {
    switch (principal) {
      case "anonymous":
        return { headers: {}, query: {} };
      case "viewer":
      case "editor":
      case "admin":
        return {
          headers: { cookie: await sessionCookie(database, users[principal].id), ...SAME_ORIGIN },
          query: {},
        };
      case "key:ingest":
      case "key:read":
      case "key:admin":
        return {
          headers: { authorization: `Bearer ${keys[principal.slice(4) as keyof typeof keys]}` },
          query: {},
        };
      case "embed":
        return { headers: {}, query: { token: embedToken } };
    }
  };
}

/** A signed token of an embed of an empty dashboard (H7); without VIGIL_EMBED_SECRET, a token nobody signed. */
async function matrixEmbedToken(database: Database): Promise<string> {
  const secret = process.env.VIGIL_EMBED_SECRET;
  if (!secret) return `eyJhbGciOiJIUzI1NiJ9.${Buffer.from('{"eid":"none"}').toString("base64url")}.x`;
  const definition = { panels: [], variables: [], time: { from: "now-1h", to: "now" }, refresh: "off" };
  await database.db.dashboard.create({
    data: { uid: "matrix-embed", title: "Matrix embed", definition: JSON.stringify(definition) },
  });
  await database.db.embed.create({ data: { id: "matrix-embed", dashboardUid: "matrix-embed" } });
  const grant = {
    eid: "matrix-embed",
    res: { dashboard: "matrix-embed" },
    locked: {},
    editable: [],
    title: true,
  };
  return signEmbedToken({ ...grant, theme: "light" }, secret, 600);
}
