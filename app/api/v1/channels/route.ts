import { contactPointInfo, createContactPoint, listContactPoints } from "@/lib/alerts/contact-point-store";
import { markAlertDispatch } from "@/lib/alerts/dispatch-job";
import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { readJsonBody } from "@/lib/http/body";
import { handle, json } from "@/lib/http/handler";

export const GET = handle(contract.listContactPoints, async ({ database }) => ({
  contactPoints: (await listContactPoints(database)).map(contactPointInfo),
}));

export const POST = handle(contract.createContactPoint, async ({ req, database, principal }) => {
  const body = contract.createContactPoint.body.parse(await readJsonBody(req, 64 * 1024));
  const row = await createContactPoint(database, body);
  await recordAudit(database, principal, {
    action: "contact-point.create",
    targetType: "contact-point",
    targetId: row.id,
    summary: `created contact point "${row.name}" (${row.kind})`,
  });
  // The first contact point makes the default policy deliverable.
  await markAlertDispatch(database);
  return json({ contactPoint: contactPointInfo(row) }, 201);
});
