import { listTemplates } from "@/lib/alerts/rule-templates";
import { contract } from "@/lib/api/contract";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.listRuleTemplates, async () => ({ templates: listTemplates() }));
