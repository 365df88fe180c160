// The worker's lanes: rule evaluation and notification jobs, and scrapes (with endpoint checks and the GPU
// collector), are each claimed by a loop of their own with a short poll, so an evaluation or a scrape never
// waits behind a long job of the general loop (a 10 s shadow-inference slice, an experiment computation) — nor a
// scrape behind an evaluation. The general loop claims every other kind.
import type { Database } from "../db/client";
import { JOB_KINDS } from "../jobs/contract";
import { claimJobs } from "../jobs/lease";
import {
  ALERT_DISPATCH_JOB,
  ALERT_EVAL_JOB,
  ALERT_SEND_JOB,
  ENDPOINT_CHECK_JOB,
  GPU_COLLECT_JOB,
  SCRAPE_JOB,
} from "../jobs/mark";
import { type RunnerOptions, runJob } from "../jobs/runner";

/** Evaluation (eval-job.ts), routing and the outbox (dispatch-job.ts). */
export const ALERTING_JOB_KINDS: readonly string[] = [ALERT_EVAL_JOB, ALERT_DISPATCH_JOB, ALERT_SEND_JOB];

/**
 * Scrapes of the cluster's targets (lib/cluster/scrape-job.ts) and checks of its serving endpoints
 * (endpoint-job.ts), each on its own interval, and the nvidia-smi collector of a host (nvidia-smi-job.ts).
 */
export const SCRAPE_JOB_KINDS: readonly string[] = [SCRAPE_JOB, ENDPOINT_CHECK_JOB, GPU_COLLECT_JOB];

/**
 * The kinds of each lane. Only a worker whose own collector is on (`collectGpus`) claims GPU collection: a job
 * of another host taken by it would only be postponed (it cannot see that host's GPUs).
 */
export function laneKinds(opts: { collectGpus?: boolean } = {}): {
  alerting: string[];
  scraping: string[];
  general: string[];
} {
  return {
    alerting: [...ALERTING_JOB_KINDS],
    scraping: SCRAPE_JOB_KINDS.filter((kind) => opts.collectGpus || kind !== GPU_COLLECT_JOB),
    general: JOB_KINDS.filter(
      (kind) => !ALERTING_JOB_KINDS.includes(kind) && !SCRAPE_JOB_KINDS.includes(kind),
    ),
  };
}

/** Claims and runs one batch of the given kinds; returns how many jobs it ran. */
export async function runLaneBatch(
  database: Database,
  kinds: string[],
  opts: RunnerOptions,
): Promise<number> {
  const jobs = await claimJobs(database.db, kinds, opts.batchSize ?? 20, opts);
  for (const job of jobs) await runJob(database, job, opts);
  return jobs.length;
}
