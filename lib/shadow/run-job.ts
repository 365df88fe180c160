// The shadow job (`shadow-run:<shadowId>`): runs one shadow model on the production predictions it has not
// answered yet and records each answer. Follow mode takes predictions received since the shadow was created;
// a backfill takes those with ts in [backfillFrom, backfillTo); their batches alternate, so a long backfill does
// not hold up fresh predictions. Each batch (config.batchSize rows) is selected by an anti-join (select.ts), run
// on the inference pool's threads (infer.ts), and stored with its hours' series jobs in one transaction — so a
// crash loses at most the uncommitted batches, which the next run selects again.
//
// The stages overlap (a pipeline): while batch k runs on the pool's thread, batch k+1 is selected and encoded
// (and queued on the thread) and batch k−1 is committed, so neither the thread nor the job's own thread waits
// on the other. Batches in flight (selected, not committed) are never selected twice: a mode's next select
// starts after its keyset cursor, the ids in flight are dropped from any selection (follow and backfill
// ranges can overlap), and a select without a cursor (a run's first, and "nothing left?" confirmations) waits
// until nothing is in flight, so it sees only committed answers.
// Rows outside the sample are stored as `skipped`; a row that cannot be encoded or run is stored as `error`
// with its message; neither stops the job. A run stops starting batches after ~10 s, commits those in flight,
// and marks itself again (other jobs get a turn). A paused (or deleted) shadow's job returns at once.
import { stat } from "node:fs/promises";
import { env } from "../config/env";
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { markShadowBuckets, markShadowRun, type ShadowRunPayload } from "../jobs/mark";
import { windowStart } from "../jobs/windows";
import { shadowConfigSchema } from "./config";
import { type BatchModel, evaluateBatch, type RowOutcome } from "./infer";
import { type InferencePool, inferencePool, ModelUnavailableError } from "./pool";
import { type CandidateRow, type Cursor, selectBackfill, selectFollow } from "./select";
import { checkConfig, signatureSchema } from "./signature";
import { modelFilePath } from "./store";

export interface RunOptions {
  /** Stop (and mark the job again) after this long; default 10 s. */
  budgetMs?: number;
  /** Stop after this many batches (tests: a worker that dies after one batch). */
  maxBatches?: number;
  pool?: InferencePool;
  /** Tests: called with each batch's rows right before its commit; a throw fails the run there. */
  beforeCommit?: (rows: CandidateRow[]) => void | Promise<void>;
}

interface Context extends BatchModel {
  shadowId: number;
  modelId: number;
}

type Range = { from: number; to: number };

/** A batch between its select and its commit. */
interface InFlight {
  rows: CandidateRow[];
  outcomes: Promise<RowOutcome[]>;
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
    const backfill: Range | null =
      shadow.backfillState === "running" && shadow.backfillFrom && shadow.backfillTo
        ? { from: shadow.backfillFrom.getTime(), to: shadow.backfillTo.getTime() }
        : null;
    const pipeline = new Pipeline(database, ctx, backfill, opts.beforeCommit);
    const follow = { open: true, after: undefined as Cursor | undefined };
    const back = { open: backfill !== null, after: undefined as Cursor | undefined };
    let turn: "follow" | "backfill" = "follow";
    let batches = 0;
    const stopNow = () =>
      (opts.maxBatches !== undefined && batches >= opts.maxBatches) || Date.now() - started >= budget;

    /** The next batch's rows (follow and backfill take turns), or null when both are done. */
    const selectNext = async (): Promise<CandidateRow[] | null> => {
      while (follow.open || back.open) {
        const mode = (turn === "follow" && follow.open) || !back.open ? "follow" : "backfill";
        turn = mode === "follow" ? "backfill" : "follow";
        const state = mode === "follow" ? follow : back;
        // Without a cursor the anti-join alone excludes answered rows: only committed ones count.
        if (!state.after) await pipeline.drain();
        const q = {
          shadowId: ctx.shadowId,
          modelId: ctx.modelId,
          limit: config.batchSize,
          after: state.after,
        };
        const rows =
          mode === "follow"
            ? await selectFollow(database, { ...q, since: shadow.createdAt.getTime() })
            : await selectBackfill(database, { ...q, ...backfill! });
        if (rows.length === 0 && state.after) {
          state.after = undefined; // confirm from the start
          continue;
        }
        if (rows.length === 0) {
          state.open = false;
          if (mode === "backfill") await markBackfillDone(database, ctx.shadowId, backfill!);
          continue;
        }
        state.after = cursorOf(rows);
        const fresh = pipeline.notInFlight(rows);
        if (fresh.length > 0) return fresh;
      }
      return null;
    };

    try {
      while (!(batches > 0 && stopNow())) {
        const rows = await selectNext();
        if (!rows) break;
        pipeline.start(rows); // queued on the thread behind the batch running there
        batches++;
        await pipeline.commitAllButLast(); // batch k−1's answers, while batch k runs
      }
      await pipeline.drain();
    } catch (error) {
      await pipeline.settle(); // nothing left running in the background of a failed run
      throw error;
    }
    const more = follow.open || back.open;
    // Out of time with work left: mark again, so the lease is released and the job is claimed anew.
    if (more) await database.raw.batch(markShadowRun(database.raw, ctx.shadowId));
    if (shadow.lastError !== null)
      await database.db.shadow.updateMany({ where: { id: ctx.shadowId }, data: { lastError: null } });
    return { evaluated: pipeline.committed, batches, more };
  } catch (error) {
    // The shadow cannot run at all (config no longer fits, file gone or unloadable): shown on the shadow;
    // the job fails and is retried with backoff.
    const message = String((error as Error)?.message ?? error).slice(0, 2000);
    await database.db.shadow.updateMany({ where: { id: shadow.id }, data: { lastError: message } });
    throw error;
  }
}

/**
 * The batches between select and commit, oldest first, and the ids they hold. `start` encodes a batch and
 * queues it on the pool; commits run in order, one at a time.
 */
class Pipeline {
  private readonly queue: InFlight[] = [];
  private readonly ids = new Set<string>();
  committed = 0;

  constructor(
    private readonly database: Database,
    private readonly ctx: Context,
    private readonly backfill: Range | null,
    private readonly beforeCommit?: (rows: CandidateRow[]) => void | Promise<void>,
  ) {}

  /** The rows no batch in flight holds. */
  notInFlight(rows: CandidateRow[]): CandidateRow[] {
    return this.ids.size === 0 ? rows : rows.filter((r) => !this.ids.has(r.id));
  }

  start(rows: CandidateRow[]): void {
    for (const r of rows) this.ids.add(r.id);
    const outcomes = evaluateBatch(this.ctx, rows);
    outcomes.catch(() => {}); // awaited in commitOldest; not an unhandled rejection while it waits its turn
    this.queue.push({ rows, outcomes });
  }

  /** Commits every batch but the newest (the one the thread is running now). */
  async commitAllButLast(): Promise<void> {
    while (this.queue.length > 1) await this.commitOldest();
  }

  /** Commits every batch in flight. */
  async drain(): Promise<void> {
    while (this.queue.length > 0) await this.commitOldest();
  }

  /** After a failure: waits for the batches still on the thread, commits nothing more. */
  async settle(): Promise<void> {
    const pending = this.queue.splice(0);
    await Promise.allSettled(pending.map((b) => b.outcomes));
  }

  private async commitOldest(): Promise<void> {
    const batch = this.queue[0]!;
    const outcomes = await batch.outcomes;
    await this.beforeCommit?.(batch.rows);
    await this.database.raw.batch(
      commitStatements(this.database, this.ctx, batch.rows, outcomes, this.backfill),
    );
    this.queue.shift();
    for (const r of batch.rows) this.ids.delete(r.id);
    this.committed += batch.rows.length;
  }
}

/** The backfill's range is fully answered: state done, progress complete. */
async function markBackfillDone(database: Database, shadowId: number, backfill: Range): Promise<void> {
  await database.raw.batch([
    {
      sql: `UPDATE "Shadow" SET "backfillState" = 'done', "backfillDone" = "backfillTotal", "updatedAt" = ?
            WHERE "id" = ? AND "backfillState" = 'running' AND "backfillFrom" = ? AND "backfillTo" = ?`,
      params: [
        database.raw.time(Date.now()),
        shadowId,
        database.raw.time(backfill.from),
        database.raw.time(backfill.to),
      ],
    },
  ]);
}

/** One batch's transaction: its answers, the backfill's progress and the series jobs of its hours. */
function commitStatements(
  database: Database,
  ctx: Context,
  rows: CandidateRow[],
  outcomes: RowOutcome[],
  backfill: Range | null,
): Statement[] {
  const { raw } = database;
  const now = raw.time(Date.now());
  const statements: Statement[] = [];
  const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    const end = Math.min(rows.length, i + INSERT_ROWS);
    const params: unknown[] = [];
    for (let j = i; j < end; j++) {
      const row = rows[j]!;
      const o = outcomes[j]!;
      params.push(ctx.shadowId, row.id, raw.time(row.ts), o.status);
      if (o.status === "ok")
        params.push(
          JSON.stringify(o.output.predictedClass),
          finite(o.output.score),
          o.output.scores ? JSON.stringify(o.output.scores) : null,
          o.latencyMs,
          null,
          now,
        );
      else if (o.status === "error") params.push(null, null, null, o.latencyMs, o.error.slice(0, 2000), now);
      else params.push(null, null, null, null, null, now);
    }
    statements.push({ sql: insertSql(end - i), params });
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
  const buckets = new Set<number>();
  rows.forEach((row, i) => {
    if (outcomes[i]!.status === "ok") buckets.add(windowStart(row.ts, "5m"));
  });
  statements.push(
    ...markShadowBuckets(
      raw,
      [...buckets].map((b) => ({ shadowId: ctx.shadowId, windowStart: b })),
      Date.now(),
    ),
  );
  return statements;
}

/** Rows per INSERT statement (10 parameters each; PostgreSQL allows 65,535 per statement). */
const INSERT_ROWS = 200;
const insertSqls = new Map<number, string>();
/** The multi-row INSERT for n rows (one text per n, so each is prepared once). */
function insertSql(n: number): string {
  let sql = insertSqls.get(n);
  if (!sql) {
    sql = `INSERT INTO "ShadowPrediction" ("shadowId","predictionId","ts","status","prediction","score","scores","latencyMs","error","createdAt")
           VALUES ${Array.from({ length: n }, () => "(?,?,?,?,?,?,?,?,?,?)").join(",")}
           ON CONFLICT ("shadowId","predictionId") DO NOTHING`;
    insertSqls.set(n, sql);
  }
  return sql;
}

/** The cursor after a batch: its last row in the selection's order. */
function cursorOf(rows: CandidateRow[]): Cursor {
  const last = rows[rows.length - 1]!;
  return { key: last.key, id: last.id };
}
