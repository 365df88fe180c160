import { contract, modelPatchBody } from "@/lib/api/contract";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";
import { updateModel } from "@/lib/registry/update";

export const PATCH = handle(contract.patchModel, async ({ req, database, params }) => {
  const body = modelPatchBody.parse(await readJsonBody(req, 64 * 1024));
  return { model: await updateModel(database, params.model, body) };
});
