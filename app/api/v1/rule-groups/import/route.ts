import { importRuleFile } from "@/lib/alerts/rule-import";
import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/config/env";
import { readBytes } from "@/lib/http/body";
import { HttpError } from "@/lib/http/errors";
import { handle } from "@/lib/http/handler";

const YAML_TYPES = /^(application\/(x-)?yaml|text\/(x-)?yaml|text\/plain)\b/i;

export const POST = handle(contract.importRuleGroups, async ({ req, database, query, principal }) => {
  const type = req.headers.get("content-type") ?? "";
  if (!YAML_TYPES.test(type))
    throw new HttpError(
      415,
      `content-type must be application/yaml or text/yaml (got "${type.slice(0, 60) || "none"}")`,
    );
  const text = Buffer.from(await readBytes(req, env().VIGIL_MAX_BODY_BYTES)).toString("utf8");
  const result = await importRuleFile(database, text, query.mode);
  await recordAudit(database, principal, {
    action: "rule-group.import",
    targetType: "rule-group",
    summary: `imported a rule file (${query.mode}): ${result.created.length} created, ${result.updated.length} updated, ${result.deleted.length} deleted`,
    details: { ...result },
  });
  return result;
});
