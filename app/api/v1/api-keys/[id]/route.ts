import { contract } from "@/lib/api/contract";
import { revokeApiKeyAudited } from "@/lib/auth/api-key-admin";
import { handle } from "@/lib/http/handler";

export const DELETE = handle(contract.revokeApiKey, async ({ database, principal, params }) => ({
  apiKey: await revokeApiKeyAudited(database, principal, params.id),
}));
