import { renderTemplate } from "@/lib/alerts/rule-templates";
import { contract } from "@/lib/api/contract";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

export const POST = handle(contract.renderRuleTemplate, async ({ req, params }) => {
  const body = contract.renderRuleTemplate.body.parse(await readJsonBody(req, 64 * 1024));
  return { rule: renderTemplate(params.id, body.params) };
});
