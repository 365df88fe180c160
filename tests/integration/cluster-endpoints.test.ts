// Serving endpoints asked in their own protocols, against fake servers that answer with the shapes the real
// ones document: Triton (Open Inference Protocol + repository index), KServe v2 (MLServer-style metadata),
// TorchServe (inference /ping + management API), TF Serving (model status API), and a generic endpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEndpoint, defaultMetricsUrl } from "../../lib/cluster/endpoint-health";
import { parseAllowList } from "../../lib/net/address-policy";
import {
  type FakeServer,
  startFake,
  tfServingRoute,
  torchServeInferenceRoute,
  torchServeManagementRoute,
  tritonRoute,
} from "../helpers/fake-serving";

const allow = parseAllowList("127.0.0.1");
const opts = { allow, timeoutMs: 2000 };

const servers: FakeServer[] = [];
async function fake(route: Parameters<typeof startFake>[0]): Promise<FakeServer> {
  const server = await startFake(route);
  servers.push(server);
  return server;
}

let triton = "";
let kserve = "";
let torchInference = "";
let torchManagement: FakeServer;
let tfserving = "";
let generic = "";
const tritonState = { ready: true };

beforeAll(async () => {
  triton = (await fake(tritonRoute(tritonState))).url;
  kserve = (
    await fake((req) => {
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
    })
  ).url;
  torchInference = (await fake(torchServeInferenceRoute)).url;
  torchManagement = await fake(torchServeManagementRoute());
  tfserving = (await fake(tfServingRoute())).url;
  generic = (await fake((req) => (req.url === "/" ? { status: 200, body: { ok: true } } : undefined))).url;
});
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe("serving endpoints", () => {
  it("Triton: live, ready, the repository's models with versions, tensors and readiness", async () => {
    tritonState.ready = true;
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
    tritonState.ready = false;
    const status = await checkEndpoint({ kind: "triton", baseUrl: triton, serverModel: "recommender" }, opts);
    tritonState.ready = true;
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
        managementUrl: torchManagement.url,
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
    expect(torchManagement.lastAuth()).toBe("Bearer t0k");
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
