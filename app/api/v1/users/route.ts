import { contract } from "@/lib/api/contract";
import { listUsers } from "@/lib/auth/user-admin";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.listUsers, async ({ database }) => ({
  users: await listUsers(database.db),
}));
