// kill -9 during a storm: 100 alerting rules fire at once and go the whole real way — evaluation job → rule
// states → dispatch job → outbox → send job → a real webhook receiver — in a real worker process
// (`node --import tsx workers/main.ts`) that is SIGKILLed at random moments 20 times and restarted. At the end
// every notification has arrived, and duplicates (counted by X-Vigil-Notification-Id) are at most one per crash.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { markAlertGroup } from "@/lib/alerts/eval-job";
import type { Database } from "@/lib/db/client";
import { useTestDatabase } from "../helpers/database";
import { createWebhookContactPoint, Receiver } from "./alerts-delivery-fixture";

const ALERTS = 100;
const CRASHES = 20;
let database: Database;
beforeAll(async () => {
  database = await useTestDatabase({ VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1" });
});
const receiver = new Receiver();

beforeAll(async () => {
  await receiver.start();
});
afterAll(() => receiver.close());

function startWorker(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: {
      ...process.env,
      VIGIL_ALERT_POLL_MS: "50",
      VIGIL_WORKER_POLL_MS: "200",
      VIGIL_LEASE_SECONDS: "2",
      VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Resolves once the worker says it started (its loops run from then on). */
const started = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.stdout?.on("data", (c: Buffer) => {
      if (c.toString().includes("started")) resolve();
    });
    child.once("exit", () => resolve());
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once("exit", () => r()));
const distinct = () => new Set(receiver.received.map((r) => r.id)).size;

it("delivers every notification of a 100-alert storm through 20 SIGKILLs, at most one duplicate per crash", async () => {
  receiver.delayMs = 20;
  await createWebhookContactPoint(database, "hook", `${receiver.url}/storm`);
  await database.db.notificationPolicy.create({
    data: {
      id: 1,
      tree: JSON.stringify({
        route: {
          receiver: "hook",
          group_by: ["alertname"],
          group_wait: "1s",
          group_interval: "10s",
          repeat_interval: "4h",
        },
        time_intervals: [],
      }),
      inhibitRules: "[]",
    },
  });
  const rules = Array.from({ length: ALERTS }, (_, i) => ({
    kind: "alert",
    name: `Storm${i}`,
    expr: "vector(1)",
    forMs: 0,
    keepFiringForMs: 0,
    labels: { severity: "critical" },
    annotations: { summary: `storm ${i}` },
    noData: "ok",
    onError: "ok",
  }));
  const group = await database.db.alertRuleGroup.create({
    data: { name: "storm", intervalMs: 10_000, rules: JSON.stringify(rules) },
  });
  await markAlertGroup(database, group.id);

  let stderr = "";
  for (let crash = 0; crash < CRASHES; crash++) {
    const worker = startWorker();
    worker.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    await started(worker);
    await sleep(Math.random() * 1500); // a random point of its work: evaluating, dispatching, sending
    worker.kill("SIGKILL");
    await exited(worker);
  }
  const midway = distinct();
  const last = startWorker();
  const deadline = Date.now() + 60_000;
  while (distinct() < ALERTS && Date.now() < deadline) await sleep(200);
  await sleep(1500); // anything still in flight
  last.kill("SIGTERM");
  await exited(last);

  const ids = receiver.received.map((r) => r.id);
  const names = new Set(
    receiver.received.map((r) => (r.body.groupLabels as Record<string, string>).alertname),
  );
  const duplicates = ids.length - new Set(ids).size;
  console.log(
    `[kill-storm ${database.flavour}] ${midway} distinct before the last start, ${new Set(ids).size} at the end, ${duplicates} duplicates after ${CRASHES} crashes`,
  );
  expect(names.size, stderr.slice(-2000)).toBe(ALERTS);
  expect(new Set(ids).size).toBe(ALERTS);
  expect(duplicates).toBeLessThanOrEqual(CRASHES);
  const rows = await database.db.alertNotification.findMany({ select: { status: true } });
  expect(rows.map((r) => r.status)).toEqual(Array(ALERTS).fill("sent"));
}, 180_000);
