// The shadow series of one hour (`shadow-window:<shadowId>:<windowStart>`), marked by the shadow job for every
// hour a committed batch touched: the hour's answered rows joined with production's prediction and the label,
// written as points at the hour's start (like the other vigil_* series) for panels and alert rules:
//   vigil_shadow_agreement{model,shadow}     share of rows where the shadow predicted production's class
//   vigil_shadow_score_diff{model,shadow}    mean |shadow score − production score|
//   vigil_shadow_accuracy{model,shadow}      the shadow's accuracy on the hour's labeled rows (when any)
//   vigil_shadow_latency_ms{model,shadow}    p95 of the per-row inference latency
import type { Database } from "../db/client";
import type { ShadowWindowPayload } from "../jobs/mark";
import { WINDOWS } from "../jobs/windows";
import type { Task } from "../quality";
import { isFrozen } from "../retention/store";
import { type PointInput, pointStatements } from "../series/store";
import {
  agreement,
  type ComparedRow,
  latencyPercentiles,
  meanAbsScoreDiff,
  parseValue,
  quality,
} from "./compare";

/** The shadow's answered (status ok) rows with ts in [from, to), joined with production and labels. */
export async function loadComparedRows(
  database: Database,
  q: { shadowId: number; modelId: number; from: number; to: number },
): Promise<ComparedRow[]> {
  const { raw } = database;
  const rows = await raw.query<{
    production: string;
    productionScore: number | null;
    shadow: string | null;
    shadowScore: number | null;
    shadowScores: string | null;
    latencyMs: number | null;
    label: string | null;
  }>(
    `SELECT p."prediction" AS "production", p."score" AS "productionScore", s."prediction" AS "shadow",
            s."score" AS "shadowScore", s."scores" AS "shadowScores", s."latencyMs" AS "latencyMs", l."label" AS "label"
     FROM "ShadowPrediction" s
     JOIN "Prediction" p ON p."modelId" = ? AND p."id" = s."predictionId"
     LEFT JOIN "Label" l ON l."modelId" = ? AND l."id" = s."predictionId"
     WHERE s."shadowId" = ? AND s."ts" >= ? AND s."ts" < ? AND s."status" = 'ok'`,
    [q.modelId, q.modelId, q.shadowId, raw.time(q.from), raw.time(q.to)],
  );
  return rows.map((r) => ({
    production: parseValue(r.production),
    productionScore: r.productionScore === null ? null : Number(r.productionScore),
    shadow: parseValue(r.shadow),
    shadowScore: r.shadowScore === null ? null : Number(r.shadowScore),
    shadowScores: r.shadowScores ? (JSON.parse(r.shadowScores) as Record<string, number>) : null,
    latencyMs: r.latencyMs === null ? null : Number(r.latencyMs),
    label: parseValue(r.label),
  }));
}

export async function recomputeShadowWindow(database: Database, job: ShadowWindowPayload): Promise<void> {
  const shadow = await database.db.shadow.findUnique({ where: { id: job.shadowId } });
  if (!shadow) return; // deleted since the job was marked
  const model = await database.db.model.findUnique({ where: { id: shadow.modelId } });
  if (!model) return;
  const from = job.windowStart;
  // raw rows deleted by retention: the window's series stay as they are
  if (await isFrozen(database, from + WINDOWS["1h"])) return;
  const rows = await loadComparedRows(database, {
    shadowId: shadow.id,
    modelId: shadow.modelId,
    from,
    to: from + WINDOWS["1h"],
  });
  if (rows.length === 0) return;
  const labels = { model: model.name, shadow: shadow.name };
  const points: PointInput[] = [];
  const add = (name: string, value: number | null) => {
    if (value !== null && Number.isFinite(value)) points.push({ name, labels, ts: from, value });
  };
  const task = (model.task as Task | null) ?? null;
  if (task !== "regression") add("vigil_shadow_agreement", agreement(rows));
  add("vigil_shadow_score_diff", meanAbsScoreDiff(rows));
  add("vigil_shadow_latency_ms", latencyPercentiles(rows).p95);
  if (task && rows.some((r) => r.label !== null)) {
    const q = quality(rows, task, model.positiveClass);
    if (q.labeled > 0) add("vigil_shadow_accuracy", q.accuracy);
  }
  await database.raw.batch(await pointStatements(database, points));
}
