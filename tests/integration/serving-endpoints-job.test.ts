// The endpoint check job: on the endpoint's own grid (a slot checked once, re-marked at the next), one worker
// at a time (the job's lease), run by the worker's scraping lane and its runner; a disabled or deleted
// endpoint's job ends, enabling it marks it again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchRoute } from "@/app/api/v1/serving-endpoints/[id]/route";
import { POST as createRoute } from "@/app/api/v1/serving-endpoints/route";
import { laneKinds, runLaneBatch } from "@/lib/alerts/worker-lane";
import { ENDPOINT_CHECK_JOB, endpointOffsetMs, runEndpointJob } from "@/lib/cluster/endpoint-job";
import { slotAt } from "@/lib/cluster/scrape-job";
import type { Database } from "@/lib/db/client";
import { claimJobs } from "@/lib/jobs/lease";
import { GPU_COLLECT_JOB } from "@/lib/jobs/mark";
import { runJob, runUntilIdle } from "@/lib/jobs/runner";
import { useTestDatabase } from "../helpers/database";
import { type FakeServer, startFake, tritonRoute } from "../helpers/fake-serving";
import { call } from "../helpers/http";

let database: Database;
let triton: FakeServer;
let requests = 0;

beforeAll(async () => {
  database = await useTestDatabase({ VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1" });
  await database.db.model.create({ data: { name: "recommender" } });
  const route = tritonRoute({ ready: true });
  triton = await startFake((req) => {
    if (req.url === "/v2/health/live") requests++;
    return route(req);
  });
});
afterAll(async () => {
  await triton.close();
});

const byId = (id: number) => ({ path: `/api/v1/serving-endpoints/${id}`, params: { id: String(id) } });
const jobRow = (id: number) => database.db.job.findUnique({ where: { key: `${ENDPOINT_CHECK_JOB}:${id}` } });

async function createEndpoint(body: Record<string, unknown>): Promise<number> {
  const res = await call(createRoute, { path: "/api/v1/serving-endpoints", body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body.endpoint as { id: number }).id;
}

describe("endpoint check job", () => {
  it("checks once per slot of its grid and re-marks itself; disabled or deleted, it ends", async () => {
    const id = await createEndpoint({
      name: "grid",
      kind: "triton",
      baseUrl: triton.url,
      model: "recommender",
      intervalSeconds: 10,
    });
    const t0 = Date.now() - 60_000;
    const first = await runEndpointJob(database, { endpointId: id }, { now: t0 });
    expect(first).toMatchObject({ at: t0, live: true, ready: true, staleMarked: 0 });
    const slot = slotAt(t0, 10_000, endpointOffsetMs(id, 10_000));
    expect(slot).toBeLessThanOrEqual(t0);
    expect(slot).toBeGreaterThan(t0 - 10_000);
    expect((await jobRow(id))?.notBefore.getTime()).toBe(slot + 10_000);
    // the same slot is not checked twice
    const before = requests;
    expect(await runEndpointJob(database, { endpointId: id }, { now: t0 + 1 })).toBeNull();
    expect(requests).toBe(before);
    // the next slot is
    const t1 = slot + 10_000;
    expect(await runEndpointJob(database, { endpointId: id }, { now: t1 })).toMatchObject({
      at: t1,
      ready: true,
    });
    expect((await jobRow(id))?.notBefore.getTime()).toBe(t1 + 10_000);
    const state = await database.db.servingEndpointState.findUniqueOrThrow({ where: { endpointId: id } });
    expect(state).toMatchObject({ live: true, ready: true });
    expect(state.checkedAt?.getTime()).toBe(t1);

    // disabled: the job ends without checking or re-marking itself; enabled again: due at once
    await call(patchRoute, { ...byId(id), method: "PATCH", body: { enabled: false } });
    expect(await runEndpointJob(database, { endpointId: id }, { now: t1 + 60_000 })).toBeNull();
    const enabledAt = Date.now();
    await call(patchRoute, { ...byId(id), method: "PATCH", body: { enabled: true } });
    expect((await jobRow(id))?.notBefore.getTime()).toBeGreaterThanOrEqual(enabledAt);
    expect((await jobRow(id))?.notBefore.getTime()).toBeLessThanOrEqual(Date.now());

    await database.db.servingEndpoint.delete({ where: { id } });
    expect(await runEndpointJob(database, { endpointId: id }, {})).toBeNull();
    // through the runner, the ended job's row goes away
    expect(await runUntilIdle(database, { owner: "worker-z", leaseMs: 30_000 })).toBe(1);
    expect(await jobRow(id)).toBeNull();
  });

  it("runs in the scraping lane, one worker at a time, and stays scheduled", async () => {
    const { scraping, general } = laneKinds();
    expect(scraping).toContain(ENDPOINT_CHECK_JOB);
    expect(general).not.toContain(ENDPOINT_CHECK_JOB);
    // only a worker collecting GPUs itself claims GPU collection
    expect(scraping).not.toContain(GPU_COLLECT_JOB);
    expect(general).not.toContain(GPU_COLLECT_JOB);
    expect(laneKinds({ collectGpus: true }).scraping).toContain(GPU_COLLECT_JOB);

    const id = await createEndpoint({
      name: "leased",
      kind: "triton",
      baseUrl: triton.url,
      model: "recommender",
    });
    const opts = { owner: "worker-a", leaseMs: 30_000 };
    const claimedA = await claimJobs(database.db, [ENDPOINT_CHECK_JOB], 10, opts);
    expect(claimedA.map((j) => j.key)).toEqual([`${ENDPOINT_CHECK_JOB}:${id}`]);
    // worker B finds nothing while A holds the lease
    expect(
      await claimJobs(database.db, [ENDPOINT_CHECK_JOB], 10, { owner: "worker-b", leaseMs: 30_000 }),
    ).toEqual([]);
    expect(await runJob(database, claimedA[0]!, opts)).toBe(true);
    const job = await jobRow(id);
    expect(job?.leaseOwner).toBeNull();
    expect(job?.notBefore.getTime()).toBeGreaterThan(Date.now());
    const state = await database.db.servingEndpointState.findUniqueOrThrow({ where: { endpointId: id } });
    expect(state.ready).toBe(true);

    // the lane and the runner: nothing more is due now
    expect(await runLaneBatch(database, scraping, { owner: "worker-c", leaseMs: 30_000 })).toBe(0);
    const other = await createEndpoint({
      name: "runner",
      kind: "triton",
      baseUrl: triton.url,
      model: "recommender",
    });
    expect(await runUntilIdle(database, { owner: "worker-d", leaseMs: 30_000 })).toBe(1);
    expect(
      (await database.db.servingEndpointState.findUniqueOrThrow({ where: { endpointId: other } })).live,
    ).toBe(true);
  });
});
