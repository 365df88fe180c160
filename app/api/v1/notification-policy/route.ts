import { markAlertDispatch } from "@/lib/alerts/dispatch-job";
import { readPolicy, savePolicy } from "@/lib/alerts/policy-store";
import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.getNotificationPolicy, async ({ database }) => readPolicy(database));

export const PUT = handle(contract.putNotificationPolicy, async ({ req, database, principal }) => {
  const body = contract.putNotificationPolicy.body.parse(await readJsonBody(req, 256 * 1024));
  const saved = await savePolicy(database, body);
  await recordAudit(database, principal, {
    action: "notification-policy.update",
    targetType: "notification-policy",
    summary: "replaced the notification policy",
  });
  await markAlertDispatch(database);
  return saved;
});
