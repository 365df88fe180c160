import { markAlertGroup } from "@/lib/alerts/eval-job";
import {
  deleteRuleGroup,
  parseGroupBody,
  readRuleGroup,
  replaceRuleGroup,
  setPaused,
} from "@/lib/alerts/rule-groups";
import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/config/env";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.getRuleGroup, async ({ database, params }) => ({
  group: await readRuleGroup(database, params.id),
}));

export const PUT = handle(contract.replaceRuleGroup, async ({ req, database, params, principal }) => {
  const group = await parseGroupBody(database, await readJsonBody(req, env().VIGIL_MAX_BODY_BYTES));
  await replaceRuleGroup(database, params.id, group);
  await recordAudit(database, principal, {
    action: "rule-group.update",
    targetType: "rule-group",
    targetId: params.id,
    summary: `replaced rule group "${group.name}" (${group.rules.length} rules)`,
  });
  await markAlertGroup(database, params.id);
  return { group: await readRuleGroup(database, params.id) };
});

export const PATCH = handle(contract.patchRuleGroup, async ({ req, database, params, principal }) => {
  const patch = contract.patchRuleGroup.body.parse(await readJsonBody(req, 64 * 1024));
  const row = await setPaused(database, params.id, patch.paused);
  await recordAudit(database, principal, {
    action: patch.paused ? "rule-group.pause" : "rule-group.resume",
    targetType: "rule-group",
    targetId: params.id,
    summary: `${patch.paused ? "paused" : "resumed"} rule group "${row.name}"`,
  });
  // Resumed: evaluate now. Paused: the job sees the flag and does nothing.
  if (!patch.paused) await markAlertGroup(database, params.id);
  return { group: await readRuleGroup(database, params.id) };
});

export const DELETE = handle(contract.deleteRuleGroup, async ({ database, params, principal }) => {
  await deleteRuleGroup(database, params.id);
  await recordAudit(database, principal, {
    action: "rule-group.delete",
    targetType: "rule-group",
    targetId: params.id,
    summary: `deleted rule group ${params.id}`,
  });
  return { ok: true as const };
});
