// The experiment endpoints (app/api/v1/experiments/**): thin wrappers over store.ts, job.ts and assign.ts.
import { contract } from "../api/contract";
import { recordAudit } from "../audit/record";
import type { Database } from "../db/client";
import { readJsonBody } from "../http/body";
import { handle, json } from "../http/handler";
import { markExperimentResults } from "../jobs/mark";
import { assignVariant } from "./assign";
import { refreshResults } from "./job";
import { experimentInput } from "./schemas";
import {
  createExperiment,
  definitionOf,
  deleteExperiment,
  experimentRow,
  infoOf,
  listExperiments,
  parsePatch,
  patchExperiment,
  readSnapshot,
} from "./store";

const BODY_LIMIT = 64 * 1024;

/** Created or changed: the worker recomputes its results now. */
const recomputeSoon = (database: Database, id: number) =>
  database.raw.batch(markExperimentResults(database.raw, id));

export const postExperiment = handle(contract.createExperiment, async ({ req, database, principal }) => {
  const input = experimentInput.parse(await readJsonBody(req, BODY_LIMIT));
  const row = await createExperiment(database, input);
  await recordAudit(database, principal, {
    action: "experiment.create",
    targetType: "experiment",
    targetId: row.key,
    summary: `started experiment "${row.key}"`,
  });
  await recomputeSoon(database, row.id);
  return json({ experiment: infoOf(row) }, 201);
});

export const getExperiments = handle(contract.listExperiments, async ({ database, query }) => ({
  experiments: await listExperiments(database, query.model),
}));

export const getExperiment = handle(contract.getExperiment, async ({ database, params }) => ({
  experiment: infoOf(await experimentRow(database, params.key)),
}));

export const patchExperimentRoute = handle(
  contract.patchExperiment,
  async ({ req, database, params, principal }) => {
    const patch = parsePatch(await readJsonBody(req, BODY_LIMIT));
    const row = await patchExperiment(database, params.key, patch);
    await recordAudit(database, principal, {
      action: "experiment.update",
      targetType: "experiment",
      targetId: row.key,
      summary: `changed experiment "${row.key}": ${Object.keys(patch).join(", ")}`,
      details: patch,
    });
    await recomputeSoon(database, row.id);
    return { experiment: infoOf(row) };
  },
);

export const deleteExperimentRoute = handle(
  contract.deleteExperiment,
  async ({ database, params, principal }) => {
    await deleteExperiment(database, params.key);
    await recordAudit(database, principal, {
      action: "experiment.delete",
      targetType: "experiment",
      targetId: params.key,
      summary: `deleted experiment "${params.key}"`,
    });
    return new Response(null, { status: 204 });
  },
);

export const getExperimentResults = handle(
  contract.experimentResults,
  async ({ database, params, query }) => {
    const row = await experimentRow(database, params.key);
    const snapshot = query.refresh === "true" ? null : await readSnapshot(database, row.id);
    return snapshot ?? (await refreshResults(database, row));
  },
);

export const getAssignment = handle(contract.assignExperiment, async ({ database, params, query }) => {
  const experiment = definitionOf(await experimentRow(database, params.key));
  const variant = assignVariant(experiment.key, experiment.variants, query.unit);
  return { experiment: experiment.key, unit: query.unit, variant: variant.key, version: variant.version };
});
