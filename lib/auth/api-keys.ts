// API keys: random secrets shown once, stored only as SHA-256 hashes, each with one scope.
import { createHash, randomBytes } from "node:crypto";
import type { Database, Db } from "../db/client";

export const API_KEY_SCOPES = ["ingest", "read", "admin"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
/** What a route needs: sending data, reading it, or changing settings. */
/**
 * What a route needs. `edit`: change rules, silences, experiments, shadows, dashboards — editors and admins;
 * API keys have no edit scope, an admin key covers it.
 */
export type Permission = "ingest" | "read" | "edit" | "admin";

const KEY_PREFIX = "vgl_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(24).toString("base64url");
}

/** Whether a key of `scope` may do what needs `permission`: admin may do all; ingest and read only their own. */
export function scopeAllows(scope: string, permission: Permission): boolean {
  return scope === "admin" || scope === permission;
}

export interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  scope: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const infoSelect = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export async function createApiKey(
  db: Db,
  input: { name: string; scope: ApiKeyScope; key?: string },
): Promise<{ key: string; info: ApiKeyInfo }> {
  const key = input.key ?? generateApiKey();
  const info = await db.apiKey.create({
    data: { name: input.name, scope: input.scope, prefix: key.slice(0, 10), hash: hashApiKey(key) },
    select: infoSelect,
  });
  return { key, info };
}

export type ApiKeyCheck = { ok: true; key: ApiKeyInfo } | { ok: false; reason: "unknown" | "revoked" };

/** Checked on every API request, so it is one indexed raw lookup rather than a Prisma query. */
export async function verifyApiKey(database: Database, key: string): Promise<ApiKeyCheck> {
  const [found] = await database.raw.query<{
    id: number;
    name: string;
    prefix: string;
    scope: string;
    createdAt: unknown;
    lastUsedAt: unknown;
    revokedAt: unknown;
  }>(
    `SELECT "id","name","prefix","scope","createdAt","lastUsedAt","revokedAt" FROM "ApiKey" WHERE "hash" = ?`,
    [hashApiKey(key)],
  );
  if (!found) return { ok: false, reason: "unknown" };
  if (found.revokedAt !== null) return { ok: false, reason: "revoked" };
  const time = (v: unknown) => (v === null ? null : new Date(database.raw.readTime(v)));
  return {
    ok: true,
    key: {
      ...found,
      id: Number(found.id),
      createdAt: time(found.createdAt)!,
      lastUsedAt: time(found.lastUsedAt),
      revokedAt: null,
    },
  };
}

export function listApiKeys(db: Db): Promise<ApiKeyInfo[]> {
  return db.apiKey.findMany({ select: infoSelect, orderBy: { id: "asc" } });
}

/** Revokes by numeric id or by the prefix shown in listings. Returns how many keys were revoked. */
export async function revokeApiKey(db: Db, idOrPrefix: string): Promise<number> {
  const where = /^\d+$/.test(idOrPrefix) ? { id: Number(idOrPrefix) } : { prefix: idOrPrefix };
  const res = await db.apiKey.updateMany({
    where: { ...where, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return res.count;
}

/** Makes sure a key given by the operator (VIGIL_BOOTSTRAP_API_KEY) exists with admin scope. */
export async function ensureBootstrapApiKey(db: Db, key: string): Promise<void> {
  const existing = await db.apiKey.findUnique({ where: { hash: hashApiKey(key) } });
  if (!existing) await createApiKey(db, { name: "bootstrap", scope: "admin", key });
}
