// The reference-dataset endpoints. They live in lib/ (not only app/) because the production server also serves
// the upload directly, streaming the body (lib/api/ingest-routes.ts, scripts/start.ts).
import { contract } from "../../api/contract";
import { recordAudit } from "../../audit/record";
import { env } from "../../config/env";
import { HttpError } from "../../http/errors";
import { handle } from "../../http/handler";
import { getDriftConfig, putDriftConfig } from "../config-store";
import { deleteProfile, listProfiles } from "./store";
import { activeReference, formatFromContentType, uploadProfile } from "./upload";

async function modelNamed(database: Parameters<typeof listProfiles>[0], name: string) {
  const model = await database.db.model.findUnique({ where: { name } });
  if (!model) throw new HttpError(404, `model "${name}" not found`);
  return model;
}

export const postReference = handle(
  contract.uploadReference,
  async ({ req, database, params, query, principal }) => {
    const contentType = req.headers.get("content-type");
    const format = query.format ?? formatFromContentType(contentType);
    if (!format) {
      await modelNamed(database, params.model); // an unknown model is 404 whatever the body
      throw new HttpError(
        415,
        `Content-Type "${(contentType ?? "none").slice(0, 60)}" is not supported; send text/csv or application/x-ndjson (JSON lines), or set ?format=csv|jsonl`,
      );
    }
    const declared = req.headers.get("content-length");
    const uploaded = await uploadProfile(database, req.body, {
      model: params.model,
      name: query.name,
      format,
      predictionColumn: query.predictionColumn,
      scoreColumn: query.scoreColumn,
      labelColumn: query.labelColumn,
      activate: query.activate,
      maxBytes: env().VIGIL_MAX_REFERENCE_BYTES,
      declaredBytes: declared === null || declared === "" ? undefined : Number(declared),
    });
    await recordAudit(database, principal, {
      action: "model.reference-upload",
      targetType: "model",
      targetId: params.model,
      summary: `uploaded reference dataset "${uploaded.profile.name}" for "${params.model}"`,
    });
    return uploaded;
  },
);

export const getReferences = handle(contract.listReferences, async ({ database, params }) => {
  const model = await modelNamed(database, params.model);
  const config = await getDriftConfig(database, params.model);
  return { active: activeReference(config), profiles: await listProfiles(database, model.id) };
});

export const deleteReference = handle(contract.deleteReference, async ({ database, params, principal }) => {
  const model = await modelNamed(database, params.model);
  if (!(await deleteProfile(database, model.id, params.name)))
    throw new HttpError(404, `model "${params.model}" has no reference dataset "${params.name}"`);
  await recordAudit(database, principal, {
    action: "model.reference-delete",
    targetType: "model",
    targetId: params.model,
    summary: `removed reference dataset "${params.name}" of "${params.model}"`,
  });
  let config = await getDriftConfig(database, params.model);
  if (config.reference && "profile" in config.reference && config.reference.profile === params.name)
    config = await putDriftConfig(database, params.model, { ...config, reference: null });
  return { ok: true as const, active: activeReference(config) };
});
