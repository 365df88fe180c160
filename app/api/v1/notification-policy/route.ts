import { markAlertDispatch } from "@/lib/alerts/dispatch-job";
import { readPolicy, savePolicy } from "@/lib/alerts/policy-store";
import { contract } from "@/lib/api/contract";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.getNotificationPolicy, async ({ database }) => readPolicy(database));

export const PUT = handle(contract.putNotificationPolicy, async ({ req, database }) => {
  const body = contract.putNotificationPolicy.body.parse(await readJsonBody(req, 256 * 1024));
  const saved = await savePolicy(database, body);
  await markAlertDispatch(database);
  return saved;
});
