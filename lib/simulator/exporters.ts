// The demo's serving cluster as its exporters would describe it: a DCGM exporter per GPU node and Triton's
// metrics endpoint, in the exact exposition shapes those exporters write, with GPU load following the
// simulated traffic (the GPUs saturate at the evening peak). Pure: the text for time `t` depends only on the
// scenario and t, so every scrape of the same instant agrees; counters are the integral of the traffic rate.
import { load, RECOMMENDER, ratePerHour, type Scenario } from "./scenario";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface SimGpu {
  node: string;
  index: number;
  uuid: string;
  pod: string;
}

/** Two nodes with two H100s each; the recommender's Triton pods run on them. */
export const DEMO_GPUS: readonly SimGpu[] = [0, 1, 2, 3].map((i) => ({
  node: `gpu-node-${Math.floor(i / 2) + 1}`,
  index: i % 2,
  uuid: `GPU-5f0c1d2e-7a3b-4c5d-9e8f-${(0xa1b2c3d40000 + i).toString(16)}`,
  pod: `triton-recommender-${["7d9f4", "7d9f4", "k2m8x", "k2m8x"][i]}`,
}));

const MODEL_NAME = "NVIDIA H100 80GB HBM3";
const FB_TOTAL_MIB = 81_559;

/** A deterministic wiggle in [-1, 1] per GPU and minute, so exporters look alive without randomness. */
function wiggle(seed: number, t: number): number {
  const x = Math.sin(seed * 12.9898 + Math.floor(t / 60_000) * 78.233) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

export interface GpuReading {
  gpu: SimGpu;
  utilization: number;
  fbUsedMiB: number;
  temperatureC: number;
  powerW: number;
  smClockMHz: number;
}

export function gpuReadings(s: Scenario, t: number): GpuReading[] {
  const l = load(s, t);
  return DEMO_GPUS.map((gpu, i) => {
    // Node 1 takes a little more traffic than node 2; near the peak every GPU is close to saturation.
    const share = i < 2 ? 1.08 : 0.92;
    const utilization = Math.max(
      2,
      Math.min(100, Math.round((18 + 80 * l ** 1.6 * share + 3 * wiggle(i + 1, t)) * 10) / 10),
    );
    return {
      gpu,
      utilization,
      fbUsedMiB: Math.round(21_000 + 38_000 * l + 500 * wiggle(i + 11, t)),
      temperatureC: Math.round(34 + 0.42 * utilization + 2 * wiggle(i + 21, t)),
      powerW: Math.round((95 + 5.9 * utilization + 8 * wiggle(i + 31, t)) * 100) / 100,
      smClockMHz: utilization > 90 ? 1755 : 1980,
    };
  });
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`)
    .join(",");
}

/** The DCGM exporter's /metrics of one node (dcgm-exporter 3.x default counters, k8s pod mapping on). */
export function dcgmExposition(s: Scenario, t: number, node: string): string {
  const readings = gpuReadings(s, t).filter((r) => r.gpu.node === node);
  const metrics: Array<[string, string, (r: GpuReading) => number]> = [
    ["DCGM_FI_DEV_SM_CLOCK", "SM clock frequency (in MHz).", (r) => r.smClockMHz],
    ["DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).", (r) => r.temperatureC],
    ["DCGM_FI_DEV_POWER_USAGE", "Power draw (in W).", (r) => r.powerW],
    ["DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", (r) => r.utilization],
    ["DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).", (r) => FB_TOTAL_MIB - r.fbUsedMiB],
    ["DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).", (r) => r.fbUsedMiB],
  ];
  const lines: string[] = [];
  for (const [name, help, value] of metrics) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const r of readings)
      lines.push(
        `${name}{${labelText({
          gpu: String(r.gpu.index),
          UUID: r.gpu.uuid,
          device: `nvidia${r.gpu.index}`,
          modelName: MODEL_NAME,
          Hostname: node,
          DCGM_FI_DRIVER_VERSION: "535.129.03",
          container: "triton",
          namespace: "serving",
          pod: r.gpu.pod,
        })}} ${value(r)}`,
      );
  }
  return `${lines.join("\n")}\n`;
}

/** Recommender requests served from the scenario's origin to t: the integral of its share of the traffic. */
export function requestsSince(s: Scenario, t: number): number {
  const a = (s.peakToTrough - 1) / (s.peakToTrough + 1);
  const mean = s.peakPerHour / (1 + a);
  const phase = (x: number) => (2 * Math.PI * ((x % DAY_MS) / HOUR_MS - s.peakHourUtc)) / 24;
  const integral = (x: number) =>
    (mean / HOUR_MS) * (x + ((a * DAY_MS) / (2 * Math.PI)) * Math.sin(phase(x)));
  return Math.max(0, Math.round((integral(t) - integral(s.originMs)) * (s.share[RECOMMENDER] ?? 0)));
}

/** Mean queueing time per request (µs) at load l: grows steeply as the GPUs saturate at the evening peak. */
const queueUsAt = (l: number) => 400 + 9_000 * l ** 4;

const MINUTE_MS = 60_000;
const dailyQueue = new WeakMap<Scenario, Float64Array>();

/**
 * Cumulative queueing µs of the recommender's requests per minute of a UTC day (the traffic is periodic per day):
 * entry i sums the first i minutes, entry 1440 the whole day.
 */
function dailyQueueTable(s: Scenario): Float64Array {
  let table = dailyQueue.get(s);
  if (table) return table;
  const minutes = DAY_MS / MINUTE_MS;
  table = new Float64Array(minutes + 1);
  for (let i = 0; i < minutes; i++) {
    const mid = (i + 0.5) * MINUTE_MS;
    const requests = (ratePerHour(s, mid) / HOUR_MS) * MINUTE_MS * (s.share[RECOMMENDER] ?? 0);
    table[i + 1] = (table[i] ?? 0) + requests * queueUsAt(load(s, mid));
  }
  dailyQueue.set(s, table);
  return table;
}

/** Queueing µs summed over every recommender request from the scenario's origin to t (a true counter). */
export function queueUsSince(s: Scenario, t: number): number {
  const table = dailyQueueTable(s);
  const upTo = (x: number) => {
    const day = Math.floor(x / DAY_MS);
    const minute = ((x - day * DAY_MS) / MINUTE_MS) | 0;
    const frac = (x - day * DAY_MS - minute * MINUTE_MS) / MINUTE_MS;
    const a = table[minute] ?? 0;
    const b = table[Math.min(minute + 1, table.length - 1)] ?? a;
    return day * (table[table.length - 1] ?? 0) + a + frac * (b - a);
  };
  return Math.max(0, upTo(t) - upTo(s.originMs));
}

/** Triton's :8002/metrics for the recommender (two versions, split as the A/B test), plus its GPU gauges. */
export function tritonExposition(s: Scenario, t: number): string {
  const total = requestsSince(s, t);
  const lines: string[] = [];
  const versions = s.variants.map((v) => ({ version: v.version === "v2" ? "2" : "1", share: v.weight }));
  const counter = (name: string, help: string, value: (share: number, version: string) => number) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
    for (const v of versions)
      lines.push(
        `${name}{model="${RECOMMENDER}",version="${v.version}"} ${Math.round(value(v.share, v.version))}`,
      );
  };
  counter(
    "nv_inference_request_success",
    "Number of successful inference requests, all batch sizes",
    (share) => total * share,
  );
  counter(
    "nv_inference_request_failure",
    "Number of failed inference requests, all batch sizes",
    (share) => total * share * 0.0004,
  );
  counter(
    "nv_inference_count",
    "Number of inferences performed (does not include cached requests)",
    (share) => total * share,
  );
  counter(
    "nv_inference_exec_count",
    "Number of model executions performed (does not include cached requests)",
    (share) => (total * share) / 4,
  );
  // Cumulative durations: queueing per request grows with load (the GPUs saturate at the peak); the counter is
  // its integral over the traffic, so it only ever grows.
  const queued = queueUsSince(s, t);
  counter(
    "nv_inference_queue_duration_us",
    "Cumulative inference queuing duration in microseconds (includes cached requests)",
    (share) => queued * share,
  );
  counter(
    "nv_inference_compute_infer_duration_us",
    "Cumulative compute inference duration in microseconds (does not include cached requests)",
    (share, version) => total * share * (version === "2" ? 21_000 : 14_000),
  );
  counter(
    "nv_inference_request_duration_us",
    "Cumulative inference request duration in microseconds (includes cached requests)",
    (share, version) => queued * share + total * share * (version === "2" ? 24_000 : 16_000),
  );
  const gauges: Array<[string, string, (r: GpuReading) => number]> = [
    ["nv_gpu_utilization", "GPU utilization rate [0.0 - 1.0)", (r) => r.utilization / 100],
    ["nv_gpu_memory_total_bytes", "GPU total memory, in bytes", () => FB_TOTAL_MIB * 1024 * 1024],
    ["nv_gpu_memory_used_bytes", "GPU used memory, in bytes", (r) => r.fbUsedMiB * 1024 * 1024],
    ["nv_gpu_power_usage", "GPU power usage in watts", (r) => r.powerW],
  ];
  for (const [name, help, value] of gauges) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const r of gpuReadings(s, t)) lines.push(`${name}{gpu_uuid="${r.gpu.uuid}"} ${value(r)}`);
  }
  return `${lines.join("\n")}\n`;
}
