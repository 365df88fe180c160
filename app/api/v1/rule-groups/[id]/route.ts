import { markAlertGroup } from "@/lib/alerts/eval-job";
import {
  deleteRuleGroup,
  parseGroupBody,
  readRuleGroup,
  replaceRuleGroup,
  setPaused,
} from "@/lib/alerts/rule-groups";
import { contract } from "@/lib/api/contract";
import { env } from "@/lib/config/env";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.getRuleGroup, async ({ database, params }) => ({
  group: await readRuleGroup(database, params.id),
}));

export const PUT = handle(contract.replaceRuleGroup, async ({ req, database, params }) => {
  const group = await parseGroupBody(database, await readJsonBody(req, env().VIGIL_MAX_BODY_BYTES));
  await replaceRuleGroup(database, params.id, group);
  await markAlertGroup(database, params.id);
  return { group: await readRuleGroup(database, params.id) };
});

export const PATCH = handle(contract.patchRuleGroup, async ({ req, database, params }) => {
  const patch = contract.patchRuleGroup.body.parse(await readJsonBody(req, 64 * 1024));
  await setPaused(database, params.id, patch.paused);
  // Resumed: evaluate now. Paused: the job sees the flag and does nothing.
  if (!patch.paused) await markAlertGroup(database, params.id);
  return { group: await readRuleGroup(database, params.id) };
});

export const DELETE = handle(contract.deleteRuleGroup, async ({ database, params }) => {
  await deleteRuleGroup(database, params.id);
  return { ok: true as const };
});
