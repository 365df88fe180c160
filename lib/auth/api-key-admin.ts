// Creating and revoking API keys from the API, the Keys page and the CLI, each change audited with it.
import { type AuditActor, auditStatement } from "../audit/record";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { type ApiKeyListing, type ApiKeyScope, apiKeyCreateData, findApiKey, listApiKeys } from "./api-keys";

async function listing(database: Database, id: number): Promise<ApiKeyListing> {
  const found = (await listApiKeys(database.db)).find((k) => k.id === id);
  if (!found) throw new HttpError(404, `no API key with id ${id}`);
  return found;
}

export async function createApiKeyAudited(
  database: Database,
  actor: AuditActor,
  input: { name: string; scope: ApiKeyScope; expiresAt: Date | null },
): Promise<{ key: string; apiKey: ApiKeyListing }> {
  const createdById = actor && actor.kind === "user" ? actor.id : null;
  const { key, data } = apiKeyCreateData({ ...input, createdById });
  const { db } = database;
  const [row] = await db.$transaction([
    db.apiKey.create({ data, select: { id: true } }),
    auditStatement(db, actor, {
      action: "api-key.create",
      targetType: "api-key",
      targetId: data.prefix,
      summary: `created API key "${input.name}" (${input.scope}${input.expiresAt ? `, expires ${input.expiresAt.toISOString()}` : ""})`,
      details: { name: input.name, scope: input.scope, prefix: data.prefix, expiresAt: input.expiresAt },
    }),
  ]);
  return { key, apiKey: await listing(database, row.id) };
}

export async function revokeApiKeyAudited(
  database: Database,
  actor: AuditActor,
  id: number,
): Promise<ApiKeyListing> {
  const { db } = database;
  const key = await findApiKey(db, id);
  if (!key) throw new HttpError(404, `no API key with id ${id}`);
  if (key.revokedAt) throw new HttpError(409, `API key ${key.prefix}… is already revoked`);
  await db.$transaction([
    db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } }),
    auditStatement(db, actor, {
      action: "api-key.revoke",
      targetType: "api-key",
      targetId: key.prefix,
      summary: `revoked API key "${key.name}" (${key.scope})`,
      details: { name: key.name, scope: key.scope, prefix: key.prefix },
    }),
  ]);
  return listing(database, id);
}
