// The demo's serving cluster end to end, as scripts/demo.ts wires it: fake DCGM and Triton exporters on
// loopback, their history imported through the import API, then registered as scrape targets and scraped by
// the worker's job — the GPU series are continuous from history into the live scrapes; and the fake Triton's
// inference API registered as the recommender's serving endpoint, checked ready by the worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/import/prometheus/route";
import { GET as queryRoute } from "@/app/api/v1/query/route";
import { POST as createTarget } from "@/app/api/v1/scrape-targets/route";
import { POST as createEndpoint, GET as listEndpoints } from "@/app/api/v1/serving-endpoints/route";
import type { Database } from "@/lib/db/client";
import { runUntilIdle } from "@/lib/jobs/runner";
import { exporterHistory, type RunningExporter, startDemoExporters } from "@/lib/simulator/cluster";
import { demoScenario, RECOMMENDER } from "@/lib/simulator/scenario";
import {
  DEMO_MODEL_METADATA,
  demoServingEndpoint,
  type RunningServer,
  startDemoTriton,
} from "@/lib/simulator/serving";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
let running: RunningExporter[] = [];
let triton: RunningServer;
const now = Date.now();
const scenario = demoScenario({ nowMs: now, days: 0.25 });

beforeAll(async () => {
  database = await useTestDatabase({ VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1" });
  running = await startDemoExporters(scenario);
  triton = await startDemoTriton();
});
afterAll(async () => {
  for (const r of running) await r.close();
  await triton.close();
});

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

describe("demo cluster", () => {
  it("imports the exporters' history, then scrapes them live into the same series", async () => {
    for (const r of running) {
      const body = exporterHistory(scenario, r, now - 2 * 3_600_000, now - 60_000, 5 * 60_000);
      const imported = await call(importRoute, {
        path: "/api/v1/import/prometheus",
        rawBody: body,
        headers: { "content-type": "text/plain; version=0.0.4" },
      });
      expect(imported.status, JSON.stringify(imported.body)).toBe(200);
      const created = await call(createTarget, {
        path: "/api/v1/scrape-targets",
        body: { kind: r.exporter.kind, url: r.url, job: r.exporter.job, intervalSeconds: 15 },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    await runUntilIdle(database, { owner: "demo-cluster-test", leaseMs: 30_000 });

    // Live: both DCGM exporters and Triton answer; four GPUs report utilization.
    const up = await query("up", Date.now());
    expect(up.map(([m, v]) => `${m.job}=${v}`).sort()).toEqual(["dcgm=1", "dcgm=1", "triton=1"]);
    expect(await query("count(DCGM_FI_DEV_GPU_UTIL)", Date.now())).toEqual([[{}, 4]]);
    // History: an hour ago, from the import, per node — the same series the scrapes continue.
    const hourAgo = await query("avg by (Hostname) (DCGM_FI_DEV_GPU_UTIL)", now - 3_600_000);
    expect(hourAgo.map(([m]) => m.Hostname).sort()).toEqual(["gpu-node-1", "gpu-node-2"]);
    for (const [, v] of hourAgo) expect(v).toBeGreaterThan(0);
    const series = await query(
      'count by (instance) (DCGM_FI_DEV_GPU_UTIL{Hostname="gpu-node-1"})',
      Date.now(),
    );
    expect(series).toHaveLength(1);
    // Triton's counters give a request rate.
    const rate = await query('sum(rate(nv_inference_request_success{job="triton"}[30m]))', now - 60 * 60_000);
    expect(rate[0]?.[1]).toBeGreaterThan(0);
  });

  it("registers Triton's inference API as the recommender's serving endpoint, checked ready", async () => {
    // In the demo the recommender exists once its traffic is ingested.
    await database.db.model.create({ data: { name: RECOMMENDER } });
    const created = await call(createEndpoint, {
      path: "/api/v1/serving-endpoints",
      body: demoServingEndpoint(triton.url),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await runUntilIdle(database, { owner: "demo-cluster-test", leaseMs: 30_000 });

    const list = await call(listEndpoints, { path: `/api/v1/serving-endpoints?model=${RECOMMENDER}` });
    const endpoints = list.body.endpoints as Array<Record<string, unknown>>;
    expect(endpoints).toHaveLength(1);
    const tritonMetrics = running.find((r) => r.exporter.job === "triton")!.url;
    expect(endpoints[0]).toMatchObject({
      name: "triton-recommender",
      kind: "triton",
      model: RECOMMENDER,
      serverModel: RECOMMENDER,
      versionMap: { v1: "1", v2: "2" },
      gpuSelector: '{namespace="serving",pod=~"triton-recommender-.*"}',
      metricsJob: "triton",
      links: { metrics: tritonMetrics, grafana: null, kubernetes: null },
      status: {
        live: true,
        ready: true,
        problems: [],
        models: [
          {
            ...DEMO_MODEL_METADATA,
            versions: [
              { version: "1", state: "READY", ready: true },
              { version: "2", state: "READY", ready: true },
            ],
          },
        ],
      },
    });
    // the readiness of each Vigil version, through Triton's
    const versions = await query('vigil_endpoint_version_ready{endpoint="triton-recommender"}', Date.now());
    expect(versions.map(([m, v]) => `${m.version}/${m.server_version}=${v}`).sort()).toEqual([
      "v1/1=1",
      "v2/2=1",
    ]);
    // the GPU selector picks the DCGM series of the recommender's pods
    const gpus = await query(
      'count(DCGM_FI_DEV_GPU_UTIL{namespace="serving",pod=~"triton-recommender-.*"})',
      Date.now(),
    );
    expect(gpus).toEqual([[{}, 4]]);
  });
});
