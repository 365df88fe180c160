import { contract } from "@/lib/api/contract";
import { createResetLink, linkPath } from "@/lib/auth/invites";
import { publicLink } from "@/lib/auth/links";
import { handle, json } from "@/lib/http/handler";

export const POST = handle(contract.createResetLink, async ({ req, database, principal, params }) => {
  const { token, invite } = await createResetLink(database, principal, params.id);
  const path = linkPath("reset", token);
  return json({ invite, path, url: publicLink(req, path) }, 201);
});
