import { markAlertGroup } from "@/lib/alerts/eval-job";
import { createRuleGroup, listRuleGroups, parseGroupBody, readRuleGroup } from "@/lib/alerts/rule-groups";
import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/config/env";
import { readJsonBody } from "@/lib/http/body";
import { handle, json } from "@/lib/http/handler";

export const GET = handle(contract.listRuleGroups, async ({ database }) => ({
  groups: await listRuleGroups(database),
}));

export const POST = handle(contract.createRuleGroup, async ({ req, database, principal }) => {
  const group = await parseGroupBody(database, await readJsonBody(req, env().VIGIL_MAX_BODY_BYTES));
  const row = await createRuleGroup(database, group);
  await recordAudit(database, principal, {
    action: "rule-group.create",
    targetType: "rule-group",
    targetId: row.id,
    summary: `created rule group "${row.name}"`,
  });
  await markAlertGroup(database, row.id);
  return json({ group: await readRuleGroup(database, row.id) }, 201);
});
