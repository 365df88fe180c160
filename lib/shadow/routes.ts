// The shadow-model endpoints (app/api/v1/models/[model]/shadows, app/api/v1/shadows/[id]).
import { contract } from "../api/contract";
import { recordAudit } from "../audit/record";
import { env } from "../config/env";
import type { Database } from "../db/client";
import { readJsonBody } from "../http/body";
import { handle, json } from "../http/handler";
import { markShadowRun } from "../jobs/mark";
import { forgetActiveShadows } from "./active";
import { shadowPatchBody } from "./schemas";
import { deleteShadow, getShadow, listShadows, modelNamed, setShadowStatus } from "./store";
import { createShadow } from "./upload";

/** A shadow was created, paused, resumed or deleted: ingest's cached list changes, an active one runs now. */
async function shadowsChanged(database: Database, activeId?: number): Promise<void> {
  forgetActiveShadows(database);
  if (activeId !== undefined) await database.raw.batch(markShadowRun(database.raw, activeId));
}

export const postShadow = handle(contract.createShadow, async ({ req, database, params, principal }) => {
  const shadow = await createShadow(database, params.model, req, env().VIGIL_MAX_MODEL_BYTES);
  await recordAudit(database, principal, {
    action: "shadow.create",
    targetType: "shadow",
    targetId: shadow.id,
    summary: `uploaded shadow "${shadow.name}" for model "${params.model}"`,
  });
  await shadowsChanged(database, shadow.status === "active" ? shadow.id : undefined);
  return json({ shadow }, 201);
});

export const getShadows = handle(contract.listShadows, async ({ database, params }) => {
  const model = await modelNamed(database, params.model);
  return { shadows: await listShadows(database, model) };
});

export const getShadowById = handle(contract.getShadow, async ({ database, params }) => ({
  shadow: await getShadow(database, params.id),
}));

export const patchShadow = handle(contract.patchShadow, async ({ req, database, params, principal }) => {
  const body = shadowPatchBody.parse(await readJsonBody(req, 64 * 1024));
  const shadow = await setShadowStatus(database, params.id, body.status);
  await recordAudit(database, principal, {
    action: "shadow.update",
    targetType: "shadow",
    targetId: shadow.id,
    summary: `set shadow "${shadow.name}" ${body.status}`,
  });
  await shadowsChanged(database, shadow.status === "active" ? shadow.id : undefined);
  return { shadow };
});

export const removeShadow = handle(contract.deleteShadow, async ({ database, params, principal }) => {
  const removed = await deleteShadow(database, params.id);
  await recordAudit(database, principal, {
    action: "shadow.delete",
    targetType: "shadow",
    targetId: params.id,
    summary: `removed shadow ${params.id}`,
  });
  await shadowsChanged(database);
  return { ok: true as const, ...removed };
});
