// The outbox sender against real receivers (an HTTP server speaking webhook/Slack, npm smtp-server for email)
// over a fake clock: a receiver down for 5 minutes gets everything once it is back (retried with backoff,
// Retry-After honoured), nothing lost, nothing twice; a 429's Retry-After is respected; Slack 404/410 and SMTP
// 550 end as failed and show on the contact point; Slack messages to one webhook are ≥ 1 s apart.
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Notification, ZERO_TIME } from "@/lib/alerts/channels/types";
import { deliver, recordOutcome } from "@/lib/alerts/contact-points";
import { MAX_RETRY_AGE_MS, type SendDeps, sendOutbox } from "@/lib/alerts/outbox";
import { encryptSecret } from "@/lib/auth/secrets";
import type { Database } from "@/lib/db/client";
import { useTestDatabase } from "../helpers/database";
import { createWebhookContactPoint, Receiver } from "./alerts-delivery-fixture";

const SECRET_KEY = "delivery-test-secret-key-0123456789";
let database: Database;
beforeAll(async () => {
  database = await useTestDatabase({
    VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1",
    VIGIL_SECRET_KEY: SECRET_KEY,
  });
});
const S = 1000;
const T0 = Date.UTC(2026, 10, 28, 10, 0, 0);
const receiver = new Receiver();
let hookId = 0;

function notification(i: number): Notification & { panelURL: null } {
  return {
    receiver: "hook",
    status: "firing",
    groupKey: `0:{alertname="A${i}"}`,
    groupLabels: { alertname: `A${i}` },
    commonLabels: { alertname: `A${i}` },
    commonAnnotations: {},
    externalURL: "http://vigil.example",
    silenceURL: "http://vigil.example/alerting/silences/new",
    truncatedAlerts: 0,
    alerts: [
      {
        status: "firing",
        labels: { alertname: `A${i}` },
        annotations: {},
        startsAt: new Date(T0).toISOString(),
        endsAt: ZERO_TIME,
        generatorURL: "http://vigil.example/alerting/rules/1",
        fingerprint: `fp${i}`,
        value: 1,
      },
    ],
    panelURL: null,
  };
}

async function enqueue(contactPointId: number, count: number, at: number, prefix: string) {
  for (let i = 0; i < count; i++)
    await database.db.alertNotification.create({
      data: {
        key: `${prefix}-${i}`,
        contactPointId,
        groupKey: `g${i}`,
        payload: JSON.stringify(notification(i)),
        nextAttemptAt: new Date(at),
        createdAt: new Date(at),
      },
    });
}

/** The real deliver, logging each attempt at the fake clock's time. */
function loggingDeps(clock: () => number, log: Array<{ at: number; key: string }>): SendDeps {
  return {
    deliver: (db, cp, n, opts) => {
      log.push({ at: clock(), key: opts.notificationId });
      return deliver(db, cp, n, opts);
    },
    recordOutcome,
  };
}

beforeAll(async () => {
  await receiver.start();
  hookId = await createWebhookContactPoint(database, "hook", `${receiver.url}/hook`);
});
afterAll(() => receiver.close());
beforeEach(async () => {
  await database.db.alertNotification.deleteMany();
  receiver.received = [];
  receiver.refused = [];
  receiver.mode = { status: 200 };
});

describe("retries", () => {
  it("receiver down for 5 minutes: retried with backoff and Retry-After, then all delivered once", async () => {
    await enqueue(hookId, 10, T0, "down");
    let now = T0;
    const clock = () => now;
    const log: Array<{ at: number; key: string }> = [];
    const deps = loggingDeps(clock, log);
    // connection refused for the first 150 s, then 503 with Retry-After: 60 until 5 min have passed
    while (now < T0 + 10 * 60 * S) {
      receiver.mode =
        now < T0 + 150 * S
          ? "down"
          : now < T0 + 300 * S
            ? { status: 503, retryAfter: "60" }
            : { status: 200 };
      const result = await sendOutbox(database, deps, { owner: "test", leaseMs: 30 * S, clock });
      if (result.nextRunAt === null) break;
      now = Math.max(now + 1, result.nextRunAt); // the send job is marked at the earliest retry
    }
    const rows = await database.db.alertNotification.findMany();
    expect(rows.map((r) => r.status)).toEqual(Array(10).fill("sent"));
    const ids = receiver.received.map((r) => r.id).sort();
    expect(ids).toEqual(rows.map((r) => r.key).sort()); // every one, none twice
    for (const row of rows) {
      const times = log.filter((l) => l.key === row.key).map((l) => l.at - T0);
      const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
      // exponential: each wait at least 0.8 × 1 s × 2^(n-1); during the 503s at least the 60 s asked for
      gaps.forEach((gap, i) => {
        expect(gap).toBeGreaterThanOrEqual(0.8 * 1000 * 2 ** i - 1);
        if ((times[i] as number) >= 150 * S && (times[i] as number) < 300 * S)
          expect(gap).toBeGreaterThanOrEqual(60 * S);
      });
      expect(times.at(-1)).toBeGreaterThanOrEqual(300 * S);
      expect(times.length).toBeLessThanOrEqual(12);
      expect(row.attempts).toBe(times.length);
    }
    expect((await database.db.contactPoint.findUniqueOrThrow({ where: { id: hookId } })).lastStatus).toBe(
      "sent",
    );
  });

  it("honours a 429's Retry-After", async () => {
    await enqueue(hookId, 1, T0, "429");
    let now = T0;
    const clock = () => now;
    receiver.mode = { status: 429, retryAfter: "30" };
    const first = await sendOutbox(
      database,
      { deliver, recordOutcome },
      { owner: "t", leaseMs: 30 * S, clock },
    );
    expect(first).toMatchObject({ sent: 0, retried: 1 });
    expect(first.nextRunAt).toBeGreaterThanOrEqual(T0 + 30 * S);
    receiver.mode = { status: 200 };
    now = T0 + 29 * S;
    expect(
      (await sendOutbox(database, { deliver, recordOutcome }, { owner: "t", leaseMs: 30 * S, clock })).sent,
    ).toBe(0);
    now = first.nextRunAt as number;
    expect(
      (await sendOutbox(database, { deliver, recordOutcome }, { owner: "t", leaseMs: 30 * S, clock })).sent,
    ).toBe(1);
    expect(receiver.received).toHaveLength(1);
  });

  it("gives up after 24 h of retryable errors, with a clear error", async () => {
    await enqueue(hookId, 1, T0 - MAX_RETRY_AGE_MS, "old");
    receiver.mode = { status: 503 };
    const result = await sendOutbox(
      database,
      { deliver, recordOutcome },
      { owner: "t", leaseMs: 30 * S, clock: () => T0 },
    );
    expect(result.failed).toBe(1);
    const row = await database.db.alertNotification.findFirstOrThrow();
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/^gave up after 24 h of retries; last error: HTTP 503/);
  });

  it("a row leased by a sender that died is taken over once its lease expires", async () => {
    await enqueue(hookId, 1, T0, "lease");
    await database.db.alertNotification.updateMany({
      data: { leaseOwner: "dead", leaseExpiresAt: new Date(T0 + 30 * S) },
    });
    const run = (at: number) =>
      sendOutbox(database, { deliver, recordOutcome }, { owner: "t", leaseMs: 30 * S, clock: () => at });
    expect((await run(T0 + 29 * S)).sent).toBe(0);
    expect((await run(T0 + 31 * S)).sent).toBe(1);
  });
});

describe("permanent errors", () => {
  it("Slack 404 and 410 fail for good and show on the contact point", async () => {
    for (const status of [404, 410]) {
      const cp = await database.db.contactPoint.create({
        data: {
          name: `slack-${status}`,
          kind: "slack",
          settings: "{}",
          secretEncrypted: encryptSecret(`${receiver.url}/slack/${status}`, SECRET_KEY),
        },
      });
      await enqueue(cp.id, 1, T0, `slack-${status}`);
      receiver.mode = { status };
      const result = await sendOutbox(
        database,
        { deliver, recordOutcome },
        { owner: "t", leaseMs: 30 * S, clock: () => T0 },
      );
      expect(result).toMatchObject({ failed: 1, nextRunAt: null });
      const row = await database.db.alertNotification.findFirstOrThrow({ where: { contactPointId: cp.id } });
      expect(row).toMatchObject({ status: "failed", attempts: 1 });
      expect(row.lastError).toMatch(new RegExp(`^HTTP ${status}`));
      const after = await database.db.contactPoint.findUniqueOrThrow({ where: { id: cp.id } });
      expect(after).toMatchObject({ lastStatus: "permanent" });
      expect(after.lastError).toMatch(new RegExp(`HTTP ${status}`));
    }
  });

  it("SMTP 550 fails for good; SMTP 452 is retried", async () => {
    const smtp = new SMTPServer({
      authOptional: true,
      logger: false,
      onRcptTo(address, _session, cb) {
        if (address.address.startsWith("nobody@"))
          cb(Object.assign(new Error("no such user"), { responseCode: 550 }));
        else if (address.address.startsWith("full@"))
          cb(Object.assign(new Error("mailbox full"), { responseCode: 452 }));
        else cb();
      },
      onData(stream, _session, cb) {
        stream.resume();
        stream.on("end", () => cb());
      },
    });
    await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
    const port = (smtp.server.address() as { port: number }).port;
    try {
      const ids: number[] = [];
      for (const to of ["nobody@example.com", "full@example.com"]) {
        const cp = await database.db.contactPoint.create({
          data: {
            name: `mail-${to}`,
            kind: "email",
            settings: JSON.stringify({
              host: "127.0.0.1",
              port,
              security: "none",
              rejectUnauthorized: false,
              from: "vigil@example.com",
              to: [to],
            }),
          },
        });
        ids.push(cp.id);
        await enqueue(cp.id, 1, T0, `mail-${to}`);
      }
      await sendOutbox(
        database,
        { deliver, recordOutcome },
        { owner: "t", leaseMs: 30 * S, clock: () => T0 },
      );
      const rows = await database.db.alertNotification.findMany({
        where: { contactPointId: { in: ids } },
        orderBy: { contactPointId: "asc" },
      });
      expect(rows.map((r) => r.status)).toEqual(["failed", "pending"]);
      expect(rows[0]?.lastError).toMatch(/SMTP 550/);
      expect(rows[1]?.lastError).toMatch(/SMTP 452/);
      expect(rows[1]?.nextAttemptAt.getTime()).toBeGreaterThan(T0);
      const cps = await database.db.contactPoint.findMany({
        where: { id: { in: ids } },
        orderBy: { id: "asc" },
      });
      expect(cps.map((c) => c.lastStatus)).toEqual(["permanent", "retry"]);
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });
});

describe("Slack pacing", () => {
  it("sends at most one message per second to one Slack webhook", async () => {
    const cp = await database.db.contactPoint.create({
      data: {
        name: "slack-paced",
        kind: "slack",
        settings: "{}",
        secretEncrypted: encryptSecret(`${receiver.url}/slack/ok`, SECRET_KEY),
      },
    });
    const now = Date.now();
    await enqueue(cp.id, 3, now, "pace-a");
    // the first batch in one run, the rest in a second run: the spacing holds across runs (from sentAt)
    expect(
      (await sendOutbox(database, { deliver, recordOutcome }, { owner: "a", leaseMs: 30 * S })).sent,
    ).toBe(3);
    await enqueue(cp.id, 2, Date.now(), "pace-b");
    expect(
      (await sendOutbox(database, { deliver, recordOutcome }, { owner: "b", leaseMs: 30 * S })).sent,
    ).toBe(2);
    const times = receiver.received.filter((r) => r.path === "/slack/ok").map((r) => r.at);
    expect(times).toHaveLength(5);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000);
  }, 20_000);
});
