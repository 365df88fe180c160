// Who is calling: an API key (Authorization: Bearer …) or a logged-in dashboard user (session cookie).
import { type Permission, scopeAllows, verifyApiKey } from "../auth/api-keys";
import { roleAllows } from "../auth/roles";
import { SESSION_COOKIE, sessionUser } from "../auth/users";
import type { Database } from "../db/client";
import { HttpError } from "./errors";

export type Principal =
  | { kind: "apiKey"; id: number; name: string; scope: string }
  | { kind: "user"; id: number; username: string; role: string };

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/**
 * The key from `Bearer <key>`, or from HTTP Basic with the key as the password (any user name): clients that
 * only speak Basic auth — promtool's server URL, some Grafana setups — can then use API keys too.
 */
export function apiKeyFrom(authorization: string): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : null;
}

const lastUsedWritten = new Map<number, number>();

export async function authenticate(req: Request, database: Database): Promise<Principal> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const key = apiKeyFrom(authorization);
    if (!key)
      throw new HttpError(
        401,
        "Authorization header must be 'Bearer <API key>' (or Basic with the key as password)",
      );
    const check = await verifyApiKey(database, key);
    if (!check.ok)
      throw new HttpError(
        401,
        check.reason === "revoked"
          ? "API key has been revoked"
          : check.reason === "expired"
            ? "API key has expired"
            : "invalid API key",
      );
    // lastUsedAt is informative only: write it at most once a minute per key, not on every request.
    const now = Date.now();
    if (now - (lastUsedWritten.get(check.key.id) ?? 0) > 60_000) {
      lastUsedWritten.set(check.key.id, now);
      await database.db.apiKey.update({ where: { id: check.key.id }, data: { lastUsedAt: new Date(now) } });
    }
    return { kind: "apiKey", id: check.key.id, name: check.key.name, scope: check.key.scope };
  }
  const token = readCookie(req, SESSION_COOKIE);
  if (token) {
    const user = await sessionUser(database.db, token);
    if (user) return { kind: "user", id: user.id, username: user.username, role: user.role };
  }
  throw new HttpError(401, "authentication required: send 'Authorization: Bearer <API key>' or log in");
}

export { USER_ROLES, type UserRole } from "../auth/schemas";
export { roleAllows };

export function authorize(principal: Principal, permission: Permission, what: string): void {
  if (principal.kind === "apiKey") {
    if (!scopeAllows(principal.scope, permission))
      throw new HttpError(
        403,
        `this API key has scope '${principal.scope}'; ${what} needs '${permission}'${permission === "admin" ? "" : " or 'admin'"}`,
      );
    return;
  }
  if (roleAllows(principal.role, permission)) return;
  throw new HttpError(403, `user role '${principal.role}' may not ${what}`);
}

/**
 * CSRF defence for cookie-authenticated writes (API keys are not sent by browsers on their own, so they need
 * none): the Origin header must name this host, and a browser's Sec-Fetch-Site must not say cross-site. The
 * session cookie is also SameSite=Lax, so other sites' forms and scripts do not carry it on a POST at all.
 */
export function checkSameOrigin(req: Request, principal: Principal): void {
  if (principal.kind !== "user" || req.method === "GET" || req.method === "HEAD") return;
  if (!sameOrigin(req, { requireOrigin: true }))
    throw new HttpError(403, "cross-origin request refused: send an API key for programmatic access");
}

/**
 * For the public session routes (login, logout, invite, reset), which scripts and tests call without an
 * Origin: refuse only a request a browser marks as coming from another site.
 */
export function checkNotCrossSite(req: Request): void {
  if (!sameOrigin(req, { requireOrigin: false }))
    throw new HttpError(403, "cross-origin request refused: sign in from Vigil's own pages");
}

function sameOrigin(req: Request, { requireOrigin }: { requireOrigin: boolean }): boolean {
  if (req.headers.get("sec-fetch-site") === "cross-site") return false;
  const origin = req.headers.get("origin");
  if (!origin) return !requireOrigin;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (sandboxed frames, some redirects) or garbage
  }
}
