import { currentAlerts } from "@/lib/alerts/reads";
import { contract } from "@/lib/api/contract";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.listAlerts, async ({ database, query }) => ({
  alerts: await currentAlerts(database, query),
}));
