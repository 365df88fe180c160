// The two delivery jobs, one row each: `alert-dispatch` routes and groups alerts and fills the outbox
// (lib/alerts/dispatch.ts); `alert-send` empties the outbox (lib/alerts/outbox.ts). The evaluator marks the
// dispatch job after every evaluation, the API after a policy, silence or contact-point change; each job
// marks itself again for its next due time (the earliest group flush, the earliest retry) and dispatch marks
// the send job when it added rows. Each job's lease makes one worker run it at a time.
import { hostname } from "node:os";
import { env } from "../config/env";
import type { Database } from "../db/client";
import { ALERT_DISPATCH_JOB, ALERT_SEND_JOB, markAlertDelivery } from "../jobs/mark";
import { deliver, recordOutcome } from "./contact-points";
import { type DispatchResult, dispatchAlerts } from "./dispatch";
import { type SendResult, sendOutbox } from "./outbox";
import { loadPolicy } from "./policy-store";
import { activeSilences } from "./silence-store";

export { ALERT_DISPATCH_JOB, ALERT_SEND_JOB };

/** (Re)schedules dispatch at `at` (default now); an earlier mark is never pushed back. */
export async function markAlertDispatch(database: Database, at?: number): Promise<void> {
  await database.raw.batch(markAlertDelivery(database.raw, ALERT_DISPATCH_JOB, at ?? Date.now()));
}

export async function markAlertSend(database: Database, at?: number): Promise<void> {
  await database.raw.batch(markAlertDelivery(database.raw, ALERT_SEND_JOB, at ?? Date.now()));
}

async function generationOf(database: Database, key: string): Promise<number> {
  const row = await database.db.job.findUnique({ where: { key }, select: { generation: true } });
  return row?.generation ?? -1;
}

/** Marks the job for its own next run; a mark by someone else while it ran wins if it is earlier. */
async function remark(
  database: Database,
  key: typeof ALERT_DISPATCH_JOB | typeof ALERT_SEND_JOB,
  at: number,
  generation: number,
) {
  await database.raw.batch(markAlertDelivery(database.raw, key, at, Date.now(), generation));
}

export const dispatchDeps = { loadPolicy, activeSilences };

export async function runAlertDispatch(database: Database, now = Date.now()): Promise<DispatchResult> {
  const generation = await generationOf(database, ALERT_DISPATCH_JOB);
  const result = await dispatchAlerts(database, dispatchDeps, { now, publicURL: publicURL() });
  if (result.inserted > 0) await markAlertSend(database, now);
  if (result.nextRunAt !== null) await remark(database, ALERT_DISPATCH_JOB, result.nextRunAt, generation);
  return result;
}

/** This process's name on the rows it leases (the job runner's id is not passed to processors). */
const senderOwner = `${hostname()}:${process.pid}:send:${Math.random().toString(36).slice(2, 8)}`;

/**
 * VIGIL_PUBLIC_URL (the API side adds it to lib/config/env.ts): read through the validated settings when it
 * is there, with the documented default.
 */
function publicURL(): string {
  const settings: Record<string, unknown> = env();
  const value = settings.VIGIL_PUBLIC_URL;
  return typeof value === "string" && value !== "" ? value : "http://localhost:3000";
}

export async function runAlertSend(database: Database): Promise<SendResult> {
  const generation = await generationOf(database, ALERT_SEND_JOB);
  const leaseMs = env().VIGIL_LEASE_SECONDS * 1000;
  const result = await sendOutbox(
    database,
    { deliver, recordOutcome },
    { owner: senderOwner, leaseMs, budgetMs: Math.max(1000, leaseMs / 2) },
  );
  if (result.nextRunAt !== null) await remark(database, ALERT_SEND_JOB, result.nextRunAt, generation);
  return result;
}
