import { markAlertGroup } from "@/lib/alerts/eval-job";
import { appendRule, readRuleGroup } from "@/lib/alerts/rule-groups";
import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { readJsonBody } from "@/lib/http/body";
import { HttpError } from "@/lib/http/errors";
import { handle, json } from "@/lib/http/handler";

export const POST = handle(contract.createAlertRule, async ({ req, database, principal }) => {
  const body = await readJsonBody(req, 256 * 1024);
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new HttpError(400, "body: must be a JSON object (one rule)");
  const { row } = await appendRule(database, body as Record<string, unknown>);
  await recordAudit(database, principal, {
    action: "rule-group.update",
    targetType: "rule-group",
    targetId: row.id,
    summary: `added a rule to rule group "${row.name}"`,
  });
  await markAlertGroup(database, row.id);
  return json({ group: await readRuleGroup(database, row.id) }, 201);
});
