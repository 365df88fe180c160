// The Cluster page's GPU table: the query, one row per GPU from DCGM (exporter or nvidia-smi collector) or,
// without DCGM, from Triton's gauges; sorting, grouping, formatting. The DCGM case is fed the demo exporter's
// own exposition so the labels are exactly the exporter's.
import { describe, expect, it } from "vitest";
import {
  formatCelsius,
  formatMemory,
  formatMHz,
  formatMiB,
  formatUtilization,
  formatWatts,
  gpuIdentity,
  gpuInstantQuery,
  gpuLabel,
  gpuRows,
  gpuSummary,
  groupByNode,
  memoryShare,
  namesSelector,
  nodesOf,
  selectorMatchers,
  sortGpuRows,
} from "@/lib/charts/gpu-view";
import type { PromVectorItem } from "@/lib/charts/prom-result";
import { ExpositionParser } from "@/lib/import/exposition";
import { dcgmExposition, gpuReadings, tritonExposition } from "@/lib/simulator/exporters";
import { demoScenario } from "@/lib/simulator/scenario";

const now = Date.parse("2026-11-29T20:00:00Z");
const s = demoScenario({ nowMs: now });

/** Exposition text → the instant vector a query of those series would return (job/instance as a scrape adds). */
function vectorOf(text: string, instance: string, job: string): PromVectorItem[] {
  const p = new ExpositionParser("prometheus", { defaultTimestampMs: now });
  const a = p.push(new TextEncoder().encode(text));
  const b = p.end();
  return [...a.samples, ...b.samples].map((x) => ({
    metric: { __name__: x.name, ...x.labels, job, instance },
    value: [now / 1000, String(x.value)],
  }));
}

const dcgm = [
  ...vectorOf(dcgmExposition(s, now, "gpu-node-1"), "127.0.0.1:19400", "dcgm"),
  ...vectorOf(dcgmExposition(s, now, "gpu-node-2"), "127.0.0.1:19401", "dcgm"),
];
const triton = vectorOf(tritonExposition(s, now), "127.0.0.1:18002", "triton");

const sample = (metric: Record<string, string>, value: string): PromVectorItem => ({
  metric,
  value: [now / 1000, value],
});

describe("gpuInstantQuery", () => {
  it("asks every DCGM and Triton gauge in one selector", () => {
    const q = gpuInstantQuery();
    expect(q).toBe(
      '{__name__=~"DCGM_FI_DEV_GPU_UTIL|DCGM_FI_DEV_FB_USED|DCGM_FI_DEV_FB_FREE|DCGM_FI_DEV_GPU_TEMP|DCGM_FI_DEV_POWER_USAGE|DCGM_FI_DEV_SM_CLOCK|nv_gpu_utilization|nv_gpu_memory_used_bytes|nv_gpu_memory_total_bytes|nv_gpu_power_usage"}',
    );
  });
  it("adds the matchers of a selector", () => {
    expect(selectorMatchers('{namespace="serving",pod=~"triton-.*"}')).toBe(
      'namespace="serving",pod=~"triton-.*"',
    );
    expect(selectorMatchers("  ")).toBe("");
    expect(namesSelector(["a", "b"], '{pod="x"}')).toBe('{__name__=~"a|b",pod="x"}');
    expect(namesSelector(["a"], null)).toBe('{__name__=~"a"}');
  });
});

describe("gpuIdentity", () => {
  it("keys DCGM by Hostname/gpu and Triton by instance/gpu_uuid, with or without __name__", () => {
    expect(
      gpuIdentity({ __name__: "DCGM_FI_DEV_GPU_UTIL", gpu: "1", UUID: "GPU-a", Hostname: "n1" }),
    ).toEqual({
      source: "dcgm",
      node: "n1",
      gpu: "1",
      uuid: "GPU-a",
      key: "n1/1",
    });
    expect(gpuIdentity({ gpu_uuid: "GPU-b", instance: "t:8002", job: "triton" })).toMatchObject({
      source: "triton",
      node: "t:8002",
      key: "t:8002/GPU-b",
    });
    // nvidia-smi collector: Hostname set by the collector, no pod
    expect(gpuIdentity({ gpu: "0", UUID: "GPU-c", Hostname: "box", job: "nvidia-smi" })?.key).toBe("box/0");
    // no Hostname: the instance stands for the node
    expect(gpuIdentity({ __name__: "DCGM_FI_DEV_GPU_UTIL", gpu: "0", instance: "h:9400" })?.node).toBe(
      "h:9400",
    );
    expect(gpuIdentity({ __name__: "up", job: "x" })).toBeNull();
  });
});

describe("gpuRows", () => {
  it("reads the DCGM exporter: one row per GPU with the exporter's numbers", () => {
    const { source, rows } = gpuRows(dcgm);
    expect(source).toBe("dcgm");
    expect(rows.map((r) => r.key)).toEqual(["gpu-node-1/0", "gpu-node-1/1", "gpu-node-2/0", "gpu-node-2/1"]);
    const readings = gpuReadings(s, now);
    rows.forEach((row, i) => {
      const r = readings[i]!;
      expect(row).toEqual({
        id: r.gpu.uuid,
        key: `${r.gpu.node}/${r.gpu.index}`,
        node: r.gpu.node,
        gpu: String(r.gpu.index),
        uuid: r.gpu.uuid,
        source: "dcgm",
        modelName: "NVIDIA H100 80GB HBM3",
        pod: r.gpu.pod,
        namespace: "serving",
        utilization: r.utilization,
        memoryUsedMiB: r.fbUsedMiB,
        memoryTotalMiB: 81_559,
        temperatureC: r.temperatureC,
        powerW: r.powerW,
        smClockMHz: r.smClockMHz,
      });
    });
  });

  it("ignores Triton's gauges when DCGM series exist", () => {
    const both = gpuRows([...triton, ...dcgm]);
    expect(both.source).toBe("dcgm");
    expect(both.rows).toHaveLength(4);
    expect(both.rows.every((r) => r.source === "dcgm")).toBe(true);
  });

  it("falls back to Triton: 0–1 utilization as %, bytes as MiB, node = instance, no temperature", () => {
    const { source, rows } = gpuRows(triton);
    expect(source).toBe("triton");
    expect(rows).toHaveLength(4);
    const readings = gpuReadings(s, now);
    for (const r of readings) {
      const row = rows.find((x) => x.uuid === r.gpu.uuid)!;
      expect(row.node).toBe("127.0.0.1:18002");
      expect(row.key).toBe(`127.0.0.1:18002/${r.gpu.uuid}`);
      expect(row.utilization).toBeCloseTo(r.utilization, 9);
      expect(row.memoryUsedMiB).toBeCloseTo(r.fbUsedMiB, 9);
      expect(row.memoryTotalMiB).toBeCloseTo(81_559, 9);
      expect(row.powerW).toBe(r.powerW);
      expect(row.temperatureC).toBeNull();
      expect(row.smClockMHz).toBeNull();
      expect(row.pod).toBeNull();
    }
  });

  it("merges a GPU reported twice (exporter and nvidia-smi), first finite value winning", () => {
    const labels = { gpu: "0", UUID: "GPU-x", Hostname: "n1" };
    const { rows } = gpuRows([
      sample({ __name__: "DCGM_FI_DEV_GPU_UTIL", ...labels, job: "dcgm" }, "NaN"),
      sample({ __name__: "DCGM_FI_DEV_GPU_UTIL", ...labels, job: "nvidia-smi" }, "42"),
      sample({ __name__: "DCGM_FI_DEV_GPU_UTIL", ...labels, job: "other" }, "99"),
      sample({ __name__: "DCGM_FI_DEV_FB_USED", ...labels, pod: "p1" }, "100"),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ utilization: 42, memoryUsedMiB: 100, memoryTotalMiB: null, pod: "p1" });
  });

  it("leaves missing fields null and no rows without GPU series", () => {
    const { rows } = gpuRows([sample({ __name__: "DCGM_FI_DEV_GPU_TEMP", gpu: "3", Hostname: "n" }, "55")]);
    expect(rows[0]).toMatchObject({
      temperatureC: 55,
      utilization: null,
      powerW: null,
      modelName: null,
      id: "n/3",
    });
    expect(gpuRows([sample({ __name__: "up", job: "dcgm" }, "1")])).toEqual({ source: null, rows: [] });
    expect(gpuRows([])).toEqual({ source: null, rows: [] });
  });

  it("sorts nodes and GPUs naturally", () => {
    const { rows } = gpuRows(
      ["10", "2", "1"].flatMap((gpu) => [
        sample({ __name__: "DCGM_FI_DEV_GPU_UTIL", gpu, Hostname: "node-10" }, "1"),
        sample({ __name__: "DCGM_FI_DEV_GPU_UTIL", gpu, Hostname: "node-9" }, "1"),
      ]),
    );
    expect(rows.map((r) => r.key)).toEqual([
      "node-9/1",
      "node-9/2",
      "node-9/10",
      "node-10/1",
      "node-10/2",
      "node-10/10",
    ]);
  });
});

describe("sorting, grouping, summary", () => {
  const { rows } = gpuRows(dcgm);
  const withGap = [
    ...rows,
    { ...rows[0]!, key: "gpu-node-3/0", node: "gpu-node-3", id: "x", utilization: null, temperatureC: null },
  ];

  it("sorts by a column either way, unknown values last", () => {
    const asc = sortGpuRows(withGap, "utilization", "asc").map((r) => r.utilization);
    expect(asc.at(-1)).toBeNull();
    const known = asc.slice(0, -1) as number[];
    expect(known).toEqual([...known].sort((a, b) => a - b));
    const desc = sortGpuRows(withGap, "utilization", "desc").map((r) => r.utilization);
    expect(desc.at(-1)).toBeNull();
    expect(desc.slice(0, -1)).toEqual([...known].reverse());
    expect(sortGpuRows(withGap, "gpu", "asc").map((r) => r.gpu)).toEqual(["0", "0", "0", "1", "1"]);
    expect(sortGpuRows(rows, "pod", "desc")[0]!.pod).toBe("triton-recommender-k2m8x");
  });

  it("sorts memory by the used share", () => {
    const a = { ...rows[0]!, memoryUsedMiB: 50, memoryTotalMiB: 100 };
    const b = { ...rows[1]!, memoryUsedMiB: 60, memoryTotalMiB: 1000 };
    expect(memoryShare(a)).toBe(0.5);
    expect(memoryShare({ memoryUsedMiB: 1, memoryTotalMiB: null })).toBeNull();
    expect(sortGpuRows([a, b], "memory", "desc").map((r) => r.memoryUsedMiB)).toEqual([50, 60]);
  });

  it("groups by node with each node's mean utilization", () => {
    const groups = groupByNode(withGap);
    expect(groups.map((g) => g.node)).toEqual(["gpu-node-1", "gpu-node-2", "gpu-node-3"]);
    expect(groups[0]!.utilization).toBeCloseTo((rows[0]!.utilization! + rows[1]!.utilization!) / 2, 9);
    expect(groups[2]!.utilization).toBeNull();
    expect(nodesOf(withGap)).toEqual(["gpu-node-1", "gpu-node-2", "gpu-node-3"]);
  });

  it("summarises GPUs, nodes, mean utilization and memory", () => {
    const sum = gpuSummary(rows);
    expect(sum.gpus).toBe(4);
    expect(sum.nodes).toBe(2);
    expect(sum.memoryTotalMiB).toBe(4 * 81_559);
    expect(sum.memoryUsedMiB).toBe(rows.reduce((a, r) => a + r.memoryUsedMiB!, 0));
    expect(gpuSummary([])).toEqual({
      gpus: 0,
      nodes: 0,
      utilization: null,
      memoryUsedMiB: null,
      memoryTotalMiB: null,
    });
  });
});

describe("formatting", () => {
  it("formats each unit and shows — when missing", () => {
    expect(formatUtilization(87.25)).toBe("87.3 %");
    expect(formatUtilization(null)).toBe("—");
    expect(formatMiB(40_960)).toBe("40.0 GiB");
    expect(formatMiB(512)).toBe("512 MiB");
    expect(formatMemory({ memoryUsedMiB: 40_960, memoryTotalMiB: 81_559 })).toBe("40.0 / 79.6 GiB");
    expect(formatMemory({ memoryUsedMiB: 100, memoryTotalMiB: 512 })).toBe("100 / 512 MiB");
    expect(formatMemory({ memoryUsedMiB: 2048, memoryTotalMiB: null })).toBe("2.0 GiB");
    expect(formatMemory({ memoryUsedMiB: null, memoryTotalMiB: 1 })).toBe("—");
    expect(formatCelsius(71.4)).toBe("71 °C");
    expect(formatWatts(612.34)).toBe("612 W");
    expect(formatWatts(45.26)).toBe("45.3 W");
    expect(formatMHz(1980)).toBe("1,980 MHz");
    expect(formatCelsius(Number.NaN)).toBe("—");
  });
  it("names GPUs by index, or a shortened UUID", () => {
    expect(gpuLabel({ gpu: "0", source: "dcgm" })).toBe("GPU 0");
    expect(gpuLabel({ gpu: "GPU-5f0c1d2e-7a3b-4c5d-9e8f-a1b2c3d40000", source: "triton" })).toBe(
      "GPU-5f0c1d2e…0000",
    );
    expect(gpuLabel({ gpu: "GPU-short", source: "triton" })).toBe("GPU-short");
  });
});
