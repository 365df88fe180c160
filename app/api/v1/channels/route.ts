import { contactPointInfo, createContactPoint, listContactPoints } from "@/lib/alerts/contact-point-store";
import { markAlertDispatch } from "@/lib/alerts/dispatch-job";
import { contract } from "@/lib/api/contract";
import { readJsonBody } from "@/lib/http/body";
import { handle, json } from "@/lib/http/handler";

export const GET = handle(contract.listContactPoints, async ({ database }) => ({
  contactPoints: (await listContactPoints(database)).map(contactPointInfo),
}));

export const POST = handle(contract.createContactPoint, async ({ req, database }) => {
  const body = contract.createContactPoint.body.parse(await readJsonBody(req, 64 * 1024));
  const row = await createContactPoint(database, body);
  // The first contact point makes the default policy deliverable.
  await markAlertDispatch(database);
  return json({ contactPoint: contactPointInfo(row) }, 201);
});
