import { contract } from "@/lib/api/contract";
import { createInvite, linkPath, listPendingInvites } from "@/lib/auth/invites";
import { publicLink } from "@/lib/auth/links";
import { readJsonBody } from "@/lib/http/body";
import { handle, json } from "@/lib/http/handler";

export const GET = handle(contract.listInvites, async ({ database }) => ({
  invites: await listPendingInvites(database.db),
}));

export const POST = handle(contract.createInvite, async ({ req, database, principal }) => {
  const input = contract.createInvite.body.parse(await readJsonBody(req, 16 * 1024));
  const { token, invite } = await createInvite(database, principal, input);
  const path = linkPath("invite", token);
  return json({ invite, path, url: publicLink(req, path) }, 201);
});
