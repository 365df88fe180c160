import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { getDriftConfig, putDriftConfig } from "@/lib/drift/config-store";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.getDriftConfig, async ({ database, params }) => ({
  config: await getDriftConfig(database, params.model),
}));

export const PUT = handle(contract.putDriftConfig, async ({ req, database, params, principal }) => {
  const config = await putDriftConfig(database, params.model, await readJsonBody(req, 1024 * 1024));
  await recordAudit(database, principal, {
    action: "model.drift-config",
    targetType: "model",
    targetId: params.model,
    summary: `changed the drift settings of "${params.model}"`,
    details: { config },
  });
  return { config };
});
