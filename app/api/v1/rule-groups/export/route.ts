import { exportRuleFile } from "@/lib/alerts/rule-import";
import { contract } from "@/lib/api/contract";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.exportRuleGroups, async ({ database, query }) => {
  const text = await exportRuleFile(database, query.vigil === "true");
  return new Response(text, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": 'attachment; filename="vigil-rules.yml"',
      "cache-control": "no-store",
    },
  });
});
