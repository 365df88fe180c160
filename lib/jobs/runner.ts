// The worker loop as plain functions: claim due jobs with a lease, run each, complete or back off.
import { writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "../db/client";
import { JOB_KINDS, processors } from "./contract";
import { type ClaimedJob, claimJobs, completeJob, failJob } from "./lease";
import { rerunDelayMs } from "./rerun";

export interface RunnerOptions {
  owner: string;
  leaseMs: number;
  batchSize?: number;
  log?: (message: string) => void;
  /**
   * Spacing of window recomputes marked again during their run (lib/jobs/rerun.ts; the worker passes
   * VIGIL_RECOMPUTE_INTERVAL_MS). Unset or 0: a re-marked job is due again at once (tests, `--once`).
   */
  recomputeIntervalMs?: number;
}

export async function runJob(database: Database, job: ClaimedJob, opts: RunnerOptions): Promise<boolean> {
  const processor = processors[job.kind];
  const startedAt = Date.now();
  try {
    if (!processor) throw new Error(`no processor for job kind "${job.kind}"`);
    await processor(database, JSON.parse(job.payload));
    const delay = rerunDelayMs(job.kind, Date.now() - startedAt, opts.recomputeIntervalMs ?? 0);
    await completeJob(database.db, job, opts.owner, startedAt, delay);
    return true;
  } catch (error) {
    opts.log?.(`job ${job.key} failed (attempt ${job.attempts}): ${(error as Error).message}`);
    await failJob(database.db, job, opts.owner, error);
    return false;
  }
}

/** Claims and runs one batch; returns how many jobs it ran. */
export async function runBatch(database: Database, opts: RunnerOptions): Promise<number> {
  const jobs = await claimJobs(database.db, JOB_KINDS, opts.batchSize ?? 20, opts);
  for (const job of jobs) await runJob(database, job, opts);
  return jobs.length;
}

/** Runs until no job is due (tests, `npm run worker -- --once`, the demo's backfill). */
export async function runUntilIdle(database: Database, opts: RunnerOptions): Promise<number> {
  let total = 0;
  for (;;) {
    const ran = await runBatch(database, opts);
    if (ran === 0) return total;
    total += ran;
  }
}

/** Touched on every heartbeat: a container's liveness probe checks its age (deploy/k8s, docs/deployment.md). */
export const ALIVE_FILE = join(tmpdir(), "vigil-worker-alive");

export async function heartbeat(database: Database, id: string, startedAt: Date): Promise<void> {
  const data = { hostname: hostname(), pid: process.pid, startedAt, beatAt: new Date() };
  await database.db.workerHeartbeat.upsert({ where: { id }, create: { id, ...data }, update: data });
  // Only after the database answered: a worker that cannot reach it is not alive in any useful sense.
  await writeFile(ALIVE_FILE, `${data.beatAt.toISOString()}\n`).catch(() => {});
}

export function workerId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}
