// API keys: random secrets shown once, stored only as SHA-256 hashes, each with one scope and an optional expiry.
import { createHash, randomBytes } from "node:crypto";
import type { Database, Db } from "../db/client";

export const API_KEY_SCOPES = ["ingest", "read", "admin"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
/**
 * What a route needs. `edit`: change rules, silences, experiments, shadows, dashboards — editors and admins;
 * API keys have no edit scope, an admin key covers it.
 */
export type Permission = "ingest" | "read" | "edit" | "admin";

const KEY_PREFIX = "vgl_";
/** Characters of the key kept in clear for listings: "vgl_" and six random ones. */
const SHOWN_PREFIX = 10;

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
  expiresAt: Date | null;
  createdById: number | null;
}

const infoSelect = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  expiresAt: true,
  createdById: true,
} as const;

export interface NewApiKey {
  name: string;
  scope: ApiKeyScope;
  /** a key chosen by the operator (bootstrap); default a new random one */
  key?: string;
  expiresAt?: Date | null;
  createdById?: number | null;
}

/** The create statement, so a caller can put it in one transaction with its audit event. */
export function apiKeyCreateData(input: NewApiKey): {
  key: string;
  data: Parameters<Db["apiKey"]["create"]>[0]["data"];
} {
  const key = input.key ?? generateApiKey();
  return {
    key,
    data: {
      name: input.name,
      scope: input.scope,
      prefix: key.slice(0, SHOWN_PREFIX),
      hash: hashApiKey(key),
      expiresAt: input.expiresAt ?? null,
      createdById: input.createdById ?? null,
    },
  };
}

export async function createApiKey(db: Db, input: NewApiKey): Promise<{ key: string; info: ApiKeyInfo }> {
  const { key, data } = apiKeyCreateData(input);
  const info = await db.apiKey.create({ data, select: infoSelect });
  return { key, info };
}

export type ApiKeyCheck =
  | { ok: true; key: ApiKeyInfo }
  | { ok: false; reason: "unknown" | "revoked" | "expired" };

/** Checked on every API request, so it is one indexed raw lookup rather than a Prisma query. */
export async function verifyApiKey(database: Database, key: string, now = Date.now()): Promise<ApiKeyCheck> {
  const [found] = await database.raw.query<{
    id: number;
    name: string;
    prefix: string;
    scope: string;
    createdAt: unknown;
    lastUsedAt: unknown;
    revokedAt: unknown;
    expiresAt: unknown;
    createdById: number | null;
  }>(
    `SELECT "id","name","prefix","scope","createdAt","lastUsedAt","revokedAt","expiresAt","createdById"
       FROM "ApiKey" WHERE "hash" = ?`,
    [hashApiKey(key)],
  );
  if (!found) return { ok: false, reason: "unknown" };
  if (found.revokedAt !== null) return { ok: false, reason: "revoked" };
  const time = (v: unknown) => (v === null ? null : new Date(database.raw.readTime(v)));
  const expiresAt = time(found.expiresAt);
  if (expiresAt && expiresAt.getTime() <= now) return { ok: false, reason: "expired" };
  return {
    ok: true,
    key: {
      ...found,
      id: Number(found.id),
      createdById: found.createdById === null ? null : Number(found.createdById),
      createdAt: time(found.createdAt)!,
      lastUsedAt: time(found.lastUsedAt),
      revokedAt: null,
      expiresAt,
    },
  };
}

export interface ApiKeyListing extends ApiKeyInfo {
  /** username of the creator; null for keys made by the CLI or the bootstrap setting */
  createdBy: string | null;
}

export async function listApiKeys(db: Db): Promise<ApiKeyListing[]> {
  const keys = await db.apiKey.findMany({ select: infoSelect, orderBy: { id: "asc" } });
  const creatorIds = [...new Set(keys.map((k) => k.createdById).filter((id): id is number => id !== null))];
  const creators = creatorIds.length
    ? await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, username: true } })
    : [];
  const names = new Map(creators.map((u) => [u.id, u.username]));
  return keys.map((k) => ({
    ...k,
    createdBy: k.createdById === null ? null : (names.get(k.createdById) ?? null),
  }));
}

export function findApiKey(db: Db, id: number): Promise<ApiKeyInfo | null> {
  return db.apiKey.findUnique({ where: { id }, select: infoSelect });
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
  if (existing) return;
  try {
    await createApiKey(db, { name: "bootstrap", scope: "admin", key });
  } catch (error) {
    // Replicas starting together race to create it: the one that lost finds it created.
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
}
