import { contract, modelPatchBody } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";
import { updateModel } from "@/lib/registry/update";

export const PATCH = handle(contract.patchModel, async ({ req, database, params, principal }) => {
  const body = modelPatchBody.parse(await readJsonBody(req, 64 * 1024));
  const model = await updateModel(database, params.model, body);
  await recordAudit(database, principal, {
    action: "model.update",
    targetType: "model",
    targetId: params.model,
    summary: `changed model "${params.model}": ${Object.keys(body).join(", ")}`,
    details: body,
  });
  return { model };
});
