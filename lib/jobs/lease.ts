// Leases: a worker claims a job with an atomic compare-and-set (UPDATE … WHERE unleased or expired), so two
// workers never run the same job at once, and a dead worker's job is taken over once its lease expires.
import type { Db } from "../db/client";

export interface ClaimedJob {
  key: string;
  kind: string;
  payload: string;
  generation: number;
  attempts: number;
}

export interface LeaseOptions {
  owner: string;
  leaseMs: number;
  now?: number;
}

const claimable = (now: Date) => ({
  notBefore: { lte: now },
  OR: [{ leaseOwner: null }, { leaseExpiresAt: { lt: now } }],
});

/** Claims up to `limit` due jobs of the given kinds. */
export async function claimJobs(
  db: Db,
  kinds: string[],
  limit: number,
  opts: LeaseOptions,
): Promise<ClaimedJob[]> {
  const now = new Date(opts.now ?? Date.now());
  const candidates = await db.job.findMany({
    where: { kind: { in: kinds }, ...claimable(now) },
    orderBy: { notBefore: "asc" },
    take: limit,
    select: { key: true },
  });
  const claimed: ClaimedJob[] = [];
  for (const { key } of candidates) {
    const res = await db.job.updateMany({
      where: { key, ...claimable(now) },
      data: {
        leaseOwner: opts.owner,
        leaseExpiresAt: new Date(now.getTime() + opts.leaseMs),
        attempts: { increment: 1 },
      },
    });
    if (res.count !== 1) continue; // another worker won the race
    const job = await db.job.findUnique({
      where: { key },
      select: { key: true, kind: true, payload: true, generation: true, attempts: true, leaseOwner: true },
    });
    if (job && job.leaseOwner === opts.owner) claimed.push(job);
  }
  return claimed;
}

/**
 * Done: delete the job if nobody re-marked it meanwhile (same generation); otherwise release the lease so
 * the newer generation runs again. Returns false when the lease was lost (expired and taken by another).
 * `startedAt`: when the run began. Everything marked before it has been done, so the work left waits from
 * then at the earliest: a due time before it moves up to it (a later one, e.g. a scrape's next slot, stays).
 * Without this, a job re-marked by steady ingest kept its first due time and its lag
 * (vigil_job_lag_seconds) grew although it ran again and again. `rerunDelayMs` (lib/jobs/rerun.ts) moves the
 * re-run further, to `startedAt + rerunDelayMs`.
 */
export async function completeJob(
  db: Db,
  job: ClaimedJob,
  owner: string,
  startedAt?: number,
  rerunDelayMs = 0,
): Promise<boolean> {
  const deleted = await db.job.deleteMany({
    where: { key: job.key, generation: job.generation, leaseOwner: owner },
  });
  if (deleted.count === 1) return true;
  if (startedAt !== undefined) {
    const dueAt = new Date(startedAt + rerunDelayMs);
    await db.job.updateMany({
      where: { key: job.key, leaseOwner: owner, notBefore: { lt: dueAt } },
      data: { notBefore: dueAt },
    });
  }
  const released = await db.job.updateMany({
    where: { key: job.key, leaseOwner: owner },
    data: { leaseOwner: null, leaseExpiresAt: null, attempts: 0 },
  });
  return released.count === 1;
}

/** Failed: release with exponential backoff (1 s, 2 s, 4 s … capped at 5 min) and keep the error for /health. */
export async function failJob(
  db: Db,
  job: ClaimedJob,
  owner: string,
  error: unknown,
  now = Date.now(),
): Promise<void> {
  const delay = Math.min(300_000, 1000 * 2 ** Math.min(job.attempts - 1, 16));
  await db.job.updateMany({
    where: { key: job.key, leaseOwner: owner },
    data: {
      leaseOwner: null,
      leaseExpiresAt: null,
      notBefore: new Date(now + delay),
      lastError: String(error instanceof Error ? error.message : error).slice(0, 2000),
    },
  });
}
