import { contract } from "@/lib/api/contract";
import { revokeInvite } from "@/lib/auth/invites";
import { handle } from "@/lib/http/handler";

export const DELETE = handle(contract.revokeInvite, async ({ database, principal, params }) => ({
  invite: await revokeInvite(database, principal, params.id),
}));
