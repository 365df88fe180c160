import {
  contactPointInfo,
  contactPointRow,
  deleteContactPoint,
  updateContactPoint,
} from "@/lib/alerts/contact-point-store";
import { markAlertDispatch } from "@/lib/alerts/dispatch-job";
import { policyReceivers } from "@/lib/alerts/policy-store";
import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.getContactPoint, async ({ database, params }) => ({
  contactPoint: contactPointInfo(await contactPointRow(database, params.id)),
}));

export const PUT = handle(contract.replaceContactPoint, async ({ req, database, params, principal }) => {
  const body = contract.replaceContactPoint.body.parse(await readJsonBody(req, 64 * 1024));
  const row = await updateContactPoint(database, params.id, body, await policyReceivers(database));
  await recordAudit(database, principal, {
    action: "contact-point.update",
    targetType: "contact-point",
    targetId: row.id,
    summary: `changed contact point "${row.name}" (${row.kind})`,
  });
  await markAlertDispatch(database);
  return { contactPoint: contactPointInfo(row) };
});

export const DELETE = handle(contract.deleteContactPoint, async ({ database, params, principal }) => {
  await deleteContactPoint(database, params.id, await policyReceivers(database));
  await recordAudit(database, principal, {
    action: "contact-point.delete",
    targetType: "contact-point",
    targetId: params.id,
    summary: `deleted contact point ${params.id}`,
  });
  await markAlertDispatch(database);
  return { ok: true as const };
});
