// PromQL for a model's serving metrics, per server kind: GPU utilization of the pods that serve it, request
// rate and queue time per version. Pure (no I/O, no PromQL parser) so the model page's Serving tab can build
// the same queries in the browser that tests evaluate here. Works against Vigil's own store or an external
// Prometheus alike: only metric names and labels that the exporters themselves write are used.

export type ServingKind = "triton" | "kserve-v2" | "torchserve" | "tfserving" | "generic";

/** What the queries need to know about one serving endpoint. */
export interface ServingTarget {
  kind: ServingKind;
  /** The model's name on the server (the endpoint's serverModel, else the Vigil model name). */
  serverModel: string;
  /** The server's version for the selected Vigil version (versionMap, else the same name); null: every version. */
  serverVersion: string | null;
  /** Label matchers selecting the GPU series of the serving pods, e.g. `{namespace="serving",pod=~"triton-.*"}`. */
  gpuSelector: string | null;
  /** The `job` label of the server's scraped metrics. */
  metricsJob: string | null;
}

/** A query, the label that tells versions apart in its result (null: one series), and where the numbers come from. */
export type ServingQuery =
  | { expr: string; versionLabel: string | null; source: string }
  | { expr: null; reason: string };

export interface ServingQueries {
  /** Mean GPU utilization (%) over the serving pods' GPUs. */
  gpu: ServingQuery;
  /** The same per GPU (`Hostname`, `gpu` labels from DCGM; `gpu_uuid` from Triton's fallback). */
  gpuPerDevice: ServingQuery;
  /** Successful requests per second. */
  requestRate: ServingQuery;
  /** Mean time a request waited in the server's queue, in ms. */
  queueMs: ServingQuery;
  /** The rate() window used, as a PromQL duration. */
  rateWindow: string;
}

/** A PromQL double-quoted string literal: backslash, quote and control characters escaped. */
export function promQuote(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
  return `"${escaped}"`;
}

/** `{a="x",b="y"}` from label → value pairs (null/empty values left out), or "" when none remain. */
export function matchers(labels: ReadonlyArray<[string, string | null | undefined]>): string {
  const pairs = labels
    .filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")
    .map(([k, v]) => `${k}=${promQuote(v)}`);
  return pairs.length > 0 ? `{${pairs.join(",")}}` : "";
}

/**
 * The endpoint's GPU selector as a `{…}` matcher list: braces added when it was given without them. The
 * matchers themselves are the operator's PromQL and go in as written (a broken one is reported by the query).
 */
export function normalizeSelector(selector: string | null | undefined): string | null {
  const s = (selector ?? "").trim();
  if (!s) return null;
  return s.startsWith("{") ? s : `{${s}}`;
}

/** Seconds → the shortest PromQL duration in whole h, m or s ("20m", "4h", "90s"). */
export function promDuration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

/**
 * The rate() window for a range step: at least 5m (several scrapes at the usual 15–60 s intervals) and at least
 * 4 × step, Grafana's $__rate_interval idea — so every step's window holds enough samples and no sample falls
 * between two steps' windows.
 */
export function rateWindowSeconds(stepSeconds: number): number {
  return Math.max(300, 4 * Math.ceil(stepSeconds));
}

/** Request counters per kind: metric, model label, version label (null: the server does not label versions). */
const REQUEST_COUNTERS: Partial<
  Record<ServingKind, { metric: string; model: string; version: string | null; source: string }>
> = {
  triton: {
    metric: "nv_inference_request_success",
    model: "model",
    version: "version",
    source: "Triton nv_inference_request_success",
  },
  "kserve-v2": {
    metric: "nv_inference_request_success",
    model: "model",
    version: "version",
    source: "nv_inference_request_success (Triton runtime)",
  },
  torchserve: {
    metric: "ts_inference_requests_total",
    model: "model_name",
    version: "model_version",
    source: "TorchServe ts_inference_requests_total",
  },
  tfserving: {
    metric: ":tensorflow:serving:request_count",
    model: "model_name",
    version: null,
    source: "TF Serving :tensorflow:serving:request_count (all versions: it does not label them)",
  },
};

/** Cumulative queue-time counters (µs) per kind. */
const QUEUE_COUNTERS: Partial<Record<ServingKind, { metric: string; source: string }>> = {
  triton: {
    metric: "nv_inference_queue_duration_us",
    source: "Triton nv_inference_queue_duration_us ÷ nv_inference_request_success",
  },
  torchserve: {
    metric: "ts_queue_latency_microseconds",
    source: "TorchServe ts_queue_latency_microseconds ÷ ts_inference_requests_total",
  },
};

function gpuQueries(t: ServingTarget): Pick<ServingQueries, "gpu" | "gpuPerDevice"> {
  const selector = normalizeSelector(t.gpuSelector);
  const dcgm = selector ? `DCGM_FI_DEV_GPU_UTIL${selector}` : null;
  // Triton reports its own GPUs' utilization (0–1), a fallback when no DCGM exporter is scraped.
  const triton =
    t.kind === "triton" && t.metricsJob ? `nv_gpu_utilization${matchers([["job", t.metricsJob]])}` : null;
  if (!dcgm && !triton) {
    const reason =
      t.kind === "triton"
        ? "the endpoint has no gpuSelector and no metricsJob to read Triton's own GPU gauges"
        : "the endpoint has no gpuSelector (label matchers for the serving pods' DCGM series)";
    return { gpu: { expr: null, reason }, gpuPerDevice: { expr: null, reason } };
  }
  const source =
    dcgm && triton
      ? `DCGM_FI_DEV_GPU_UTIL${selector}, else Triton nv_gpu_utilization × 100`
      : dcgm
        ? `DCGM_FI_DEV_GPU_UTIL${selector}`
        : "Triton nv_gpu_utilization × 100";
  const avg = [dcgm && `avg(${dcgm})`, triton && `(avg(${triton}) * 100)`].filter(Boolean).join(" or ");
  // Per GPU the two sources have different labels, so `or` alone would keep both: Triton's gauges only count
  // when no DCGM series is there at that step.
  const perDcgm = dcgm && `avg by (Hostname, gpu) (${dcgm})`;
  const perTriton = triton && `(avg by (gpu_uuid) (${triton}) * 100)`;
  const perDevice =
    perDcgm && perTriton
      ? `${perDcgm} or (${perTriton} unless on() count(${dcgm}))`
      : (perDcgm ?? perTriton)!;
  return {
    gpu: { expr: avg, versionLabel: null, source },
    gpuPerDevice: { expr: perDevice, versionLabel: null, source },
  };
}

/** Every query for one endpoint at a range step (seconds). */
export function servingQueries(t: ServingTarget, stepSeconds: number): ServingQueries {
  const window = promDuration(rateWindowSeconds(stepSeconds));
  const counter = REQUEST_COUNTERS[t.kind];
  const queue = QUEUE_COUNTERS[t.kind];
  const selector = counter
    ? matchers([
        [counter.model, t.serverModel],
        ...(counter.version ? [[counter.version, t.serverVersion] as [string, string | null]] : []),
        ["job", t.metricsJob],
      ])
    : "";
  const sumRate = (metric: string) =>
    counter?.version
      ? `sum by (${counter.version}) (rate(${metric}${selector}[${window}]))`
      : `sum(rate(${metric}${selector}[${window}]))`;

  const requestRate: ServingQuery = counter
    ? { expr: sumRate(counter.metric), versionLabel: counter.version, source: counter.source }
    : { expr: null, reason: `a ${t.kind} endpoint exports no request counter Vigil knows` };
  const queueMs: ServingQuery =
    counter && queue
      ? {
          expr: `${sumRate(queue.metric)} / ${sumRate(counter.metric)} / 1000`,
          versionLabel: counter.version,
          source: queue.source,
        }
      : { expr: null, reason: `${kindName(t.kind)} does not export a queue-time counter` };
  return { ...gpuQueries(t), requestRate, queueMs, rateWindow: window };
}

const KIND_NAMES: Record<ServingKind, string> = {
  triton: "Triton",
  "kserve-v2": "KServe (v2 protocol)",
  torchserve: "TorchServe",
  tfserving: "TF Serving",
  generic: "a generic endpoint",
};

export function kindName(kind: ServingKind): string {
  return KIND_NAMES[kind];
}

/** The server's version for a Vigil version: the endpoint's versionMap, else the same name. */
export function serverVersionOf(versionMap: Readonly<Record<string, string>>, vigilVersion: string): string {
  return Object.hasOwn(versionMap, vigilVersion) ? versionMap[vigilVersion]! : vigilVersion;
}

/** The Vigil version for a server version: the versionMap entry that maps to it, else the same name. */
export function vigilVersionOf(versionMap: Readonly<Record<string, string>>, serverVersion: string): string {
  for (const [vigil, server] of Object.entries(versionMap)) if (server === serverVersion) return vigil;
  return serverVersion;
}
