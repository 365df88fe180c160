import {
  contactPointInfo,
  contactPointRow,
  deleteContactPoint,
  updateContactPoint,
} from "@/lib/alerts/contact-point-store";
import { markAlertDispatch } from "@/lib/alerts/dispatch-job";
import { policyReceivers } from "@/lib/alerts/policy-store";
import { contract } from "@/lib/api/contract";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.getContactPoint, async ({ database, params }) => ({
  contactPoint: contactPointInfo(await contactPointRow(database, params.id)),
}));

export const PUT = handle(contract.replaceContactPoint, async ({ req, database, params }) => {
  const body = contract.replaceContactPoint.body.parse(await readJsonBody(req, 64 * 1024));
  const row = await updateContactPoint(database, params.id, body, await policyReceivers(database));
  await markAlertDispatch(database);
  return { contactPoint: contactPointInfo(row) };
});

export const DELETE = handle(contract.deleteContactPoint, async ({ database, params }) => {
  await deleteContactPoint(database, params.id, await policyReceivers(database));
  await markAlertDispatch(database);
  return { ok: true as const };
});
