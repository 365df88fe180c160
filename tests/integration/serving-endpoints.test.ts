// Serving endpoints through the API: create with defaults, validation errors that name the field, 409, 404, a
// read key cannot write, the outbound address policy at save time, the authorization header stored encrypted;
// checks against fake Triton, TorchServe and TF Serving servers, down endpoints (refused, 500, timeout), the
// series each check writes (read back through Vigil's PromQL), and stale markers for what ends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as queryRoute } from "@/app/api/v1/query/route";
import { POST as createTargetRoute } from "@/app/api/v1/scrape-targets/route";
import { POST as checkRoute } from "@/app/api/v1/serving-endpoints/[id]/check/route";
import {
  DELETE as deleteRoute,
  GET as getRoute,
  PATCH as patchRoute,
} from "@/app/api/v1/serving-endpoints/[id]/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/v1/serving-endpoints/route";
import { createApiKey } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { POINT_STALE } from "@/lib/series/store";
import { useTestDatabase } from "../helpers/database";
import {
  type FakeServer,
  startFake,
  tfServingRoute,
  torchServeInferenceRoute,
  torchServeManagementRoute,
  tritonRoute,
} from "../helpers/fake-serving";
import { call } from "../helpers/http";

let database: Database;
let readKey = "";
const servers: FakeServer[] = [];
let triton: FakeServer;
const tritonState = { ready: true };
let torchInference: FakeServer;
let torchManagement: FakeServer;
let tfserving: FakeServer;
let failing: FakeServer;
let hanging: FakeServer;

beforeAll(async () => {
  database = await useTestDatabase({
    VIGIL_SECRET_KEY: "test-secret-key-0123456789",
    // 127.0.0.0/8 is allowed; every other private or loopback address (e.g. 10.x, ::1) is refused
    VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.0/8",
  });
  readKey = (await createApiKey(database.db, { name: "reader", scope: "read" })).key;
  for (const name of ["recommender", "squeezenet1_1", "half_plus_two", "basket-size"])
    await database.db.model.create({ data: { name } });
  const start = async (route: Parameters<typeof startFake>[0]) => {
    const s = await startFake(route);
    servers.push(s);
    return s;
  };
  triton = await start(tritonRoute(tritonState));
  torchInference = await start(torchServeInferenceRoute);
  torchManagement = await start(torchServeManagementRoute());
  tfserving = await start(tfServingRoute());
  failing = await start(() => ({ status: 500, body: { error: "boom" } }));
  hanging = await start(() => "hang");
});
afterAll(async () => {
  for (const s of servers) await s.close();
});

const create = (body: unknown, key?: string) =>
  call(createRoute, { path: "/api/v1/serving-endpoints", body, key });
const byId = (id: unknown, suffix = "") => ({
  path: `/api/v1/serving-endpoints/${id}${suffix}`,
  params: { id: String(id) },
});
type Info = Record<string, unknown> & {
  id: number;
  links: Record<string, string | null>;
  status: (Record<string, unknown> & { problems: string[] }) | null;
};
const endpoint = (res: { body: Record<string, unknown> }) => res.body.endpoint as Info;
const check = async (id: number) => {
  const res = await call(checkRoute, { ...byId(id, "/check"), method: "POST" });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return endpoint(res);
};

async function createOk(body: Record<string, unknown>): Promise<Info> {
  const res = await create(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return endpoint(res);
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

describe("serving endpoints API", () => {
  it("creates with defaults, due at once; lists, filters by model, reads", async () => {
    const created = await createOk({
      name: "triton-a",
      kind: "triton",
      baseUrl: triton.url,
      model: "recommender",
    });
    expect(created).toMatchObject({
      name: "triton-a",
      kind: "triton",
      baseUrl: `${triton.url}/`,
      managementUrl: null,
      model: "recommender",
      serverModel: "recommender",
      versionMap: {},
      gpuSelector: null,
      metricsJob: null,
      links: { metrics: null, grafana: null, kubernetes: null },
      intervalSeconds: 30,
      timeoutSeconds: 5,
      enabled: true,
      hasAuthorization: false,
      status: null,
    });
    expect(typeof created.createdAt).toBe("string");
    const job = await database.db.job.findUnique({ where: { key: `endpoint-check:${created.id}` } });
    expect(job?.notBefore.getTime()).toBeLessThanOrEqual(Date.now());

    await createOk({
      name: "basket.tf_1",
      kind: "tfserving",
      baseUrl: tfserving.url,
      model: "basket-size",
      serverModel: "half_plus_two",
      enabled: false,
    });
    const all = await call(listRoute, { path: "/api/v1/serving-endpoints", key: readKey });
    expect(all.status).toBe(200);
    expect((all.body.endpoints as Info[]).map((e) => e.name)).toEqual(["triton-a", "basket.tf_1"]);
    const mine = await call(listRoute, { path: "/api/v1/serving-endpoints?model=basket-size", key: readKey });
    expect((mine.body.endpoints as Info[]).map((e) => e.name)).toEqual(["basket.tf_1"]);
    const none = await call(listRoute, { path: "/api/v1/serving-endpoints?model=nope" });
    expect(none.body.endpoints).toEqual([]);
    // disabled: no job
    const disabled = (mine.body.endpoints as Info[])[0]!;
    expect(await database.db.job.findUnique({ where: { key: `endpoint-check:${disabled.id}` } })).toBeNull();

    const got = await call(getRoute, { ...byId(created.id), key: readKey });
    expect(got.status).toBe(200);
    expect(endpoint(got)).toEqual(created);
  });

  it("rejects invalid fields, naming them; 409 on a duplicate name", async () => {
    const ok = { name: "x", kind: "triton", baseUrl: "http://127.0.0.9:8000", model: "recommender" };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...ok, name: undefined }, /^name is required/],
      [{ ...ok, name: "has space" }, /^name: letters, digits/],
      [{ ...ok, name: "n".repeat(101) }, /^name: at most 100/],
      [{ ...ok, kind: "seldon" }, /^kind: one of triton, kserve-v2, torchserve, tfserving, generic$/],
      [{ ...ok, baseUrl: "ftp://127.0.0.1/x" }, /^baseUrl: only http and https/],
      [{ ...ok, baseUrl: "not a url" }, /^baseUrl: "not a url" is not a valid URL/],
      [{ ...ok, baseUrl: "http://10.1.2.3:8000" }, /^baseUrl: /],
      [{ ...ok, baseUrl: "http://user:pw@127.0.0.1:8000" }, /^baseUrl: put credentials/],
      [{ ...ok, managementUrl: "http://[::1]:8081" }, /^managementUrl: /],
      [{ ...ok, model: "nope" }, /^model: no model named "nope"$/],
      [{ ...ok, gpuSelector: '{pod=~"triton-.*"' }, /^gpuSelector: label matchers in braces/],
      [{ ...ok, gpuSelector: '{pod=~"triton-.*",}x' }, /^gpuSelector: /],
      [{ ...ok, gpuSelector: "{pod=}" }, /^gpuSelector: /],
      [{ ...ok, gpuSelector: "{}" }, /^gpuSelector: /],
      [{ ...ok, gpuSelector: '{pod="a"} offset 5m' }, /^gpuSelector: /],
      [{ ...ok, links: { grafana: "javascript:alert(1)" } }, /^links.grafana: an http\(s\) URL/],
      [{ ...ok, links: { wiki: "http://x" } }, /wiki/],
      [{ ...ok, intervalSeconds: 1 }, /^intervalSeconds: at least 5/],
      [
        { ...ok, intervalSeconds: 10, timeoutSeconds: 20 },
        /^timeoutSeconds: 20 is longer than intervalSeconds/,
      ],
      [{ ...ok, intervalSeconds: 120, timeoutSeconds: 31 }, /^timeoutSeconds: at most 30/],
      [{ ...ok, versionMap: { v1: 1 } }, /^versionMap.v1: /],
      [
        { ...ok, versionMap: { v1: "1", v1b: "1" } },
        /^versionMap: "v1" and "v1b" both map to server version "1"/,
      ],
      [{ ...ok, enabled: "yes" }, /^enabled: true or false/],
      [{ ...ok, colour: "red" }, /colour/],
    ];
    for (const [body, message] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(String(res.body.error), JSON.stringify(body)).toMatch(message);
    }
    const unresolvable = await create({ ...ok, baseUrl: "http://no-such-host.invalid:8000" });
    expect(String(unresolvable.body.error)).toMatch(/^baseUrl: cannot resolve host/);
    // a valid selector with several matchers is kept as written
    const gpu = await createOk({
      ...ok,
      name: "gpu",
      gpuSelector: '{namespace="serving",pod=~"triton-recommender-.*"}',
    });
    expect(gpu.gpuSelector).toBe('{namespace="serving",pod=~"triton-recommender-.*"}');
    const dup = await create({ ...ok, name: "gpu" });
    expect(dup.status).toBe(409);
    expect(String(dup.body.error)).toMatch(/"gpu" exists already/);
  });

  it("links.metrics defaults to the scrape target of metricsJob; links given win", async () => {
    const target = await call(createTargetRoute, {
      path: "/api/v1/scrape-targets",
      body: { kind: "triton", url: "127.0.0.1", job: "triton-metrics" },
    });
    expect(target.status).toBe(201);
    const linked = await createOk({
      name: "linked",
      kind: "triton",
      baseUrl: "http://127.0.0.1:8000",
      model: "recommender",
      metricsJob: "triton-metrics",
      links: { grafana: "https://grafana.example.com/d/triton" },
    });
    expect(linked.links).toEqual({
      metrics: "http://127.0.0.1:8002/metrics",
      grafana: "https://grafana.example.com/d/triton",
      kubernetes: null,
    });
    const patched = await call(patchRoute, {
      ...byId(linked.id),
      method: "PATCH",
      body: {
        links: {
          metrics: "https://prom.example.com/graph",
          grafana: null,
          kubernetes: "https://k8s.example.com/x",
        },
      },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(endpoint(patched).links).toEqual({
      metrics: "https://prom.example.com/graph",
      grafana: null,
      kubernetes: "https://k8s.example.com/x",
    });
    const noJob = await call(patchRoute, {
      ...byId(linked.id),
      method: "PATCH",
      body: { links: { metrics: null }, metricsJob: null },
    });
    expect(endpoint(noJob).links.metrics).toBeNull();
  });

  it("patches, deletes; 404 for an unknown id; a read key cannot write", async () => {
    const created = await createOk({
      name: "patch-me",
      kind: "torchserve",
      baseUrl: torchInference.url,
      managementUrl: torchManagement.url,
      model: "squeezenet1_1",
      authorization: "Bearer s3cret-token",
    });
    expect(JSON.stringify(created)).not.toContain("s3cret");
    expect(created.hasAuthorization).toBe(true);
    const row = await database.db.servingEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.authEncrypted).not.toContain("s3cret");

    const patched = await call(patchRoute, {
      ...byId(created.id),
      method: "PATCH",
      body: {
        intervalSeconds: 60,
        timeoutSeconds: 20,
        enabled: false,
        authorization: null,
        versionMap: { v1: "1.0" },
        serverModel: "squeezenet1_1",
      },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(endpoint(patched)).toMatchObject({
      intervalSeconds: 60,
      timeoutSeconds: 20,
      enabled: false,
      hasAuthorization: false,
      versionMap: { v1: "1.0" },
      serverModel: "squeezenet1_1",
    });
    // a shorter interval alone shortens the timeout
    const shorter = await call(patchRoute, {
      ...byId(created.id),
      method: "PATCH",
      body: { intervalSeconds: 10 },
    });
    expect(endpoint(shorter)).toMatchObject({ intervalSeconds: 10, timeoutSeconds: 10 });
    const cleared = await call(patchRoute, {
      ...byId(created.id),
      method: "PATCH",
      body: { versionMap: null, serverModel: null },
    });
    expect(endpoint(cleared)).toMatchObject({ versionMap: {}, serverModel: "squeezenet1_1" });
    const bad = await call(patchRoute, { ...byId(created.id), method: "PATCH", body: { model: "nope" } });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toBe('model: no model named "nope"');
    const badTimeout = await call(patchRoute, {
      ...byId(created.id),
      method: "PATCH",
      body: { timeoutSeconds: 0 },
    });
    expect(String(badTimeout.body.error)).toMatch(/^timeoutSeconds: at least 0.1/);
    const taken = await call(patchRoute, {
      ...byId(created.id),
      method: "PATCH",
      body: { name: "triton-a" },
    });
    expect(taken.status).toBe(409);

    const denied = [
      await create(
        { name: "r", kind: "generic", baseUrl: "http://127.0.0.1:1", model: "recommender" },
        readKey,
      ),
      await call(patchRoute, { ...byId(created.id), method: "PATCH", body: { enabled: true }, key: readKey }),
      await call(checkRoute, { ...byId(created.id, "/check"), method: "POST", key: readKey }),
      await call(deleteRoute, { ...byId(created.id), method: "DELETE", key: readKey }),
    ];
    expect(denied.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect((await call(listRoute, { path: "/api/v1/serving-endpoints", key: null })).status).toBe(401);

    expect((await call(deleteRoute, { ...byId(created.id), method: "DELETE" })).status).toBe(204);
    expect((await call(getRoute, byId(created.id))).status).toBe(404);
    const missing = await call(patchRoute, { ...byId(99_999), method: "PATCH", body: { enabled: true } });
    expect(missing.status).toBe(404);
    expect(String(missing.body.error)).toMatch(/no serving endpoint with id 99999/);
    expect((await call(deleteRoute, { ...byId(99_999), method: "DELETE" })).status).toBe(404);
    expect((await call(checkRoute, { ...byId(99_999, "/check"), method: "POST" })).status).toBe(404);
    const badId = await call(getRoute, byId("abc"));
    expect(badId.status).toBe(400);
    expect(String(badId.body.error)).toMatch(/id: an endpoint id/);
  });
});

describe("checking serving endpoints", () => {
  it("Triton: live, ready, versions mapped to Vigil's; the series; a version that stops being ready", async () => {
    tritonState.ready = true;
    const created = await createOk({
      name: "triton-recommender",
      kind: "triton",
      baseUrl: triton.url,
      model: "recommender",
      versionMap: { v1: "1", v2: "2" },
      authorization: "Bearer t0ken",
    });
    const checked = await check(created.id);
    expect(triton.lastAuth()).toBe("Bearer t0ken");
    expect(checked.status).toMatchObject({ live: true, ready: true, problems: [] });
    expect(typeof checked.status?.checkedAt).toBe("string");
    expect(checked.status?.latencyMs).toBeGreaterThan(0);
    expect(checked.status?.models).toEqual([
      {
        name: "recommender",
        platform: "onnxruntime_onnx",
        versions: [
          { version: "1", state: "READY", ready: true },
          { version: "2", state: "READY", ready: true },
        ],
        inputs: [{ name: "features", datatype: "FP32", shape: [-1, 13] }],
        outputs: [{ name: "probabilities", datatype: "FP32", shape: [-1, 2] }],
      },
    ]);
    const at = Date.parse(String(checked.status?.checkedAt));
    const labels = { endpoint: "triton-recommender", model: "recommender" };
    expect(await query('vigil_endpoint_live{endpoint="triton-recommender"}', at)).toEqual([
      [{ __name__: "vigil_endpoint_live", ...labels }, 1],
    ]);
    expect(await query('vigil_endpoint_ready{endpoint="triton-recommender"}', at)).toEqual([
      [{ __name__: "vigil_endpoint_ready", ...labels }, 1],
    ]);
    const latency = await query('vigil_endpoint_check_latency_ms{endpoint="triton-recommender"}', at);
    expect(latency[0]?.[1]).toBeGreaterThan(0);
    expect(await query('vigil_endpoint_version_ready{endpoint="triton-recommender"}', at)).toEqual([
      [{ __name__: "vigil_endpoint_version_ready", ...labels, version: "v1", server_version: "1" }, 1],
      [{ __name__: "vigil_endpoint_version_ready", ...labels, version: "v2", server_version: "2" }, 1],
    ]);

    // version 2 unloads: not ready, the server not ready either
    tritonState.ready = false;
    const degraded = await check(created.id);
    tritonState.ready = true;
    expect(degraded.status).toMatchObject({ live: true, ready: false, problems: ["ready: HTTP 400"] });
    const at2 = Date.parse(String(degraded.status?.checkedAt));
    expect(await query('vigil_endpoint_version_ready{version="v2"}', at2)).toEqual([
      [{ __name__: "vigil_endpoint_version_ready", ...labels, version: "v2", server_version: "2" }, 0],
    ]);

    // the map changes: versions not in it keep the server's name; the old label sets end (stale)
    await new Promise((r) => setTimeout(r, 5));
    await call(patchRoute, { ...byId(created.id), method: "PATCH", body: { versionMap: { v1: "1" } } });
    const remapped = await check(created.id);
    const at3 = Date.parse(String(remapped.status?.checkedAt));
    expect(
      (await query('vigil_endpoint_version_ready{endpoint="triton-recommender"}', at3))
        .map(([m]) => m.version)
        .sort(),
    ).toEqual(["2", "v1"]);
    const stale = await database.raw.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM "SeriesPoint" WHERE "ts" = ? AND "kind" = ?`,
      [at3, POINT_STALE],
    );
    expect(Number(stale[0]!.n)).toBe(1);
  });

  it("TorchServe and TF Serving", async () => {
    const torch = await createOk({
      name: "torch",
      kind: "torchserve",
      baseUrl: torchInference.url,
      managementUrl: torchManagement.url,
      model: "squeezenet1_1",
      versionMap: { v1: "1.0" },
    });
    const t = await check(torch.id);
    expect(t.status).toMatchObject({
      live: true,
      ready: true,
      problems: [],
      models: [{ name: "squeezenet1_1", platform: "pytorch", versions: [{ version: "1.0", ready: true }] }],
    });
    const at = Date.parse(String(t.status?.checkedAt));
    expect(await query('vigil_endpoint_version_ready{endpoint="torch"}', at)).toEqual([
      [
        {
          __name__: "vigil_endpoint_version_ready",
          endpoint: "torch",
          model: "squeezenet1_1",
          version: "v1",
          server_version: "1.0",
        },
        1,
      ],
    ]);

    const tf = await createOk({
      name: "tf",
      kind: "tfserving",
      baseUrl: tfserving.url,
      model: "half_plus_two",
    });
    const f = await check(tf.id);
    expect(f.status).toMatchObject({ live: true, ready: true, problems: [] });
    const at2 = Date.parse(String(f.status?.checkedAt));
    expect(
      (await query('vigil_endpoint_version_ready{endpoint="tf"}', at2)).map(([m, v]) => `${m.version}=${v}`),
    ).toEqual(["1=0", "2=1"]);
  });

  it("a down endpoint is live = false with the problem: refused, HTTP 500, no answer", async () => {
    const refused = await createOk({
      name: "refused",
      kind: "triton",
      baseUrl: "http://127.0.0.1:1",
      model: "recommender",
    });
    const r = await check(refused.id);
    expect(r.status).toMatchObject({ live: false, ready: false, models: [] });
    expect(r.status?.problems[0]).toMatch(/^v2\/health\/live: .*ECONNREFUSED/);
    const at = Date.parse(String(r.status?.checkedAt));
    expect(await query('vigil_endpoint_live{endpoint="refused"}', at)).toEqual([
      [{ __name__: "vigil_endpoint_live", endpoint: "refused", model: "recommender" }, 0],
    ]);
    expect(await query('vigil_endpoint_version_ready{endpoint="refused"}', at)).toEqual([]);

    const broken = await createOk({
      name: "broken",
      kind: "generic",
      baseUrl: failing.url,
      model: "recommender",
    });
    const b = await check(broken.id);
    expect(b.status).toMatchObject({ live: false, ready: false, problems: ["GET: HTTP 500"] });

    const hung = await createOk({
      name: "hung",
      kind: "triton",
      baseUrl: hanging.url,
      model: "recommender",
      intervalSeconds: 5,
      timeoutSeconds: 0.5,
    });
    const started = performance.now();
    const h = await check(hung.id);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(h.status).toMatchObject({ live: false, ready: false });
    // the check's deadline (or, a hair later, the request's own timeout) says so
    expect(h.status?.problems[0]).toMatch(/check timed out after 500 ms|did not answer within 500 ms/);
  });

  it("deleting an endpoint ends its series with stale markers", async () => {
    tritonState.ready = true;
    const created = await createOk({
      name: "short-lived",
      kind: "triton",
      baseUrl: triton.url,
      model: "recommender",
    });
    const checked = await check(created.id);
    const at = Date.parse(String(checked.status?.checkedAt));
    expect((await query('{endpoint="short-lived"}', at)).length).toBe(5);
    await new Promise((r) => setTimeout(r, 5));
    const before = Date.now();
    expect((await call(deleteRoute, { ...byId(created.id), method: "DELETE" })).status).toBe(204);
    const ended = await database.raw.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM "SeriesPoint" p JOIN "Series" s ON s."id" = p."seriesId"
       WHERE p."ts" >= ? AND p."kind" = ? AND s."labels" LIKE ?`,
      [before, POINT_STALE, '%"endpoint":"short-lived"%'],
    );
    expect(Number(ended[0]!.n)).toBe(5);
    expect(await query('{endpoint="short-lived"}', Date.now())).toEqual([]);
    // a rename ends the old name's series too
    const renamed = await createOk({
      name: "old-name",
      kind: "triton",
      baseUrl: triton.url,
      model: "recommender",
    });
    await check(renamed.id);
    await new Promise((r) => setTimeout(r, 5));
    const patched = await call(patchRoute, {
      ...byId(renamed.id),
      method: "PATCH",
      body: { name: "new-name" },
    });
    expect(patched.status).toBe(200);
    expect(await query('{endpoint="old-name"}', Date.now())).toEqual([]);
  });
});
