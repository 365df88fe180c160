import { notificationLog } from "@/lib/alerts/reads";
import { contract } from "@/lib/api/contract";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.notificationLog, async ({ database, query }) =>
  notificationLog(database, query),
);
