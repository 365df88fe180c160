// The scrape job against real HTTP targets: samples stored with job/instance labels and the up series, read
// back through Vigil's PromQL; a failing target (500, timeout) gives up = 0 with its reason in the state and
// stale markers for the previous series; the job re-marks itself on the target's grid; a disabled or deleted
// target stops; Debian's node exporter scraped through the worker's runner.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as queryRoute } from "@/app/api/v1/query/route";
import { DELETE as deleteRoute, PATCH as patchRoute } from "@/app/api/v1/scrape-targets/[id]/route";
import { POST as scrapeNowRoute } from "@/app/api/v1/scrape-targets/[id]/scrape/route";
import { POST as createRoute } from "@/app/api/v1/scrape-targets/route";
import { runScrapeJob, slotAt, targetOffsetMs } from "@/lib/cluster/scrape-job";
import type { Database } from "@/lib/db/client";
import { runUntilIdle } from "@/lib/jobs/runner";
import { POINT_STALE } from "@/lib/series/store";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";
import { hasNodeExporter, startNodeExporter } from "../helpers/prometheus";

let database: Database;
let server: http.Server;
let port = 0;
let mode: "ok" | "fewer" | "500" | "hang" = "ok";
const seenAuth: Array<string | undefined> = [];

const PAYLOAD = `# TYPE requests_total counter
requests_total{code="200"} 1027
requests_total{code="500"} 3
# TYPE temperature gauge
temperature{sensor="a"} -12.5
`;

beforeAll(async () => {
  database = await useTestDatabase({
    VIGIL_SECRET_KEY: "test-secret-key-0123456789",
    VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1",
  });
  server = http.createServer((req, res) => {
    seenAuth.push(req.headers.authorization);
    if (mode === "hang") return; // never answers
    if (mode === "500") {
      res.statusCode = 500;
      return res.end("boom");
    }
    res.end(mode === "ok" ? PAYLOAD : 'requests_total{code="200"} 1030\n');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const byId = (id: number, suffix = "") => ({
  path: `/api/v1/scrape-targets/${id}${suffix}`,
  params: { id: String(id) },
});

async function createTarget(body: Record<string, unknown>): Promise<number> {
  const res = await call(createRoute, { path: "/api/v1/scrape-targets", body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body.target as { id: number }).id;
}

/** Vigil's PromQL over its own store: [labels, value] of each series at `atMs`. */
async function query(expr: string, atMs: number): Promise<Array<[Record<string, string>, number]>> {
  const res = await call(queryRoute, {
    path: `/api/v1/query?query=${encodeURIComponent(expr)}&time=${atMs / 1000}`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const data = res.body.data as {
    result: Array<{ metric: Record<string, string>; value: [number, string] }>;
  };
  return data.result.map((r) => [r.metric, Number(r.value[1])]);
}

const jobRow = (id: number) => database.db.job.findUnique({ where: { key: `scrape:${id}` } });

describe("scrape job", () => {
  it("stores samples with job/instance labels, marks stale what disappears, reports failures as up = 0", async () => {
    mode = "ok";
    const id = await createTarget({
      kind: "generic",
      url: `http://127.0.0.1:${port}/metrics`,
      job: "app",
      intervalSeconds: 5,
      timeoutSeconds: 0.5,
      authorization: "Bearer t0ken",
    });
    const instance = `127.0.0.1:${port}`;
    const t0 = Date.now() - 60_000;
    const first = await runScrapeJob(database, { targetId: id }, { now: t0 });
    expect(first).toMatchObject({ up: 1, error: null, samples: 3, staleMarked: 0 });
    expect(seenAuth.at(-1)).toBe("Bearer t0ken");
    expect(await query("requests_total", t0)).toEqual([
      [{ __name__: "requests_total", code: "200", job: "app", instance }, 1027],
      [{ __name__: "requests_total", code: "500", job: "app", instance }, 3],
    ]);
    expect(await query('up{job="app"}', t0)).toEqual([[{ __name__: "up", job: "app", instance }, 1]]);
    expect(await query('scrape_samples_scraped{job="app"}', t0)).toEqual([
      [{ __name__: "scrape_samples_scraped", job: "app", instance }, 3],
    ]);

    // re-marked at the next slot of its own grid; the same slot is not scraped twice
    const offset = targetOffsetMs(id, 5000);
    const slot = slotAt(t0, 5000, offset);
    expect((await jobRow(id))?.notBefore.getTime()).toBe(slot + 5000);
    expect(await runScrapeJob(database, { targetId: id }, { now: t0 + 1 })).toBeNull();

    // a series that disappears gets a stale marker
    mode = "fewer";
    const t1 = slot + 5000;
    expect(await runScrapeJob(database, { targetId: id }, { now: t1 })).toMatchObject({
      up: 1,
      staleMarked: 2,
    });
    expect((await jobRow(id))?.notBefore.getTime()).toBe(t1 + 5000);
    expect(await query("requests_total", t1)).toEqual([
      [{ __name__: "requests_total", code: "200", job: "app", instance }, 1030],
    ]);
    expect(await query("temperature", t1)).toEqual([]);

    // HTTP 500: up = 0, the reason in the state, every previous series stale
    mode = "500";
    const t2 = t1 + 5000;
    const failed = await runScrapeJob(database, { targetId: id }, { now: t2 });
    expect(failed).toMatchObject({ up: 0, error: "server returned HTTP status 500 Internal Server Error" });
    expect(await query('up{job="app"}', t2)).toEqual([[{ __name__: "up", job: "app", instance }, 0]]);
    expect(await query("requests_total", t2)).toEqual([]);
    const stale = await database.raw.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM "SeriesPoint" WHERE "ts" = ? AND "kind" = ?`,
      [t2, POINT_STALE],
    );
    expect(Number(stale[0]!.n)).toBe(1);
    const state = await database.db.scrapeTargetState.findUniqueOrThrow({ where: { targetId: id } });
    expect(state).toMatchObject({
      up: 0,
      lastError: "server returned HTTP status 500 Internal Server Error",
    });

    // a target that never answers: up = 0 at the scrape timeout
    mode = "hang";
    const t3 = t2 + 5000;
    const started = performance.now();
    const timedOut = await runScrapeJob(database, { targetId: id }, { now: t3 });
    expect(timedOut).toMatchObject({ up: 0, error: "context deadline exceeded (scrape timeout 500 ms)" });
    expect(performance.now() - started).toBeLessThan(3000);

    // over the sample limit: the scrape fails as a whole
    mode = "ok";
    await call(patchRoute, { ...byId(id), method: "PATCH", body: { sampleLimit: 2 } });
    const limited = await call(scrapeNowRoute, { ...byId(id, "/scrape"), method: "POST" });
    expect(limited.body.result).toMatchObject({ up: 0, error: "sample limit exceeded (3 > 2)", samples: 3 });

    // "scrape now" through the API returns the result and stores it
    await call(patchRoute, { ...byId(id), method: "PATCH", body: { sampleLimit: 100 } });
    const now = await call(scrapeNowRoute, { ...byId(id, "/scrape"), method: "POST" });
    expect(now.status).toBe(200);
    expect(now.body.result).toMatchObject({ up: 1, error: null, samples: 3, staleMarked: 0 });

    // disabled: the job ends without scraping or re-marking itself
    const patched = await call(patchRoute, { ...byId(id), method: "PATCH", body: { enabled: false } });
    expect(patched.status).toBe(200);
    expect(await runScrapeJob(database, { targetId: id }, { now: t3 + 60_000 })).toBeNull();

    // deleted: its series get stale markers, the job ends
    const before = Date.now();
    expect((await call(deleteRoute, { ...byId(id), method: "DELETE" })).status).toBe(204);
    const gone = await database.raw.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM "SeriesPoint" WHERE "ts" >= ? AND "kind" = ?`,
      [before, POINT_STALE],
    );
    expect(Number(gone[0]!.n)).toBe(3);
    expect(await runScrapeJob(database, { targetId: id }, {})).toBeNull();
  });

  it.skipIf(!hasNodeExporter())("scrapes Debian's node exporter through the worker's runner", async () => {
    const exporter = await startNodeExporter();
    try {
      const id = await createTarget({ kind: "node", url: exporter.address });
      const ran = await runUntilIdle(database, { owner: "test-worker", leaseMs: 30_000 });
      expect(ran).toBeGreaterThanOrEqual(1);
      const state = await database.db.scrapeTargetState.findUniqueOrThrow({ where: { targetId: id } });
      expect(state.up, state.lastError ?? "").toBe(1);
      expect(state.samplesScraped).toBeGreaterThan(10);
      // the job stays, due at the target's next slot
      const job = await jobRow(id);
      expect(job?.notBefore.getTime()).toBeGreaterThan(Date.now());
      expect(job?.leaseOwner).toBeNull();
      const at = state.lastScrapeAt!.getTime();
      expect(await query('up{job="node"}', at)).toEqual([
        [{ __name__: "up", job: "node", instance: exporter.address }, 1],
      ]);
      const load = await query('node_load1{job="node"}', at);
      expect(load.length).toBe(1);
      expect(load[0]![0].instance).toBe(exporter.address);
      const cpus = await query('count(node_cpu_seconds_total{job="node",mode="idle"})', at);
      expect(cpus[0]![1]).toBeGreaterThanOrEqual(1);
    } finally {
      await exporter.stop();
    }
  });
});
