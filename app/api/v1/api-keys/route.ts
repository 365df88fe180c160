import { contract } from "@/lib/api/contract";
import { createApiKeyAudited } from "@/lib/auth/api-key-admin";
import { listApiKeys } from "@/lib/auth/api-keys";
import { apiKeyExpiry } from "@/lib/auth/schemas";
import { readJsonBody } from "@/lib/http/body";
import { HttpError } from "@/lib/http/errors";
import { handle, json } from "@/lib/http/handler";

export const GET = handle(contract.listApiKeys, async ({ database }) => ({
  apiKeys: await listApiKeys(database.db),
}));

export const POST = handle(contract.createApiKey, async ({ req, database, principal }) => {
  const input = contract.createApiKey.body.parse(await readJsonBody(req, 16 * 1024));
  const expiry = apiKeyExpiry(input);
  if ("error" in expiry) throw new HttpError(400, expiry.error);
  const created = await createApiKeyAudited(database, principal, { ...input, expiresAt: expiry.expiresAt });
  return json(created, 201);
});
