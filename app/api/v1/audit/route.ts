import { contract } from "@/lib/api/contract";
import { listAuditEvents } from "@/lib/audit/query";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.listAudit, async ({ database, query }) =>
  listAuditEvents(database, query),
);
