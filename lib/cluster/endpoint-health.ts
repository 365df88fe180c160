// Health and metadata of a serving endpoint, asked in each server's own protocol:
// - Open Inference Protocol (Triton, KServe v2): GET /v2/health/live, /v2/health/ready, /v2/models/{m}
//   (metadata: versions, platform, inputs, outputs), /v2/models/{m}/versions/{v}/ready; Triton also lists its
//   repository with POST /v2/repository/index.
// - TorchServe: GET /ping on the inference API ({"status": "Healthy"}); GET /models and /models/{m} on the
//   management API (workers and their status).
// - TF Serving: GET /v1/models/{m} (model_version_status with AVAILABLE / LOADING / … per version).
// - generic: GET the base URL; any 2xx is live and ready.
// Every call goes through the outbound address policy with a timeout; a failed call is reported, not thrown.
import type { AllowList } from "../net/address-policy";
import { outboundRequest } from "../net/outbound";

export const ENDPOINT_KINDS = ["triton", "kserve-v2", "torchserve", "tfserving", "generic"] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

export interface EndpointConfig {
  kind: EndpointKind;
  /** inference API base URL, e.g. http://triton:8000 */
  baseUrl: string;
  /** TorchServe's management API (default: the base URL with port 8081) */
  managementUrl?: string | null;
  /** the model name on the server (defaults to listing what the server serves, where it can) */
  serverModel?: string | null;
  /** e.g. {authorization: "Bearer …"} */
  headers?: Record<string, string>;
}

export interface ServedVersion {
  version: string;
  state: string;
  ready: boolean;
}

export interface ServedModel {
  name: string;
  platform: string | null;
  versions: ServedVersion[];
  inputs: Array<{ name: string; datatype: string; shape: number[] }>;
  outputs: Array<{ name: string; datatype: string; shape: number[] }>;
}

export interface EndpointStatus {
  live: boolean;
  ready: boolean;
  models: ServedModel[];
  /** what went wrong, per call, when something did */
  problems: string[];
  latencyMs: number;
}

interface Call {
  status: number;
  json: unknown;
}

type Get = (path: string, opts?: { method?: string; base?: string }) => Promise<Call | string>;

function client(config: EndpointConfig, opts: { allow: AllowList; timeoutMs: number }): Get {
  return async (path, o = {}) => {
    const url = new URL(path, `${(o.base ?? config.baseUrl).replace(/\/+$/, "")}/`);
    try {
      const res = await outboundRequest(url, {
        method: o.method ?? "GET",
        headers: {
          accept: "application/json",
          ...config.headers,
          ...(o.method === "POST" ? { "content-type": "application/json" } : {}),
        },
        body: o.method === "POST" ? "{}" : undefined,
        timeoutMs: opts.timeoutMs,
        maxBytes: 4 * 1024 * 1024,
        allow: opts.allow,
      });
      let json: unknown = null;
      try {
        json = res.body ? (JSON.parse(res.body) as unknown) : null;
      } catch {
        json = null;
      }
      return { status: res.status, json };
    } catch (error) {
      return `${path}: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);
const tensors = (v: unknown) =>
  Array.isArray(v)
    ? v.filter(isObject).map((t) => ({
        name: str(t.name) ?? "",
        datatype: str(t.datatype) ?? "",
        shape: Array.isArray(t.shape) ? t.shape.map(Number) : [],
      }))
    : [];

function ok(call: Call | string, problems: string[], what: string): call is Call {
  if (typeof call === "string") {
    problems.push(call);
    return false;
  }
  if (call.status < 200 || call.status >= 300) {
    problems.push(`${what}: HTTP ${call.status}`);
    return false;
  }
  return true;
}

async function openInference(get: Get, config: EndpointConfig, problems: string[]) {
  const live = ok(await get("v2/health/live"), problems, "live");
  const readyCall = await get("v2/health/ready");
  const ready = ok(readyCall, problems, "ready");
  let names: string[] = config.serverModel ? [config.serverModel] : [];
  // Triton's repository index: every model it knows, with each version's state (READY, UNAVAILABLE + reason).
  const indexed = new Map<string, ServedVersion[]>();
  if (names.length === 0 && config.kind === "triton") {
    const index = await get("v2/repository/index", { method: "POST" });
    if (ok(index, problems, "repository index") && Array.isArray(index.json))
      for (const m of index.json.filter(isObject)) {
        const name = str(m.name);
        if (!name) continue;
        const state = str(m.state) ?? "UNKNOWN";
        const reason = str(m.reason);
        const list = indexed.get(name) ?? [];
        list.push({
          version: str(m.version) ?? "",
          state: reason ? `${state}: ${reason}` : state,
          ready: state === "READY",
        });
        indexed.set(name, list);
      }
    names = [...indexed.keys()];
  }
  const models: ServedModel[] = [];
  for (const name of names) {
    const known = indexed.get(name);
    if (known && !known.some((v) => v.ready)) {
      // Not loaded: Triton has no metadata for it; the index says why.
      models.push({ name, platform: null, versions: known, inputs: [], outputs: [] });
      continue;
    }
    const meta = await get(`v2/models/${encodeURIComponent(name)}`);
    if (!ok(meta, problems, `model ${name}`) || !isObject(meta.json)) continue;
    const versions: ServedVersion[] = [];
    const listed = Array.isArray(meta.json.versions)
      ? meta.json.versions.map(str).filter((v): v is string => !!v)
      : [];
    for (const version of listed) {
      const r = await get(
        `v2/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}/ready`,
      );
      const isReady = typeof r !== "string" && r.status === 200;
      versions.push({ version, state: isReady ? "READY" : "UNAVAILABLE", ready: isReady });
    }
    if (listed.length === 0) {
      const r = await get(`v2/models/${encodeURIComponent(name)}/ready`);
      const isReady = typeof r !== "string" && r.status === 200;
      versions.push({ version: "", state: isReady ? "READY" : "UNAVAILABLE", ready: isReady });
    }
    models.push({
      name: str(meta.json.name) ?? name,
      platform: str(meta.json.platform),
      versions,
      inputs: tensors(meta.json.inputs),
      outputs: tensors(meta.json.outputs),
    });
  }
  return { live, ready, models };
}

async function torchServe(get: Get, config: EndpointConfig, problems: string[]) {
  const ping = await get("ping");
  const healthy = ok(ping, problems, "ping") && isObject(ping.json) && ping.json.status === "Healthy";
  if (typeof ping !== "string" && ping.status === 200 && !healthy)
    problems.push(`ping: status ${JSON.stringify((ping.json as { status?: unknown } | null)?.status)}`);
  const management =
    config.managementUrl ??
    (() => {
      const u = new URL(config.baseUrl);
      u.port = "8081";
      return u.toString();
    })();
  let names: string[] = config.serverModel ? [config.serverModel] : [];
  if (names.length === 0) {
    const list = await get("models", { base: management });
    if (ok(list, problems, "management models") && isObject(list.json) && Array.isArray(list.json.models))
      names = list.json.models
        .filter(isObject)
        .map((m) => str(m.modelName))
        .filter((n): n is string => !!n);
  }
  const models: ServedModel[] = [];
  for (const name of names) {
    const desc = await get(`models/${encodeURIComponent(name)}`, { base: management });
    if (!ok(desc, problems, `model ${name}`) || !Array.isArray(desc.json)) continue;
    const versions = desc.json.filter(isObject).map((v) => {
      const workers = Array.isArray(v.workers) ? v.workers.filter(isObject) : [];
      const readyWorkers = workers.filter((w) => w.status === "READY").length;
      return {
        version: str(v.modelVersion) ?? "",
        state:
          readyWorkers > 0
            ? "READY"
            : workers.length > 0
              ? String(workers[0]?.status ?? "UNKNOWN")
              : "NO_WORKERS",
        ready: readyWorkers > 0,
      };
    });
    models.push({ name, platform: "pytorch", versions, inputs: [], outputs: [] });
  }
  return { live: healthy, ready: healthy && models.every((m) => m.versions.some((v) => v.ready)), models };
}

async function tfServing(get: Get, config: EndpointConfig, problems: string[]) {
  if (!config.serverModel) {
    problems.push("TF Serving has no API that lists its models: set the model name served");
    return { live: false, ready: false, models: [] };
  }
  const name = config.serverModel;
  const status = await get(`v1/models/${encodeURIComponent(name)}`);
  if (!ok(status, problems, `model ${name}`) || !isObject(status.json))
    return { live: typeof status !== "string", ready: false, models: [] };
  const list = Array.isArray(status.json.model_version_status)
    ? status.json.model_version_status.filter(isObject)
    : [];
  const versions = list.map((v) => ({
    version: str(v.version) ?? "",
    state: str(v.state) ?? "UNKNOWN",
    ready: v.state === "AVAILABLE",
  }));
  return {
    live: true,
    ready: versions.some((v) => v.ready),
    models: [{ name, platform: "tensorflow", versions, inputs: [], outputs: [] }],
  };
}

async function generic(get: Get, problems: string[]) {
  const up = ok(await get(""), problems, "GET");
  return { live: up, ready: up, models: [] };
}

export async function checkEndpoint(
  config: EndpointConfig,
  opts: { allow: AllowList; timeoutMs: number },
): Promise<EndpointStatus> {
  const started = performance.now();
  const get = client(config, opts);
  const problems: string[] = [];
  const result =
    config.kind === "triton" || config.kind === "kserve-v2"
      ? await openInference(get, config, problems)
      : config.kind === "torchserve"
        ? await torchServe(get, config, problems)
        : config.kind === "tfserving"
          ? await tfServing(get, config, problems)
          : await generic(get, problems);
  return { ...result, problems, latencyMs: performance.now() - started };
}

/** Where each kind exposes Prometheus metrics by default (issue: Triton :8002, TorchServe :8082, TF Serving path). */
export function defaultMetricsUrl(kind: EndpointKind, baseUrl: string): string | null {
  const u = new URL(baseUrl);
  if (kind === "triton") {
    u.port = "8002";
    u.pathname = "/metrics";
  } else if (kind === "torchserve") {
    u.port = "8082";
    u.pathname = "/metrics";
  } else if (kind === "tfserving") u.pathname = "/monitoring/prometheus/metrics";
  else return null;
  return u.toString();
}
