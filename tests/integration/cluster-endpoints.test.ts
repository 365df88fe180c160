// Serving endpoints asked in their own protocols, against fake servers that answer with the shapes the real
// ones document: Triton (Open Inference Protocol + repository index), KServe v2 (MLServer-style metadata),
// TorchServe (inference /ping + management API), TF Serving (model status API), and a generic endpoint.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEndpoint, defaultMetricsUrl } from "../../lib/cluster/endpoint-health";
import { parseAllowList } from "../../lib/net/address-policy";

const allow = parseAllowList("127.0.0.1");
const opts = { allow, timeoutMs: 2000 };

type Route = (req: http.IncomingMessage) => { status: number; body?: unknown } | undefined;
const servers: http.Server[] = [];
let seenAuth: string | undefined;

async function fake(route: Route): Promise<string> {
  const server = http.createServer((req, res) => {
    seenAuth = req.headers.authorization;
    req.resume();
    req.on("end", () => {
      const out = route(req) ?? { status: 404, body: { error: "not found" } };
      res.writeHead(out.status, { "content-type": "application/json" });
      res.end(out.body === undefined ? "" : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let triton = "";
let kserve = "";
let torchInference = "";
let torchManagement = "";
let tfserving = "";
let generic = "";
let ready = true;

beforeAll(async () => {
  triton = await fake((req) => {
    const url = req.url ?? "";
    if (url === "/v2/health/live") return { status: 200 };
    if (url === "/v2/health/ready") return { status: ready ? 200 : 400 };
    if (url === "/v2/repository/index" && req.method === "POST")
      return {
        status: 200,
        body: [
          { name: "recommender", version: "1", state: "READY" },
          { name: "recommender", version: "2", state: "READY" },
          { name: "old", version: "1", state: "UNAVAILABLE", reason: "unloaded" },
        ],
      };
    if (url === "/v2/models/recommender")
      return {
        status: 200,
        body: {
          name: "recommender",
          versions: ["1", "2"],
          platform: "onnxruntime_onnx",
          inputs: [{ name: "features", datatype: "FP32", shape: [-1, 13] }],
          outputs: [{ name: "probabilities", datatype: "FP32", shape: [-1, 2] }],
        },
      };
    if (url === "/v2/models/recommender/versions/1/ready") return { status: 200 };
    if (url === "/v2/models/recommender/versions/2/ready") return { status: ready ? 200 : 400 };
    if (url === "/v2/models/old")
      return { status: 400, body: { error: "Request for unknown model: 'old' is not found" } };
    return undefined;
  });
  kserve = await fake((req) => {
    const url = req.url ?? "";
    if (url === "/v2/health/live" || url === "/v2/health/ready" || url === "/v2/models/iris/ready")
      return { status: 200 };
    if (url === "/v2/models/iris")
      return {
        status: 200,
        body: {
          name: "iris",
          versions: [],
          platform: "sklearn",
          inputs: [{ name: "input-0", datatype: "FP32", shape: [-1, 4] }],
          outputs: [],
        },
      };
    return undefined;
  });
  torchInference = await fake((req) =>
    req.url === "/ping" ? { status: 200, body: { status: "Healthy" } } : undefined,
  );
  torchManagement = await fake((req) => {
    if (req.url === "/models")
      return {
        status: 200,
        body: { models: [{ modelName: "squeezenet1_1", modelUrl: "squeezenet1_1.mar" }] },
      };
    if (req.url === "/models/squeezenet1_1")
      return {
        status: 200,
        body: [
          {
            modelName: "squeezenet1_1",
            modelVersion: "1.0",
            modelUrl: "squeezenet1_1.mar",
            runtime: "python",
            minWorkers: 1,
            maxWorkers: 1,
            batchSize: 1,
            maxBatchDelay: 100,
            loadedAtStartup: true,
            workers: [
              {
                id: "9000",
                startTime: "2026-11-29T13:44:53.034Z",
                status: "READY",
                memoryUsage: 0,
                pid: 42,
                gpu: true,
                gpuUsage: "gpuId::0 utilization.gpu [%]::0 %",
              },
            ],
          },
        ],
      };
    return undefined;
  });
  tfserving = await fake((req) =>
    req.url === "/v1/models/half_plus_two"
      ? {
          status: 200,
          body: {
            model_version_status: [
              { version: "2", state: "AVAILABLE", status: { error_code: "OK", error_message: "" } },
              { version: "1", state: "END", status: { error_code: "OK", error_message: "" } },
            ],
          },
        }
      : undefined,
  );
  generic = await fake((req) => (req.url === "/" ? { status: 200, body: { ok: true } } : undefined));
});
afterAll(async () => {
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
});

describe("serving endpoints", () => {
  it("Triton: live, ready, the repository's models with versions, tensors and readiness", async () => {
    ready = true;
    const status = await checkEndpoint({ kind: "triton", baseUrl: triton }, opts);
    expect(status).toMatchObject({ live: true, ready: true });
    expect(status.models.map((m) => m.name)).toEqual(["recommender", "old"]);
    expect(status.models[0]).toEqual({
      name: "recommender",
      platform: "onnxruntime_onnx",
      versions: [
        { version: "1", state: "READY", ready: true },
        { version: "2", state: "READY", ready: true },
      ],
      inputs: [{ name: "features", datatype: "FP32", shape: [-1, 13] }],
      outputs: [{ name: "probabilities", datatype: "FP32", shape: [-1, 2] }],
    });
    expect(status.models[1]).toEqual({
      name: "old",
      platform: null,
      versions: [{ version: "1", state: "UNAVAILABLE: unloaded", ready: false }],
      inputs: [],
      outputs: [],
    });
    expect(status.problems).toEqual([]);
  });

  it("Triton not ready: the server and the version say so", async () => {
    ready = false;
    const status = await checkEndpoint({ kind: "triton", baseUrl: triton, serverModel: "recommender" }, opts);
    ready = true;
    expect(status.ready).toBe(false);
    expect(status.models[0]?.versions[1]).toEqual({ version: "2", state: "UNAVAILABLE", ready: false });
    expect(status.problems).toContain("ready: HTTP 400");
  });

  it("KServe v2 with an unversioned model", async () => {
    const status = await checkEndpoint({ kind: "kserve-v2", baseUrl: kserve, serverModel: "iris" }, opts);
    expect(status).toMatchObject({ live: true, ready: true, problems: [] });
    expect(status.models[0]).toMatchObject({
      name: "iris",
      platform: "sklearn",
      versions: [{ version: "", ready: true }],
    });
  });

  it("TorchServe: /ping and the management API's workers; the auth header is sent", async () => {
    const status = await checkEndpoint(
      {
        kind: "torchserve",
        baseUrl: torchInference,
        managementUrl: torchManagement,
        headers: { authorization: "Bearer t0k" },
      },
      opts,
    );
    expect(status).toMatchObject({ live: true, ready: true, problems: [] });
    expect(status.models).toEqual([
      {
        name: "squeezenet1_1",
        platform: "pytorch",
        versions: [{ version: "1.0", state: "READY", ready: true }],
        inputs: [],
        outputs: [],
      },
    ]);
    expect(seenAuth).toBe("Bearer t0k");
  });

  it("TF Serving: version states from the model status API", async () => {
    const status = await checkEndpoint(
      { kind: "tfserving", baseUrl: tfserving, serverModel: "half_plus_two" },
      opts,
    );
    expect(status).toMatchObject({ live: true, ready: true });
    expect(status.models[0]?.versions).toEqual([
      { version: "2", state: "AVAILABLE", ready: true },
      { version: "1", state: "END", ready: false },
    ]);
    const unnamed = await checkEndpoint({ kind: "tfserving", baseUrl: tfserving }, opts);
    expect(unnamed.problems[0]).toMatch(/set the model name/);
  });

  it("generic endpoints, unreachable ones and refused ones", async () => {
    expect(await checkEndpoint({ kind: "generic", baseUrl: generic }, opts)).toMatchObject({
      live: true,
      ready: true,
    });
    const down = await checkEndpoint({ kind: "triton", baseUrl: "http://127.0.0.1:1" }, opts);
    expect(down).toMatchObject({ live: false, ready: false, models: [] });
    expect(down.problems[0]).toMatch(/^v2\/health\/live: /);
    const refused = await checkEndpoint({ kind: "generic", baseUrl: "http://169.254.169.254" }, opts);
    expect(refused.problems[0]).toMatch(/metadata/);
  });

  it("knows where each kind publishes its metrics", () => {
    expect(defaultMetricsUrl("triton", "http://triton:8000")).toBe("http://triton:8002/metrics");
    expect(defaultMetricsUrl("torchserve", "http://ts:8080")).toBe("http://ts:8082/metrics");
    expect(defaultMetricsUrl("tfserving", "http://tf:8501")).toBe(
      "http://tf:8501/monitoring/prometheus/metrics",
    );
    expect(defaultMetricsUrl("generic", "http://x")).toBeNull();
  });
});
