// The shadow job (`shadow-run:<shadowId>`): runs one shadow model on the production predictions it has not
// answered yet and records each answer. Follow mode takes predictions received since the shadow was created;
// a backfill takes those with ts in [backfillFrom, backfillTo). Each batch (config.batchSize rows) is
// selected by an anti-join (select.ts), run on the inference pool's threads, and stored with its hours' series
// jobs in one transaction — so a crash loses at most the uncommitted batch, which the next run selects again.
// Rows outside the sample are stored as `skipped`; a row that cannot be encoded or run is stored as `error`
// with its message; neither stops the job. A run stops after ~10 s and marks itself again (other jobs get a
// turn). A paused (or deleted) shadow's job returns at once.
import { stat } from "node:fs/promises";
import { env } from "../config/env";
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { markShadowRun, markShadowWindows, type ShadowRunPayload } from "../jobs/mark";
import { windowStart } from "../jobs/windows";
import { type ShadowConfig, shadowConfigSchema } from "./config";
import { decodeOutput, encodeRows, type ShadowOutput } from "./encode";
import { type InferencePool, inferencePool, ModelUnavailableError } from "./pool";
import { type CandidateRow, type Cursor, inSample, selectBackfill, selectFollow } from "./select";
import { checkConfig, type Plan, signatureSchema } from "./signature";
import { modelFilePath } from "./store";

export interface RunOptions {
  /** Stop (and mark the job again) after this long; default 10 s. */
  budgetMs?: number;
  /** Stop after this many batches (tests: a worker that dies after one batch). */
  maxBatches?: number;
  pool?: InferencePool;
}

type RowOutcome =
  | { status: "ok"; output: ShadowOutput; latencyMs: number }
  | { status: "error"; error: string; latencyMs: number | null }
  | { status: "skipped" };

interface Context {
  shadowId: number;
  modelId: number;
  config: ShadowConfig;
  plan: Plan;
  path: string;
  pool: InferencePool;
}

export async function runShadowJob(
  database: Database,
  payload: ShadowRunPayload,
  opts: RunOptions = {},
): Promise<{ evaluated: number; batches: number; more: boolean }> {
  const shadow = await database.db.shadow.findUnique({ where: { id: payload.shadowId } });
  if (shadow?.status !== "active") return { evaluated: 0, batches: 0, more: false };
  try {
    const config = shadowConfigSchema.parse(JSON.parse(shadow.config));
    const plan = checkConfig(config, signatureSchema.parse(JSON.parse(shadow.signature)));
    const path = modelFilePath(shadow.fileSha256);
    if (!(await stat(path).catch(() => null))?.isFile())
      throw new ModelUnavailableError(`file ${shadow.fileSha256}.onnx is not in ${path}`);
    const ctx: Context = {
      shadowId: shadow.id,
      modelId: shadow.modelId,
      config,
      plan,
      path,
      pool: opts.pool ?? inferencePool(env().VIGIL_SHADOW_THREADS),
    };
    const started = Date.now();
    const budget = opts.budgetMs ?? 10_000;
    const backfill =
      shadow.backfillState === "running" && shadow.backfillFrom && shadow.backfillTo
        ? { from: shadow.backfillFrom.getTime(), to: shadow.backfillTo.getTime() }
        : null;
    let backfillOpen = backfill !== null;
    let followAfter: Cursor | undefined;
    let backfillAfter: Cursor | undefined;
    let followOpen = true;
    let evaluated = 0;
    let batches = 0;
    const stopNow = () =>
      (opts.maxBatches !== undefined && batches >= opts.maxBatches) || Date.now() - started >= budget;
    // Follow and backfill batches alternate, so a long backfill does not hold up fresh predictions.
    while (followOpen || backfillOpen) {
      if (followOpen) {
        const rows = await selectFollow(database, {
          shadowId: ctx.shadowId,
          modelId: ctx.modelId,
          since: shadow.createdAt.getTime(),
          limit: config.batchSize,
          after: followAfter,
        });
        if (rows.length === 0 && followAfter)
          followAfter = undefined; // confirm from the start
        else if (rows.length === 0) followOpen = false;
        else {
          followAfter = cursorOf(rows);
          await processBatch(database, ctx, rows, backfill);
          evaluated += rows.length;
          batches++;
          if (stopNow()) break;
        }
      }
      if (backfillOpen && backfill) {
        const rows = await selectBackfill(database, {
          shadowId: ctx.shadowId,
          modelId: ctx.modelId,
          ...backfill,
          limit: config.batchSize,
          after: backfillAfter,
        });
        if (rows.length === 0 && backfillAfter)
          backfillAfter = undefined; // confirm from the start
        else if (rows.length === 0) {
          backfillOpen = false;
          await database.raw.batch([
            {
              sql: `UPDATE "Shadow" SET "backfillState" = 'done', "backfillDone" = "backfillTotal", "updatedAt" = ?
                    WHERE "id" = ? AND "backfillState" = 'running' AND "backfillFrom" = ? AND "backfillTo" = ?`,
              params: [
                database.raw.time(Date.now()),
                ctx.shadowId,
                database.raw.time(backfill.from),
                database.raw.time(backfill.to),
              ],
            },
          ]);
        } else {
          backfillAfter = cursorOf(rows);
          await processBatch(database, ctx, rows, backfill);
          evaluated += rows.length;
          batches++;
          if (stopNow()) break;
        }
      }
    }
    const more = followOpen || backfillOpen;
    // Out of time with work left: mark again, so the lease is released and the job is claimed anew.
    if (more) await database.raw.batch(markShadowRun(database.raw, ctx.shadowId));
    if (shadow.lastError !== null)
      await database.db.shadow.updateMany({ where: { id: ctx.shadowId }, data: { lastError: null } });
    return { evaluated, batches, more };
  } catch (error) {
    // The shadow cannot run at all (config no longer fits, file gone or unloadable): shown on the shadow;
    // the job fails and is retried with backoff.
    const message = String((error as Error)?.message ?? error).slice(0, 2000);
    await database.db.shadow.updateMany({ where: { id: shadow.id }, data: { lastError: message } });
    throw error;
  }
}

/** Runs and stores one batch: one transaction with the results, backfill progress and the hours' series jobs. */
async function processBatch(
  database: Database,
  ctx: Context,
  rows: CandidateRow[],
  backfill: { from: number; to: number } | null,
): Promise<void> {
  const outcomes = await evaluate(ctx, rows);
  const { raw } = database;
  const now = Date.now();
  const statements: Statement[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const part = rows.slice(i, i + 200);
    statements.push({
      sql: `INSERT INTO "ShadowPrediction" ("shadowId","predictionId","ts","status","prediction","score","scores","latencyMs","error","createdAt")
            VALUES ${part.map(() => "(?,?,?,?,?,?,?,?,?,?)").join(",")}
            ON CONFLICT ("shadowId","predictionId") DO NOTHING`,
      params: part.flatMap((row, j) => {
        const o = outcomes[i + j]!;
        const base = [ctx.shadowId, row.id, raw.time(row.ts), o.status];
        const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
        if (o.status === "ok")
          return [
            ...base,
            JSON.stringify(o.output.predictedClass),
            finite(o.output.score),
            o.output.scores ? JSON.stringify(o.output.scores) : null,
            o.latencyMs,
            null,
            raw.time(now),
          ];
        if (o.status === "error")
          return [...base, null, null, null, o.latencyMs, o.error.slice(0, 2000), raw.time(now)];
        return [...base, null, null, null, null, null, raw.time(now)];
      }),
    });
  }
  if (backfill) {
    // Progress counts every answered row in the range, whichever mode selected it.
    const inRange = rows.filter((r) => r.ts >= backfill.from && r.ts < backfill.to).length;
    if (inRange > 0)
      statements.push({
        sql: `UPDATE "Shadow" SET "backfillDone" = CASE WHEN "backfillDone" + ? > "backfillTotal" THEN "backfillTotal" ELSE "backfillDone" + ? END
              WHERE "id" = ? AND "backfillState" = 'running'`,
        params: [inRange, inRange, ctx.shadowId],
      });
  }
  const hours = new Set<number>();
  rows.forEach((row, i) => {
    if (outcomes[i]!.status === "ok") hours.add(windowStart(row.ts, "1h"));
  });
  statements.push(
    ...markShadowWindows(
      raw,
      [...hours].map((h) => ({ shadowId: ctx.shadowId, windowStart: h })),
      now,
    ),
  );
  await raw.batch(statements);
}

/** Outcome per row: sampled out, encode/run error, or the shadow's output with its share of the batch's time. */
async function evaluate(ctx: Context, rows: CandidateRow[]): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = new Array(rows.length);
  const todo: Array<{ index: number; features: Record<string, unknown> }> = [];
  rows.forEach((row, index) => {
    if (!inSample(row.id, ctx.config.sampleRate)) {
      outcomes[index] = { status: "skipped" };
      return;
    }
    const features = parseFeatures(row.features);
    if (typeof features === "string") outcomes[index] = { status: "error", error: features, latencyMs: null };
    else todo.push({ index, features });
  });
  for (let i = 0; i < todo.length; i += ctx.plan.batchSize) {
    const chunk = todo.slice(i, i + ctx.plan.batchSize);
    let results: RowOutcome[];
    try {
      results = await infer(ctx, chunk);
    } catch (error) {
      if (error instanceof ModelUnavailableError || chunk.length === 1) {
        if (error instanceof ModelUnavailableError) throw error;
        results = [{ status: "error", error: messageOf(error), latencyMs: null }];
      } else {
        // The batch failed as a whole: one row at a time, so only the rows to blame are recorded as errors.
        results = [];
        for (const one of chunk) {
          try {
            results.push(...(await infer(ctx, [one])));
          } catch (e) {
            if (e instanceof ModelUnavailableError) throw e;
            results.push({ status: "error", error: messageOf(e), latencyMs: null });
          }
        }
      }
    }
    chunk.forEach((c, j) => {
      outcomes[c.index] = results[j]!;
    });
  }
  return outcomes;
}

/** One inference call. Per-row latency = the batch's session.run() time / its rows. */
async function infer(
  ctx: Context,
  chunk: Array<{ features: Record<string, unknown> }>,
): Promise<RowOutcome[]> {
  const encoded = encodeRows(
    ctx.config,
    ctx.plan,
    chunk.map((c) => c.features),
  );
  const { output, latencyMs } = await ctx.pool.run({
    path: ctx.path,
    feeds: encoded.feeds,
    output: ctx.plan.output.name,
    provider: ctx.config.executionProvider,
  });
  const decoded = decodeOutput(
    ctx.config,
    ctx.plan,
    { data: output.data as ArrayLike<number | bigint>, dims: output.dims },
    chunk.length,
  );
  const perRow = latencyMs / chunk.length;
  return decoded.map((out, i) => {
    const error = encoded.errors[i];
    return error
      ? { status: "error", error, latencyMs: perRow }
      : { status: "ok", output: out, latencyMs: perRow };
  });
}

function parseFeatures(text: string): Record<string, unknown> | string {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
    return "the prediction's features are not a JSON object";
  } catch {
    return "the prediction's features are not valid JSON";
  }
}

const messageOf = (e: unknown) => String((e as Error)?.message ?? e).slice(0, 2000);

/** The cursor after a batch: its last row in the selection's order. */
function cursorOf(rows: CandidateRow[]): Cursor {
  const last = rows[rows.length - 1]!;
  return { key: last.key, id: last.id };
}
