// The retention job (`retention`): one per installation. Each run computes the cutoffs from the settings,
// records them as the frozen boundary first (so no window recompute starts on half-deleted raw rows), sweeps
// within a time budget and records what it did. Scheduling (due again soon when unfinished, else after the
// interval) is the caller's (lib/jobs/mark.ts markRetention).
import { env } from "../config/env";
import type { Database } from "../db/client";
import { markRetention } from "../jobs/mark";
import { pruneBuckets } from "../rollups/prune-buckets";
import { cutoffOf, DATA_TYPES, type DataType } from "./policy";
import { retentionSettings } from "./store";
import { alignCutoff, type SweepResult, sweep } from "./sweep";

export interface RetentionRun extends SweepResult {
  cutoffs: Record<DataType, number | null>;
}

export async function runRetention(
  database: Database,
  opts: { now?: number; batchRows?: number; pauseMs?: number; budgetMs?: number } = {},
): Promise<RetentionRun> {
  const now = opts.now ?? Date.now();
  const { days } = await retentionSettings(database);
  const cutoffs = Object.fromEntries(
    DATA_TYPES.map((t) => {
      const c = cutoffOf(days[t], now);
      return [t, c === null ? null : alignCutoff(t, c)];
    }),
  ) as Record<DataType, number | null>;
  // The frozen boundary moves before any row goes; it never moves back (a longer retention set later does
  // not bring deleted rows back).
  for (const type of ["predictions", "labels"] as const) {
    const cutoff = cutoffs[type];
    if (cutoff === null) continue;
    const existing = await database.db.retentionState.findUnique({ where: { dataType: type } });
    const before = existing?.sweptBefore?.getTime() ?? null;
    if (before !== null && before >= cutoff) continue;
    await database.db.retentionState.upsert({
      where: { dataType: type },
      create: { dataType: type, sweptBefore: new Date(cutoff) },
      update: { sweptBefore: new Date(cutoff) },
    });
  }
  let result: SweepResult;
  let error: string | null = null;
  try {
    result = await sweep(database, { cutoffs, ...opts });
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    result = {
      deleted: Object.fromEntries(DATA_TYPES.map((t) => [t, 0])) as Record<DataType, number>,
      done: false,
      durationMs: 0,
    };
  }
  for (const type of DATA_TYPES) {
    if (cutoffs[type] === null && !error) continue;
    const update = {
      lastRunAt: new Date(now),
      lastDeleted: result.deleted[type],
      lastDurationMs: result.durationMs,
      lastError: error,
      // Other types than predictions and labels record their boundary once they reach it.
      ...(result.done && cutoffs[type] !== null && type !== "predictions" && type !== "labels"
        ? { sweptBefore: new Date(cutoffs[type]) }
        : {}),
    };
    await database.db.retentionState.upsert({
      where: { dataType: type },
      create: { dataType: type, ...update },
      update,
    });
  }
  if (error) throw new Error(`retention sweep failed: ${error}`);
  return { ...result, cutoffs };
}

/** The job's processor: one sweep slice, then due again at once when unfinished, else after the interval. */
export async function runRetentionJob(database: Database): Promise<RetentionRun> {
  const run = await runRetention(database);
  const now = Date.now();
  await pruneBuckets(database, now);
  const next = run.done ? now + env().VIGIL_RETENTION_INTERVAL_MINUTES * 60_000 : now;
  await database.raw.batch(markRetention(database.raw, next, now));
  return run;
}

/** A worker starting makes sure the job exists (due at once the first time; an existing one keeps its time). */
export async function ensureRetentionJob(database: Database): Promise<void> {
  await database.raw.batch(markRetention(database.raw, Date.now(), Date.now(), { ifMissing: true }));
}
