// The Cluster page's GPU table: the PromQL it asks and how the instant answer becomes one row per GPU.
// Two dialects carry GPU gauges: the DCGM exporter (and Vigil's nvidia-smi collector, which writes the same
// names) and Triton's own nv_gpu_* gauges. DCGM is richer (temperature, clocks, pod), so Triton's are used only
// when no DCGM series exist at all. Pure: no fetching, no React.
import type { PromMetric, PromVectorItem } from "./prom-result";
import { parsePromValue } from "./prom-result";

export const DCGM_METRICS = {
  util: "DCGM_FI_DEV_GPU_UTIL",
  fbUsed: "DCGM_FI_DEV_FB_USED",
  fbFree: "DCGM_FI_DEV_FB_FREE",
  temp: "DCGM_FI_DEV_GPU_TEMP",
  power: "DCGM_FI_DEV_POWER_USAGE",
  smClock: "DCGM_FI_DEV_SM_CLOCK",
} as const;

export const TRITON_METRICS = {
  util: "nv_gpu_utilization",
  memUsed: "nv_gpu_memory_used_bytes",
  memTotal: "nv_gpu_memory_total_bytes",
  power: "nv_gpu_power_usage",
} as const;

export type GpuSource = "dcgm" | "triton";

const MIB = 1024 * 1024;

/** `{a="b",c=~"d"}` → `a="b",c=~"d"`: the matchers of a selector, to add to ours (empty when none). */
export function selectorMatchers(selector: string | null | undefined): string {
  const s = (selector ?? "").trim();
  if (!s) return "";
  return s.startsWith("{") && s.endsWith("}") ? s.slice(1, -1).trim() : s;
}

/** A vector selector for several metric names at once, so one request brings every gauge. */
export function namesSelector(names: readonly string[], selector?: string | null): string {
  const extra = selectorMatchers(selector);
  return `{__name__=~"${names.join("|")}"${extra ? `,${extra}` : ""}}`;
}

/** The instant query of the GPU table: every DCGM and Triton GPU gauge (optionally narrowed by a selector). */
export function gpuInstantQuery(selector?: string | null): string {
  return namesSelector([...Object.values(DCGM_METRICS), ...Object.values(TRITON_METRICS)], selector);
}

export interface GpuIdentity {
  source: GpuSource;
  /** Node name: DCGM's Hostname (the k8s node), else the scrape instance. */
  node: string;
  /** GPU index on the node (DCGM `gpu`), or Triton's GPU UUID. */
  gpu: string;
  uuid: string | null;
  /** node/gpu: one key per physical GPU across the table and the heatmap. */
  key: string;
}

/**
 * Which GPU a series describes. DCGM series carry gpu/UUID/Hostname; Triton's carry gpu_uuid. Works without
 * __name__ too (functions such as avg_over_time drop it), so the heatmap classifies its rows the same way.
 */
export function gpuIdentity(metric: PromMetric): GpuIdentity | null {
  const name = metric.__name__ ?? "";
  const isTriton = name.startsWith("nv_gpu_") || (!name && metric.gpu_uuid !== undefined);
  if (isTriton) {
    const uuid = metric.gpu_uuid;
    if (!uuid) return null;
    const node = metric.instance || "unknown";
    return { source: "triton", node, gpu: uuid, uuid, key: `${node}/${uuid}` };
  }
  const gpu = metric.gpu ?? metric.UUID;
  if (gpu === undefined || gpu === "") return null;
  const node = metric.Hostname || metric.instance || "unknown";
  return { source: "dcgm", node, gpu, uuid: metric.UUID || null, key: `${node}/${gpu}` };
}

export interface GpuRow {
  /** the GPU's UUID when known, else its key */
  id: string;
  key: string;
  node: string;
  gpu: string;
  uuid: string | null;
  source: GpuSource;
  modelName: string | null;
  pod: string | null;
  namespace: string | null;
  /** percent, 0–100 */
  utilization: number | null;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
  temperatureC: number | null;
  powerW: number | null;
  smClockMHz: number | null;
}

type Field =
  | "utilization"
  | "memoryUsedMiB"
  | "fbFreeMiB"
  | "memoryTotalMiB"
  | "temperatureC"
  | "powerW"
  | "smClockMHz";

/** Which row field a metric fills, and the factor to our unit (%, MiB, °C, W, MHz). */
const FIELD_OF: Record<string, { field: Field; scale: number }> = {
  [DCGM_METRICS.util]: { field: "utilization", scale: 1 },
  [DCGM_METRICS.fbUsed]: { field: "memoryUsedMiB", scale: 1 },
  [DCGM_METRICS.fbFree]: { field: "fbFreeMiB", scale: 1 },
  [DCGM_METRICS.temp]: { field: "temperatureC", scale: 1 },
  [DCGM_METRICS.power]: { field: "powerW", scale: 1 },
  [DCGM_METRICS.smClock]: { field: "smClockMHz", scale: 1 },
  [TRITON_METRICS.util]: { field: "utilization", scale: 100 },
  [TRITON_METRICS.memUsed]: { field: "memoryUsedMiB", scale: 1 / MIB },
  [TRITON_METRICS.memTotal]: { field: "memoryTotalMiB", scale: 1 / MIB },
  [TRITON_METRICS.power]: { field: "powerW", scale: 1 },
};

const nonEmpty = (v: string | undefined) => (v ? v : null);

/** Natural order: "gpu-node-2" before "gpu-node-10", "1" before "10". */
export const naturalCompare = (a: string, b: string) =>
  a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });

export interface GpuTable {
  /** which dialect the rows come from; null when there is no GPU series at all */
  source: GpuSource | null;
  rows: GpuRow[];
}

/**
 * Instant-query samples → one row per GPU (by node/gpu), sorted by node then GPU. When a GPU is reported twice
 * (a DCGM exporter and the nvidia-smi collector), the first finite value of each field wins.
 */
export function gpuRows(result: readonly PromVectorItem[]): GpuTable {
  const samples = result
    .map((item) => ({ item, id: gpuIdentity(item.metric), spec: FIELD_OF[item.metric.__name__ ?? ""] }))
    .filter((s): s is { item: PromVectorItem; id: GpuIdentity; spec: { field: Field; scale: number } } =>
      Boolean(s.id && s.spec),
    );
  const source: GpuSource | null = samples.some((s) => s.id.source === "dcgm")
    ? "dcgm"
    : samples.length > 0
      ? "triton"
      : null;
  const byKey = new Map<string, GpuRow & { fbFreeMiB: number | null }>();
  for (const { item, id, spec } of samples) {
    if (id.source !== source) continue;
    let row = byKey.get(id.key);
    if (!row) {
      row = {
        id: id.uuid ?? id.key,
        key: id.key,
        node: id.node,
        gpu: id.gpu,
        uuid: id.uuid,
        source: id.source,
        modelName: null,
        pod: null,
        namespace: null,
        utilization: null,
        memoryUsedMiB: null,
        memoryTotalMiB: null,
        temperatureC: null,
        powerW: null,
        smClockMHz: null,
        fbFreeMiB: null,
      };
      byKey.set(id.key, row);
    }
    row.modelName ??= nonEmpty(item.metric.modelName);
    row.pod ??= nonEmpty(item.metric.pod);
    row.namespace ??= nonEmpty(item.metric.namespace);
    const value = parsePromValue(item.value[1]) * spec.scale;
    if (Number.isFinite(value) && row[spec.field] === null) row[spec.field] = value;
  }
  const rows = [...byKey.values()].map(({ fbFreeMiB, ...row }) => ({
    ...row,
    // DCGM's framebuffer total is used + free (reserved memory, where reported, is left out as dcgm-exporter does).
    memoryTotalMiB:
      row.source === "dcgm"
        ? row.memoryUsedMiB !== null && fbFreeMiB !== null
          ? row.memoryUsedMiB + fbFreeMiB
          : null
        : row.memoryTotalMiB,
  }));
  rows.sort((a, b) => naturalCompare(a.node, b.node) || naturalCompare(a.gpu, b.gpu));
  return { source, rows };
}

export type GpuSortKey = "gpu" | "utilization" | "memory" | "temperatureC" | "powerW" | "smClockMHz" | "pod";
export type SortDir = "asc" | "desc";

/** Used memory as a share of the total (null when either is unknown). */
export function memoryShare(row: Pick<GpuRow, "memoryUsedMiB" | "memoryTotalMiB">): number | null {
  const { memoryUsedMiB: used, memoryTotalMiB: total } = row;
  return used !== null && total !== null && total > 0 ? used / total : null;
}

function sortValue(row: GpuRow, key: GpuSortKey): number | string | null {
  switch (key) {
    case "gpu":
      return row.gpu;
    case "memory":
      return memoryShare(row) ?? row.memoryUsedMiB;
    case "pod":
      return row.pod;
    default:
      return row[key];
  }
}

/** Rows sorted by one column; unknown values ("—") always last, ties by node then GPU. */
export function sortGpuRows(rows: readonly GpuRow[], key: GpuSortKey, dir: SortDir): GpuRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else {
      const c =
        typeof va === "number" && typeof vb === "number" ? va - vb : naturalCompare(String(va), String(vb));
      if (c !== 0) return sign * c;
    }
    return naturalCompare(a.node, b.node) || naturalCompare(a.gpu, b.gpu);
  });
}

export interface NodeGroup {
  node: string;
  rows: GpuRow[];
  /** mean utilization of the node's GPUs that report one */
  utilization: number | null;
}

function mean(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

/** Rows grouped by node (nodes in natural order), each group keeping the rows' given order. */
export function groupByNode(rows: readonly GpuRow[]): NodeGroup[] {
  const groups = new Map<string, GpuRow[]>();
  for (const row of rows) {
    const list = groups.get(row.node) ?? [];
    list.push(row);
    groups.set(row.node, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => naturalCompare(a, b))
    .map(([node, list]) => ({ node, rows: list, utilization: mean(list.map((r) => r.utilization)) }));
}

export function nodesOf(rows: readonly GpuRow[]): string[] {
  return [...new Set(rows.map((r) => r.node))].sort(naturalCompare);
}

export interface GpuSummary {
  gpus: number;
  nodes: number;
  utilization: number | null;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
}

/** The verdict line above the table: how many GPUs, how busy on average, how full. */
export function gpuSummary(rows: readonly GpuRow[]): GpuSummary {
  const withMemory = rows.filter((r) => r.memoryUsedMiB !== null && r.memoryTotalMiB !== null);
  return {
    gpus: rows.length,
    nodes: new Set(rows.map((r) => r.node)).size,
    utilization: mean(rows.map((r) => r.utilization)),
    memoryUsedMiB: withMemory.length ? withMemory.reduce((a, r) => a + (r.memoryUsedMiB ?? 0), 0) : null,
    memoryTotalMiB: withMemory.length ? withMemory.reduce((a, r) => a + (r.memoryTotalMiB ?? 0), 0) : null,
  };
}

const DASH = "—";
const ok = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);
const fixed = (v: number, digits: number) =>
  new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);

/** 87.25 → "87.3 %". */
export function formatUtilization(v: number | null | undefined): string {
  return ok(v) ? `${fixed(v, 1)} %` : DASH;
}

/** MiB → "39.2 GiB" (or "512 MiB" below one GiB). */
export function formatMiB(v: number | null | undefined): string {
  if (!ok(v)) return DASH;
  return v >= 1024 ? `${fixed(v / 1024, 1)} GiB` : `${fixed(v, 0)} MiB`;
}

/** "39.2 / 79.6 GiB", "—" when the used amount is unknown. */
export function formatMemory(row: Pick<GpuRow, "memoryUsedMiB" | "memoryTotalMiB">): string {
  if (!ok(row.memoryUsedMiB)) return DASH;
  if (!ok(row.memoryTotalMiB)) return formatMiB(row.memoryUsedMiB);
  const unit = row.memoryTotalMiB >= 1024 ? "GiB" : "MiB";
  const show = (v: number) => (unit === "GiB" ? fixed(v / 1024, 1) : fixed(v, 0));
  return `${show(row.memoryUsedMiB)} / ${show(row.memoryTotalMiB)} ${unit}`;
}

export function formatCelsius(v: number | null | undefined): string {
  return ok(v) ? `${fixed(v, 0)} °C` : DASH;
}

export function formatWatts(v: number | null | undefined): string {
  return ok(v) ? `${fixed(v, v >= 100 ? 0 : 1)} W` : DASH;
}

export function formatMHz(v: number | null | undefined): string {
  return ok(v) ? `${fixed(v, 0)} MHz` : DASH;
}

/** A GPU's short name: the index for DCGM ("GPU 0"), a shortened UUID for Triton. */
export function gpuLabel(row: Pick<GpuRow, "gpu" | "source">): string {
  if (row.source === "dcgm" && /^\d+$/.test(row.gpu)) return `GPU ${row.gpu}`;
  return row.gpu.length > 16 ? `${row.gpu.slice(0, 12)}…${row.gpu.slice(-4)}` : row.gpu;
}
