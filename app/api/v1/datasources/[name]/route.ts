import { contract } from "@/lib/api/contract";
import { deleteDataSource } from "@/lib/datasources/store";
import { handle } from "@/lib/http/handler";

export const DELETE = handle(contract.deleteDataSource, async ({ database, params }) => {
  await deleteDataSource(database, params.name);
  return { ok: true as const };
});
