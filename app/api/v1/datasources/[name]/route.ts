import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { deleteDataSource } from "@/lib/datasources/store";
import { handle } from "@/lib/http/handler";

export const DELETE = handle(contract.deleteDataSource, async ({ database, params, principal }) => {
  await deleteDataSource(database, params.name);
  await recordAudit(database, principal, {
    action: "data-source.delete",
    targetType: "data-source",
    targetId: params.name,
    summary: `removed data source "${params.name}"`,
  });
  return { ok: true as const };
});
