// Fake model servers on loopback that answer with the shapes the real ones document: Triton (Open Inference
// Protocol + repository index), TorchServe (inference /ping + management API), TF Serving (model status API).
// Shared by the protocol tests (cluster-endpoints) and the serving-endpoint API tests.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeAnswer = { status: number; body?: unknown } | "hang" | undefined;
export type FakeRoute = (req: http.IncomingMessage) => FakeAnswer;

export interface FakeServer {
  url: string;
  /** the Authorization header of the last request */
  lastAuth(): string | undefined;
  close(): Promise<void>;
}

/** A JSON server on a free loopback port; an unknown path is 404, "hang" never answers. */
export async function startFake(route: FakeRoute): Promise<FakeServer> {
  let lastAuth: string | undefined;
  const server = http.createServer((req, res) => {
    lastAuth = req.headers.authorization;
    req.resume();
    req.on("end", () => {
      const out = route(req) ?? { status: 404, body: { error: "not found" } };
      if (out === "hang") return;
      res.writeHead(out.status, { "content-type": "application/json" });
      res.end(out.body === undefined ? "" : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lastAuth: () => lastAuth,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export const RECOMMENDER_METADATA = {
  name: "recommender",
  versions: ["1", "2"],
  platform: "onnxruntime_onnx",
  inputs: [{ name: "features", datatype: "FP32", shape: [-1, 13] }],
  outputs: [{ name: "probabilities", datatype: "FP32", shape: [-1, 2] }],
};

/** Triton serving the recommender (versions 1 and 2; 2 follows `state.ready`) and an unloaded model "old". */
export function tritonRoute(state: { ready: boolean }): FakeRoute {
  return (req) => {
    const url = req.url ?? "";
    if (url === "/v2/health/live") return { status: 200 };
    if (url === "/v2/health/ready") return { status: state.ready ? 200 : 400 };
    if (url === "/v2/repository/index" && req.method === "POST")
      return {
        status: 200,
        body: [
          { name: "recommender", version: "1", state: "READY" },
          { name: "recommender", version: "2", state: "READY" },
          { name: "old", version: "1", state: "UNAVAILABLE", reason: "unloaded" },
        ],
      };
    if (url === "/v2/models/recommender") return { status: 200, body: RECOMMENDER_METADATA };
    if (url === "/v2/models/recommender/versions/1/ready") return { status: 200 };
    if (url === "/v2/models/recommender/versions/2/ready") return { status: state.ready ? 200 : 400 };
    if (url === "/v2/models/old")
      return { status: 400, body: { error: "Request for unknown model: 'old' is not found" } };
    return undefined;
  };
}

/** TorchServe's inference API: /ping. */
export const torchServeInferenceRoute: FakeRoute = (req) =>
  req.url === "/ping" ? { status: 200, body: { status: "Healthy" } } : undefined;

/** TorchServe's management API serving `model` (one READY worker, version 1.0). */
export function torchServeManagementRoute(model = "squeezenet1_1"): FakeRoute {
  return (req) => {
    if (req.url === "/models")
      return { status: 200, body: { models: [{ modelName: model, modelUrl: `${model}.mar` }] } };
    if (req.url === `/models/${model}`)
      return {
        status: 200,
        body: [
          {
            modelName: model,
            modelVersion: "1.0",
            modelUrl: `${model}.mar`,
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
  };
}

/** TF Serving with `model` at version 2 (AVAILABLE) and version 1 (END). */
export function tfServingRoute(model = "half_plus_two"): FakeRoute {
  return (req) =>
    req.url === `/v1/models/${model}`
      ? {
          status: 200,
          body: {
            model_version_status: [
              { version: "2", state: "AVAILABLE", status: { error_code: "OK", error_message: "" } },
              { version: "1", state: "END", status: { error_code: "OK", error_message: "" } },
            ],
          },
        }
      : undefined;
}
