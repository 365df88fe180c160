// The shadow series of one hour (`shadow-window:<shadowId>:<windowStart>`): the hour's answered rows joined with
// production's prediction and the label, written as points at the hour's start (like the other vigil_* series) for
// panels and alert rules:
//   vigil_shadow_agreement{model,shadow}     share of rows where the shadow predicted production's class
//   vigil_shadow_score_diff{model,shadow}    mean |shadow score − production score|
//   vigil_shadow_accuracy{model,shadow}      the shadow's accuracy on the hour's labeled rows (when any)
//   vigil_shadow_latency_ms{model,shadow}    p95 of the per-row inference latency
// The shadow job and label ingest mark the 5-minute buckets their rows fall in (`shadow-bucket`); a bucket's job
// summarises its rows into a mergeable state (window-state.ts) and marks its hour, which merges its 12 buckets —
// so no run rereads more than a bucket of raw rows, however full the hour is.
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { markShadowWindows, type ShadowWindowPayload } from "../jobs/mark";
import { ROLLUP_WINDOWS, WINDOWS, windowStart } from "../jobs/windows";
import type { Task } from "../quality";
import { isFrozen } from "../retention/store";
import { type PointInput, pointStatements } from "../series/store";
import { type ComparedRow, parseValue } from "./compare";
import {
  addComparedRow,
  emptyShadowState,
  mergeShadowStateInto,
  type ShadowWindowState,
  shadowSeriesValues,
} from "./window-state";

const BUCKET = ROLLUP_WINDOWS["5m"];

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

type Context = { shadowId: number; modelId: number; task: Task | null };

async function contextOf(database: Database, shadowId: number) {
  const shadow = await database.db.shadow.findUnique({ where: { id: shadowId } });
  if (!shadow) return null; // deleted since the job was marked
  const model = await database.db.model.findUnique({ where: { id: shadow.modelId } });
  if (!model) return null;
  return { shadow, model, ctx: { shadowId, modelId: model.id, task: (model.task as Task | null) ?? null } };
}

/** A bucket's state from its compared rows; null when the shadow answered none of them. */
async function bucketFromRaw(
  database: Database,
  ctx: Context,
  from: number,
): Promise<ShadowWindowState | null> {
  const rows = await loadComparedRows(database, { ...ctx, from, to: from + BUCKET });
  if (rows.length === 0) return null;
  const state = emptyShadowState(ctx.task);
  for (const r of rows) addComparedRow(state, r);
  return state;
}

/** Upserts (or, `fillOnly`, only inserts) a bucket's state; deletes it when the bucket has no compared rows. */
function storeBucket(
  database: Database,
  shadowId: number,
  start: number,
  state: ShadowWindowState | null,
  fillOnly = false,
): Statement {
  const { raw } = database;
  if (!state)
    return {
      sql: `DELETE FROM "ShadowRollup" WHERE "shadowId" = ? AND "window" = '5m' AND "windowStart" = ?`,
      params: [shadowId, raw.time(start)],
    };
  return {
    sql: `INSERT INTO "ShadowRollup" ("shadowId","window","windowStart","rows","state","computedAt") VALUES (?,'5m',?,?,?,?)
          ON CONFLICT ("shadowId","window","windowStart") DO ${
            fillOnly
              ? "NOTHING"
              : `UPDATE SET "rows" = excluded."rows", "state" = excluded."state", "computedAt" = excluded."computedAt"`
          }`,
    params: [shadowId, raw.time(start), state.rows, JSON.stringify(state), raw.time(Date.now())],
  };
}

export async function recomputeShadowBucket(database: Database, job: ShadowWindowPayload): Promise<void> {
  const found = await contextOf(database, job.shadowId);
  if (!found) return;
  const from = job.windowStart;
  if (await isFrozen(database, from + BUCKET)) return; // raw rows deleted by retention: the state stays
  const state = await bucketFromRaw(database, found.ctx, from);
  await database.raw.batch([
    storeBucket(database, job.shadowId, from, state),
    ...markShadowWindows(database.raw, [{ shadowId: job.shadowId, windowStart: windowStart(from, "1h") }]),
  ]);
}

/**
 * The hour's state from its buckets, in start order. A bucket that is missing (never stored, or pruned after 48
 * hours) is computed from raw rows and filled in; one filled for another task (the model's task changed) is
 * recomputed and replaced.
 */
async function hourFromBuckets(database: Database, ctx: Context, from: number): Promise<ShadowWindowState> {
  const { raw } = database;
  const stored = await raw.query<{ windowStart: unknown; state: string }>(
    `SELECT "windowStart", "state" FROM "ShadowRollup"
      WHERE "shadowId" = ? AND "window" = '5m' AND "windowStart" >= ? AND "windowStart" < ?`,
    [ctx.shadowId, raw.time(from), raw.time(from + WINDOWS["1h"])],
  );
  const byStart = new Map(
    stored.map((r) => [raw.readTime(r.windowStart), JSON.parse(r.state) as ShadowWindowState]),
  );
  const hour = emptyShadowState(ctx.task);
  const repairs: Statement[] = [];
  for (let start = from; start < from + WINDOWS["1h"]; start += BUCKET) {
    let state = byStart.get(start) ?? null;
    if (!state || state.task !== ctx.task) {
      const existed = state !== null;
      state = await bucketFromRaw(database, ctx, start);
      if (state || existed) repairs.push(storeBucket(database, ctx.shadowId, start, state, !existed));
    }
    if (state) mergeShadowStateInto(hour, state);
  }
  if (repairs.length > 0) await raw.batch(repairs);
  return hour;
}

export async function recomputeShadowWindow(database: Database, job: ShadowWindowPayload): Promise<void> {
  const found = await contextOf(database, job.shadowId);
  if (!found) return;
  const { shadow, model, ctx } = found;
  const from = job.windowStart;
  // raw rows deleted by retention: the window's series stay as they are
  if (await isFrozen(database, from + WINDOWS["1h"])) return;
  const state = await hourFromBuckets(database, ctx, from);
  if (state.rows === 0) return;
  const labels = { model: model.name, shadow: shadow.name };
  const points: PointInput[] = [];
  const add = (name: string, value: number | null) => {
    if (value !== null && Number.isFinite(value)) points.push({ name, labels, ts: from, value });
  };
  const values = shadowSeriesValues(state, model.positiveClass);
  add("vigil_shadow_agreement", values.agreement);
  add("vigil_shadow_score_diff", values.scoreDiff);
  add("vigil_shadow_latency_ms", values.latencyP95);
  add("vigil_shadow_accuracy", values.accuracy);
  await database.raw.batch(await pointStatements(database, points));
}
