import { alertHistory } from "@/lib/alerts/reads";
import { contract } from "@/lib/api/contract";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.alertHistory, async ({ database, query }) =>
  alertHistory(database, query),
);
