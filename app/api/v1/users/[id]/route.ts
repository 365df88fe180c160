import { contract } from "@/lib/api/contract";
import { changeUser, deleteUser } from "@/lib/auth/user-admin";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

export const PATCH = handle(contract.patchUser, async ({ req, database, principal, params }) => {
  const patch = contract.patchUser.body.parse(await readJsonBody(req, 16 * 1024));
  return { user: await changeUser(database, principal, params.id, patch) };
});

export const DELETE = handle(contract.deleteUser, async ({ database, principal, params }) => {
  await deleteUser(database, principal, params.id);
  return { ok: true as const };
});
