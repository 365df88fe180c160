// Several workers, one evaluation per group and slot: three alerting-lane loops with their own owners run side
// by side over a dozen intervals of three groups; every slot of every group is evaluated exactly once, none
// skipped. On PostgreSQL each loop has its own connection pool, as separate worker processes would. SQLite's
// driver waits for a lock synchronously, so a second connection in one process would block the thread that
// holds the lock: there the loops share the process's one connection (separate processes each have theirs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALERT_EVAL_JOB,
  type EvaluationEvent,
  markAlertGroup,
  observeEvaluations,
} from "@/lib/alerts/eval-job";
import { laneKinds, runLaneBatch } from "@/lib/alerts/worker-lane";
import { connectDatabase, type Database } from "@/lib/db/client";
import { useTestDatabase } from "../helpers/database";

let database: Database;
const extra: Database[] = [];
beforeAll(async () => {
  database = await useTestDatabase();
  if (database.flavour === "postgres")
    for (let i = 0; i < 2; i++) extra.push(await connectDatabase(database.url));
});
afterAll(async () => {
  for (const d of extra) await d.close();
});

// Test-sized: the API refuses less than 10 s, the engine takes what the group row says.
const INTERVAL_MS = 1000;
const RUN_MS = 11 * INTERVAL_MS + 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("several workers", () => {
  it("evaluate each group exactly once per interval", async () => {
    const ids: number[] = [];
    for (const name of ["w1", "w2", "w3"]) {
      const row = await database.db.alertRuleGroup.create({
        data: {
          name,
          intervalMs: INTERVAL_MS,
          rules: JSON.stringify([{ kind: "record", name: `tick_${name}`, expr: "vector(1)", labels: {} }]),
        },
      });
      ids.push(row.id);
    }
    const events: EvaluationEvent[] = [];
    const stop = observeEvaluations((e) => events.push(e));
    // Only evaluation jobs: dispatch (marked after every evaluation) has its own tests, and on this 2-core
    // machine its runs would crowd a test-sized 1 s interval.
    const alerting = laneKinds().alerting.filter((kind) => kind === ALERT_EVAL_JOB);
    let running = true;
    const loop = async (db: Database, owner: string) => {
      const opts = { owner, leaseMs: 30_000 };
      while (running) if ((await runLaneBatch(db, alerting, opts)) === 0) await sleep(15);
    };
    const started = Date.now();
    for (const id of ids) await markAlertGroup(database, id, started);
    const loops = [
      loop(database, "worker-a"),
      loop(extra[0] ?? database, "worker-b"),
      loop(extra[1] ?? database, "worker-c"),
    ];
    await sleep(RUN_MS);
    running = false;
    await Promise.all(loops);
    stop();

    for (const id of ids) {
      const ats = events.filter((e) => e.groupId === id).map((e) => e.at);
      const sorted = [...ats].sort((a, b) => a - b);
      expect(new Set(ats).size, `group ${id}: one evaluation per slot`).toBe(ats.length);
      expect(ats.length, `group ${id}: evaluations`).toBeGreaterThanOrEqual(10);
      const gaps = sorted.slice(1).map((t, i) => t - sorted[i]!);
      expect(
        new Set(gaps),
        `group ${id}: no slot skipped: ${sorted.map((t) => t - sorted[0]!)} missed ${events.map((e) => e.missed)} durations ${events.map((e) => Math.round(e.durationMs))}`,
      ).toEqual(new Set([INTERVAL_MS]));
    }
    expect(events.every((e) => e.missed === 0)).toBe(true);
    // Each slot's recorded sample exists once: one point per slot in the store.
    const points = await database.raw.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM "SeriesPoint" p JOIN "Series" s ON s."id" = p."seriesId" WHERE s."name" LIKE 'tick_%'`,
    );
    expect(Number(points[0]!.n)).toBe(events.length);
  }, 30_000);
});
