// Leases: no job runs twice at once, a dead worker's job is taken over, and two worker processes
// draining one database run every job exactly once.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import type { Database } from "@/lib/db/client";
import { claimJobs, completeJob } from "@/lib/jobs/lease";
import { markQualityWindows, QUALITY_JOB } from "@/lib/jobs/mark";
import { runJob } from "@/lib/jobs/runner";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

const run = promisify(execFile);
let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

const lease = (owner: string, leaseMs = 60_000) => ({ owner, leaseMs });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ingestSpread(model: string, hours: number) {
  const start = Date.parse("2026-11-01T00:30:00Z");
  const predictions = Array.from({ length: hours * 3 }, (_, i) => ({
    id: `${model}-${i}`,
    model,
    version: "v1",
    timestamp: start + Math.floor(i / 3) * 3_600_000,
    prediction: i % 2,
    score: (i % 10) / 10,
  }));
  const res = await call(postPredictions, { path: "/api/v1/predictions", body: { predictions } });
  expect(res.status).toBe(200);
}

describe("job leases", () => {
  it("a claimed job cannot be claimed again until its lease expires; the late owner cannot complete it", async () => {
    await ingestSpread("lease-a", 1);
    // Explicit clocks: the lease's expiry does not depend on how loaded the machine is.
    const t0 = Date.now();
    const a = await claimJobs(database.db, [QUALITY_JOB], 100, { ...lease("worker-a", 400), now: t0 });
    expect(a.length).toBe(1); // the 5-minute bucket (it marks its hour when it is stored)
    expect(await claimJobs(database.db, [QUALITY_JOB], 100, { ...lease("worker-b"), now: t0 + 399 })).toEqual(
      [],
    );
    const b = await claimJobs(database.db, [QUALITY_JOB], 100, { ...lease("worker-b"), now: t0 + 401 });
    expect(b.map((j) => j.key).sort()).toEqual(a.map((j) => j.key).sort());
    expect(await completeJob(database.db, a[0]!, "worker-a")).toBe(false);
    expect(await database.db.job.count({ where: { key: a[0]!.key } })).toBe(1);
    for (const job of b) expect(await completeJob(database.db, job, "worker-b")).toBe(true);
    expect(await database.db.job.count({ where: { kind: QUALITY_JOB } })).toBe(0);
    await database.db.job.deleteMany(); // the hour's drift job
  });

  it("work marked again while a worker runs it stays queued for another run", async () => {
    await ingestSpread("lease-b", 1);
    const [job] = await claimJobs(database.db, [QUALITY_JOB], 1, lease("w"));
    const payload = JSON.parse(job!.payload);
    await database.raw.batch(markQualityWindows(database.raw, [payload]));
    expect(await completeJob(database.db, job!, "w")).toBe(true);
    const again = await database.db.job.findUnique({ where: { key: job!.key } });
    expect(again).toMatchObject({ generation: job!.generation + 1, leaseOwner: null });
    await database.db.job.deleteMany();
  });

  it("a job marked again during its run waits from the run's start, not from its first mark (job lag)", async () => {
    await ingestSpread("lease-lag", 1);
    const [job] = await claimJobs(database.db, [QUALITY_JOB], 1, lease("w"));
    const first = (await database.db.job.findUniqueOrThrow({ where: { key: job!.key } })).notBefore.getTime();
    await database.raw.batch(markQualityWindows(database.raw, [JSON.parse(job!.payload)]));
    const startedAt = first + 90_000;
    expect(await completeJob(database.db, job!, "w", startedAt)).toBe(true);
    const again = await database.db.job.findUniqueOrThrow({ where: { key: job!.key } });
    expect(again.notBefore.getTime()).toBe(startedAt);
    // a due time already later than the run's start (a scheduled job's next slot) is kept
    const [next] = await claimJobs(database.db, [QUALITY_JOB], 1, { ...lease("w"), now: startedAt + 1 });
    await database.db.job.update({
      where: { key: job!.key },
      data: { notBefore: new Date(startedAt + 60_000), generation: { increment: 1 } },
    });
    expect(await completeJob(database.db, next!, "w", startedAt + 1)).toBe(true);
    expect((await database.db.job.findUniqueOrThrow({ where: { key: job!.key } })).notBefore.getTime()).toBe(
      startedAt + 60_000,
    );
    await database.db.job.deleteMany();
  });

  it("a window recompute marked again during its run is due again after the recompute interval", async () => {
    await ingestSpread("lease-spacing", 1);
    const [job] = await claimJobs(database.db, [QUALITY_JOB], 1, lease("w"));
    // Marked again while it runs, as steady ingest does.
    const started = Date.now();
    await database.raw.batch(markQualityWindows(database.raw, [JSON.parse(job!.payload)]));
    expect(await runJob(database, job!, { ...lease("w"), recomputeIntervalMs: 5000 })).toBe(true);
    const again = await database.db.job.findUniqueOrThrow({ where: { key: job!.key } });
    expect(again.leaseOwner).toBeNull();
    expect(again.notBefore.getTime()).toBeGreaterThanOrEqual(started + 5000);
    expect(again.notBefore.getTime()).toBeLessThanOrEqual(Date.now() + 5000);
    // not claimable before then (the day window's job is); claimable after
    const keys = async (now?: number) =>
      (await claimJobs(database.db, [QUALITY_JOB], 10, { ...lease(`w${now ?? 0}`), now })).map((j) => j.key);
    expect(await keys()).not.toContain(job!.key);
    expect(await keys(again.notBefore.getTime())).toContain(job!.key);
    await database.db.job.deleteMany();
  });

  it("two worker processes against one database run each job exactly once, including a dead worker's", async () => {
    await ingestSpread("lease-c", 60);
    const total = await database.db.job.count();
    expect(total).toBe(60 + 60); // one 5-minute bucket an hour over 3 days: its quality and its drift job
    // A worker that died holding leases: its jobs come back once the lease expires.
    const orphaned = await claimJobs(database.db, [QUALITY_JOB], 5, lease("dead-worker", 500));
    expect(orphaned).toHaveLength(5);
    await sleep(600);
    const env = { ...process.env, VIGIL_LEASE_SECONDS: "30" };
    const worker = () => run(process.execPath, ["--import", "tsx", "workers/main.ts", "--once"], { env });
    const outputs = await Promise.all([worker(), worker()]);
    const ran = outputs.map((o) => Number(/ran (\d+) jobs/.exec(o.stdout)?.[1] ?? Number.NaN));
    // Plus what they mark while they run: the 60 quality and 60 drift hours (one per bucket), and the 3 quality
    // and 3 drift days: once each, or again when one of its hours is written after the day started (the
    // generation counter re-runs it), at most once per hour.
    expect(ran[0]! + ran[1]!).toBeGreaterThanOrEqual(total + 120 + 3 + 3);
    expect(ran[0]! + ran[1]!).toBeLessThanOrEqual(total + 120 + 60 + 60);
    expect(await database.db.job.findMany({ select: { key: true, lastError: true } })).toEqual([]);
    const model = await database.db.model.findUniqueOrThrow({ where: { name: "lease-c" } });
    const rollups = (window: string) =>
      database.db.qualityRollup.count({ where: { modelId: model.id, window } });
    expect([await rollups("5m"), await rollups("1h"), await rollups("1d")]).toEqual([60, 60, 3]);
    // Each hour's prediction and score sketches, and each day's merged from them.
    const sketches = (window: string) =>
      database.db.driftSketch.count({ where: { modelId: model.id, window } });
    expect(await sketches("1h")).toBe(60 * 2);
    expect(await sketches("1d")).toBe(3 * 2);
  });
});
