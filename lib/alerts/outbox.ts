// The outbox sender: claims due notifications with a lease on each ROW (an atomic UPDATE … WHERE unleased or
// lease expired), delivers them through their contact point, and records the outcome — sent; retry later with
// exponential backoff (Retry-After honoured); failed for good on a permanent error (shown on the contact point).
// At-least-once: a sender that dies after the receiver took a notification and before recording it leaves the
// row leased; once the lease expires another sender sends it again (the receiver sees the same
// X-Vigil-Notification-Id). Retryable errors are retried for MAX_RETRY_AGE_MS, then the row fails with a
// clear error (a notification a day late has lost its point; the contact point shows it).
import type { Database } from "../db/client";
import { backoffMs, type DeliveryOutcome, type Notification } from "./channels/types";
import type { ContactPointRow } from "./contact-points";
import type { OutboxPayload } from "./dispatch-notification";
import { SlackPacer } from "./outbox-pacing";

export const MAX_RETRY_AGE_MS = 24 * 3_600_000;

export interface SendDeps {
  deliver: (
    database: Database,
    contactPoint: ContactPointRow,
    n: Notification,
    opts: { notificationId: string; panelURL: string | null },
  ) => Promise<DeliveryOutcome>;
  recordOutcome: (
    database: Database,
    contactPointId: number,
    outcome: DeliveryOutcome,
    at?: Date,
  ) => Promise<void>;
}

export interface SendOptions {
  owner: string;
  leaseMs: number;
  /** the clock (ms); tests move it by hand */
  clock?: () => number;
  /** waits (Slack pacing); tests advance their clock instead */
  sleep?: (ms: number) => Promise<void>;
  /** rows claimed per round */
  batchSize?: number;
  /** stop claiming new rounds after this long (the rest waits for the next run) */
  budgetMs?: number;
  random?: () => number;
}

export interface SendResult {
  sent: number;
  retried: number;
  failed: number;
  /** earliest time a pending row is due again (its nextAttemptAt, or its lease expiry), null when none */
  nextRunAt: number | null;
}

interface ClaimedRow {
  id: number;
  key: string;
  contactPointId: number;
  payload: string;
  attempts: number;
  createdAt: number;
}

/** Claims up to `limit` due rows: the UPDATE only succeeds on a row nobody holds (or whose holder's lease ran out). */
async function claimRows(database: Database, owner: string, now: number, leaseMs: number, limit: number) {
  const { raw } = database;
  const candidates = await raw.query<{ id: number }>(
    `SELECT "id" FROM "AlertNotification" WHERE "status" = 'pending' AND "nextAttemptAt" <= ?
       AND ("leaseOwner" IS NULL OR "leaseExpiresAt" < ?) ORDER BY "nextAttemptAt", "id" LIMIT ${Math.floor(limit)}`,
    [raw.time(now), raw.time(now)],
  );
  const claimed: ClaimedRow[] = [];
  for (const { id } of candidates) {
    const [count] = await raw.batch([
      {
        sql: `UPDATE "AlertNotification" SET "leaseOwner" = ?, "leaseExpiresAt" = ?
              WHERE "id" = ? AND "status" = 'pending' AND ("leaseOwner" IS NULL OR "leaseExpiresAt" < ?)`,
        params: [owner, raw.time(now + leaseMs), Number(id), raw.time(now)],
      },
    ]);
    if (count !== 1) continue; // another sender won the race
    const [row] = await raw.query<Record<string, unknown>>(
      `SELECT "id","key","contactPointId","payload","attempts","createdAt" FROM "AlertNotification" WHERE "id" = ?`,
      [Number(id)],
    );
    if (row)
      claimed.push({
        id: Number(row.id),
        key: String(row.key),
        contactPointId: Number(row.contactPointId),
        payload: String(row.payload),
        attempts: Number(row.attempts),
        createdAt: raw.readTime(row.createdAt),
      });
  }
  return claimed;
}

/** Records the outcome of one attempt, if this sender still holds the row. */
async function settle(
  database: Database,
  row: ClaimedRow,
  owner: string,
  outcome: DeliveryOutcome,
  at: number,
  random: () => number,
) {
  const { raw } = database;
  const attempts = row.attempts + 1;
  const detail = outcome.detail.slice(0, 2000);
  let sql: string;
  let params: unknown[];
  let kind: "sent" | "retry" | "failed" = outcome.kind === "permanent" ? "failed" : outcome.kind;
  if (outcome.kind === "sent") {
    sql = `"status" = 'sent', "sentAt" = ?, "response" = ?, "lastError" = NULL`;
    params = [raw.time(at), detail];
  } else if (outcome.kind === "retry" && at - row.createdAt < MAX_RETRY_AGE_MS) {
    const delay = backoffMs(attempts, outcome.retryAfterMs, random);
    sql = `"nextAttemptAt" = ?, "lastError" = ?, "response" = ?`;
    params = [raw.time(at + delay), detail, detail];
  } else {
    kind = "failed";
    const why =
      outcome.kind === "retry"
        ? `gave up after ${MAX_RETRY_AGE_MS / 3_600_000} h of retries; last error: ${detail}`
        : detail;
    sql = `"status" = 'failed', "lastError" = ?, "response" = ?`;
    params = [why.slice(0, 2000), detail];
  }
  await raw.batch([
    {
      sql: `UPDATE "AlertNotification" SET ${sql}, "attempts" = ?, "leaseOwner" = NULL, "leaseExpiresAt" = NULL
            WHERE "id" = ? AND "leaseOwner" = ?`,
      params: [...params, attempts, row.id, owner],
    },
  ]);
  return kind;
}

/** The earliest moment a pending row needs a sender: its next attempt, or when a dead sender's lease runs out. */
export async function nextSendAt(database: Database): Promise<number | null> {
  const { raw } = database;
  const [row] = await raw.query<{ next: unknown; lease: unknown }>(
    `SELECT MIN("nextAttemptAt") AS "next", MIN("leaseExpiresAt") AS "lease" FROM "AlertNotification" WHERE "status" = 'pending'`,
  );
  const times = [row?.next, row?.lease]
    .filter((v) => v !== null && v !== undefined)
    .map((v) => raw.readTime(v));
  return times.length > 0 ? Math.min(...times) : null;
}

/** Sends what is due; rows of one contact point go in order, contact points side by side. */
export async function sendOutbox(database: Database, deps: SendDeps, opts: SendOptions): Promise<SendResult> {
  const clock = opts.clock ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  const started = clock();
  const pacer = new SlackPacer(database, clock, sleep);
  const result: SendResult = { sent: 0, retried: 0, failed: 0, nextRunAt: null };
  for (;;) {
    const rows = await claimRows(database, opts.owner, clock(), opts.leaseMs, opts.batchSize ?? 20);
    if (rows.length === 0) break;
    const byContactPoint = new Map<number, ClaimedRow[]>();
    for (const row of rows)
      byContactPoint.set(row.contactPointId, [...(byContactPoint.get(row.contactPointId) ?? []), row]);
    const contactPoints = new Map(
      (await database.db.contactPoint.findMany({ where: { id: { in: [...byContactPoint.keys()] } } })).map(
        (c) => [c.id, c],
      ),
    );
    await Promise.all(
      [...byContactPoint].map(async ([contactPointId, list]) => {
        const contactPoint = contactPoints.get(contactPointId);
        for (const row of list) {
          let outcome: DeliveryOutcome;
          if (!contactPoint) outcome = { kind: "permanent", detail: "the contact point was deleted" };
          else {
            if (contactPoint.kind === "slack") await pacer.wait(contactPointId);
            const payload = JSON.parse(row.payload) as OutboxPayload;
            const { panelURL, ...notification } = payload;
            outcome = await deps
              .deliver(database, contactPoint, notification, {
                notificationId: row.key,
                panelURL: panelURL ?? null,
              })
              .catch((error: Error) => ({
                kind: "retry" as const,
                detail: error.message,
                retryAfterMs: null,
              }));
            if (contactPoint.kind === "slack") pacer.sent(contactPointId);
          }
          const at = clock();
          const kind = await settle(database, row, opts.owner, outcome, at, random);
          if (kind === "sent") result.sent++;
          else if (kind === "retry") result.retried++;
          else result.failed++;
          if (contactPoint) await deps.recordOutcome(database, contactPointId, outcome, new Date(at));
        }
      }),
    );
    if (clock() - started > (opts.budgetMs ?? 20_000)) break;
  }
  result.nextRunAt = await nextSendAt(database);
  return result;
}
