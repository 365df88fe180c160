// The demo's Triton inference server (its HTTP API; the metrics port is exporters.ts'): an Open Inference
// Protocol server on loopback serving the recommender's two versions, registered as the serving endpoint
// `triton-recommender`. Model metadata matches the recommender's ONNX models (tests/fixtures/shadow): one FP32
// input of the 13 encoded features (4 numeric, country and device one-hot) and the two class probabilities.
import http from "node:http";
import { listenOnLoopback } from "./cluster";
import { RECOMMENDER } from "./scenario";

/** Triton's HTTP port is 8000 (metrics 8002): the demo's are 18000 and 18002, or free ones. */
export const DEMO_TRITON_PORT = 18000;
export const DEMO_ENDPOINT_NAME = "triton-recommender";

/** Vigil version → Triton version: v1 and v2 of the A/B test are versions 1 and 2 in the model repository. */
export const DEMO_VERSION_MAP: Readonly<Record<string, string>> = { v1: "1", v2: "2" };

export const DEMO_MODEL_METADATA = {
  name: RECOMMENDER,
  versions: Object.values(DEMO_VERSION_MAP),
  platform: "onnxruntime_onnx",
  inputs: [{ name: "features", datatype: "FP32", shape: [-1, 13] }],
  outputs: [{ name: "probabilities", datatype: "FP32", shape: [-1, 2] }],
};

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

type Answer = { status: number; body?: unknown };

function answer(method: string, path: string): Answer {
  const model = `/v2/models/${RECOMMENDER}`;
  if (path === "/v2/health/live" || path === "/v2/health/ready") return { status: 200 };
  if (path === "/v2")
    return {
      status: 200,
      body: { name: "triton", version: "2.41.0", extensions: ["model_repository", "statistics"] },
    };
  if (path === "/v2/repository/index" && method === "POST")
    return {
      status: 200,
      body: DEMO_MODEL_METADATA.versions.map((version) => ({ name: RECOMMENDER, version, state: "READY" })),
    };
  if (path === model) return { status: 200, body: DEMO_MODEL_METADATA };
  if (path === `${model}/ready`) return { status: 200 };
  const version = path.match(new RegExp(`^${model}/versions/([^/]+)(/ready)?$`));
  if (version && DEMO_MODEL_METADATA.versions.includes(version[1]!))
    return version[2]
      ? { status: 200 }
      : { status: 200, body: { ...DEMO_MODEL_METADATA, versions: [version[1]] } };
  if (version)
    return {
      status: 400,
      body: { error: `Request for unknown model: '${RECOMMENDER}' version ${version[1]} is not found` },
    };
  const unknown = path.match(/^\/v2\/models\/([^/]+)/);
  if (unknown)
    return { status: 400, body: { error: `Request for unknown model: '${unknown[1]}' is not found` } };
  return { status: 404, body: { error: "Not Found" } };
}

/** Starts the fake Triton on loopback (port 18000, or a free one when it is taken). */
export async function startDemoTriton(port = DEMO_TRITON_PORT): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const out = answer(req.method ?? "GET", new URL(req.url ?? "/", "http://localhost").pathname);
      res.writeHead(out.status, { "content-type": "application/json" });
      res.end(out.body === undefined ? "" : JSON.stringify(out.body));
    });
  });
  const bound = await listenOnLoopback(server, port);
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The body of POST /api/v1/serving-endpoints that registers it. */
export function demoServingEndpoint(baseUrl: string) {
  return {
    name: DEMO_ENDPOINT_NAME,
    kind: "triton" as const,
    baseUrl,
    model: RECOMMENDER,
    versionMap: { ...DEMO_VERSION_MAP },
    // The DCGM exporters map GPUs to the recommender's Triton pods (exporters.ts).
    gpuSelector: '{namespace="serving",pod=~"triton-recommender-.*"}',
    // The job of the demo's Triton metrics scrape target (cluster.ts).
    metricsJob: "triton",
  };
}
