import { contactPointRow } from "@/lib/alerts/contact-point-store";
import { deliver, recordOutcome } from "@/lib/alerts/contact-points";
import { testNotification } from "@/lib/alerts/test-notification";
import { contract } from "@/lib/api/contract";
import { handle } from "@/lib/http/handler";

export const POST = handle(contract.testContactPoint, async ({ database, params }) => {
  const row = await contactPointRow(database, params.id);
  const test = testNotification(row.name);
  const outcome = await deliver(database, row, test.notification, {
    notificationId: test.id,
    panelURL: test.panelURL,
  });
  await recordOutcome(database, row.id, outcome);
  return { outcome: { kind: outcome.kind, detail: outcome.detail } };
});
