// Experiment rows: create, read, list, patch, delete, and the latest results snapshot. Variants and their
// weights never change after creation (units' assignments depend on them).
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import {
  duplicateMetricKey,
  type ExperimentDefinition,
  type Guardrail,
  type MetricDefinition,
  normaliseMetric,
  type VariantDefinition,
} from "./definition";
import {
  type ExperimentInfo,
  type ExperimentInput,
  type ExperimentResults,
  experimentPatch,
} from "./schemas";

type ExperimentRow = {
  id: number;
  key: string;
  modelId: number;
  name: string | null;
  description: string | null;
  status: string;
  variants: string;
  metrics: string;
  guardrails: string;
  covariate: string | null;
  alpha: number;
  startAt: Date;
  endAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};
type RowWithModel = ExperimentRow & { model: { name: string } };

export function definitionOf(row: RowWithModel): ExperimentDefinition {
  return {
    id: row.id,
    key: row.key,
    modelId: row.modelId,
    model: row.model.name,
    status: row.status === "stopped" ? "stopped" : "running",
    variants: JSON.parse(row.variants) as VariantDefinition[],
    metrics: JSON.parse(row.metrics) as MetricDefinition[],
    guardrails: JSON.parse(row.guardrails) as Guardrail[],
    covariate: row.covariate,
    alpha: row.alpha,
    startAt: row.startAt.getTime(),
    endAt: row.endAt?.getTime() ?? null,
  };
}

export function infoOf(row: RowWithModel): ExperimentInfo {
  const d = definitionOf(row);
  return {
    key: d.key,
    model: d.model,
    name: row.name,
    description: row.description,
    status: d.status,
    variants: d.variants,
    metrics: d.metrics,
    guardrails: d.guardrails,
    covariate: d.covariate,
    alpha: d.alpha,
    startAt: row.startAt.toISOString(),
    endAt: row.endAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const notFound = (key: string) => new HttpError(404, `experiment "${key}" not found`);

export async function experimentRow(database: Database, key: string): Promise<RowWithModel> {
  const row = await database.db.experiment.findUnique({
    where: { key },
    include: { model: { select: { name: true } } },
  });
  if (!row) throw notFound(key);
  return row;
}

export async function createExperiment(database: Database, input: ExperimentInput, now = Date.now()) {
  const model = await database.db.model.findUnique({ where: { name: input.model } });
  if (!model) throw new HttpError(404, `model "${input.model}" not found`);
  const metrics = input.metrics.map(normaliseMetric);
  const duplicate = duplicateMetricKey(metrics);
  if (duplicate) throw new HttpError(400, `metrics: metric key "${duplicate}" appears twice`);
  const startAt = input.startAt ?? now;
  if (input.endAt != null && input.endAt <= startAt) throw new HttpError(400, "endAt must be after startAt");
  if (await database.db.experiment.findUnique({ where: { key: input.key } }))
    throw new HttpError(409, `an experiment with key "${input.key}" already exists`);
  try {
    return await database.db.experiment.create({
      data: {
        key: input.key,
        modelId: model.id,
        name: input.name ?? null,
        description: input.description ?? null,
        status: "running",
        variants: JSON.stringify(
          input.variants.map(({ key, version, weight }) => ({ key, version, weight })),
        ),
        metrics: JSON.stringify(metrics),
        guardrails: JSON.stringify([...new Set(input.guardrails)]),
        covariate: input.covariate ?? null,
        alpha: input.alpha,
        startAt: new Date(startAt),
        endAt: input.endAt == null ? null : new Date(input.endAt),
      },
      include: { model: { select: { name: true } } },
    });
  } catch (error) {
    // Two creations with one key at once: the unique index decides.
    if ((error as { code?: string }).code === "P2002")
      throw new HttpError(409, `an experiment with key "${input.key}" already exists`);
    throw error;
  }
}

const IMMUTABLE = ["key", "model", "variants", "metrics", "guardrails", "startAt", "covariate", "alpha"];

/** Parses a PATCH body; fields fixed at creation get an error that says so (not "unrecognized key"). */
export function parsePatch(body: unknown) {
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const fixed = IMMUTABLE.filter((k) => Object.hasOwn(body, k));
    if (fixed.includes("variants"))
      throw new HttpError(
        400,
        "variants: variants and their weights cannot change after creation (units are assigned by them); create a new experiment instead",
      );
    if (fixed.length > 0)
      throw new HttpError(
        400,
        `${fixed[0]}: cannot change after creation; only name, description, endAt and status can`,
      );
  }
  return experimentPatch.parse(body);
}

export async function patchExperiment(
  database: Database,
  key: string,
  patch: ReturnType<typeof parsePatch>,
  now = Date.now(),
) {
  const row = await experimentRow(database, key);
  let endAt: number | null = patch.endAt === undefined ? (row.endAt?.getTime() ?? null) : patch.endAt;
  if (patch.status === "stopped" && (endAt === null || endAt > now))
    endAt = Math.max(now, row.startAt.getTime() + 1);
  // Resuming an experiment that was stopped (its end reached) reopens it, unless a new end is given.
  if (patch.status === "running" && patch.endAt === undefined && endAt !== null && endAt <= now) endAt = null;
  if (endAt !== null && endAt <= row.startAt.getTime())
    throw new HttpError(400, "endAt must be after startAt");
  return database.db.experiment.update({
    where: { id: row.id },
    data: {
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.description === undefined ? {} : { description: patch.description }),
      ...(patch.status === undefined ? {} : { status: patch.status }),
      endAt: endAt === null ? null : new Date(endAt),
    },
    include: { model: { select: { name: true } } },
  });
}

export async function deleteExperiment(database: Database, key: string): Promise<void> {
  const res = await database.db.experiment.deleteMany({ where: { key } });
  if (res.count === 0) throw notFound(key);
}

export interface ExperimentSummary {
  computedAt: string;
  units: Record<string, number>;
  srmFlagged: boolean;
  decision: string;
}

export async function listExperiments(database: Database, model?: string) {
  if (model !== undefined && !(await database.db.model.findUnique({ where: { name: model } })))
    throw new HttpError(404, `model "${model}" not found`);
  const rows = await database.db.experiment.findMany({
    where: model === undefined ? {} : { model: { name: model } },
    include: { model: { select: { name: true } }, snapshot: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((row) => {
    let summary: ExperimentSummary | null = null;
    if (row.snapshot) {
      const r = JSON.parse(row.snapshot.results) as ExperimentResults;
      summary = {
        computedAt: r.computedAt,
        units: Object.fromEntries(r.variants.map((v) => [v.key, v.n])),
        srmFlagged: r.srm.flagged,
        decision: r.decision,
      };
    }
    return { ...infoOf(row), summary };
  });
}

export async function readSnapshot(
  database: Database,
  experimentId: number,
): Promise<ExperimentResults | null> {
  const row = await database.db.experimentSnapshot.findUnique({ where: { experimentId } });
  return row ? (JSON.parse(row.results) as ExperimentResults) : null;
}
