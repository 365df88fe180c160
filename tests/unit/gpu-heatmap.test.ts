// The GPU utilization heatmap's pure parts: query and frame, matrix → grid, colour scale, geometry, and
// the text that stands for the picture.
import { describe, expect, it } from "vitest";
import {
  cellTitle,
  frameTimes,
  gpuHeatmapQuery,
  heatmapFrame,
  heatmapLayout,
  heatmapRowStats,
  heatmapStep,
  heatmapSummary,
  prepareHeatmap,
  tickColumns,
  UTIL_STOPS,
  utilizationColor,
} from "@/lib/charts/gpu-heatmap";
import type { PromMatrixItem } from "@/lib/charts/prom-result";

const dcgm = (
  Hostname: string,
  gpu: string,
  values: Array<[number, string]>,
  job = "dcgm",
): PromMatrixItem => ({
  metric: { Hostname, gpu, UUID: `GPU-${Hostname}-${gpu}`, job, instance: `${Hostname}:9400` },
  values,
});

describe("query and frame", () => {
  it("averages each step over the step, DCGM and Triton together", () => {
    expect(gpuHeatmapQuery(900)).toBe(
      'avg_over_time({__name__=~"DCGM_FI_DEV_GPU_UTIL|nv_gpu_utilization"}[15m])',
    );
    expect(gpuHeatmapQuery(30, '{namespace="serving"}')).toBe(
      'avg_over_time({__name__=~"DCGM_FI_DEV_GPU_UTIL|nv_gpu_utilization",namespace="serving"}[30s])',
    );
  });
  it("picks a nice step with at most 120 columns", () => {
    expect(heatmapStep(3600)).toBe(30);
    expect(heatmapStep(86_400)).toBe(900);
    expect(heatmapStep(7 * 86_400)).toBe(7200);
    expect(heatmapStep(86_400, 24)).toBe(3600);
  });
  it("aligns the frame to the step and covers the range with whole steps", () => {
    const to = Date.parse("2026-11-29T12:00:00Z");
    const f = heatmapFrame(to - 86_400_000, to);
    expect(f.step).toBe(900);
    expect(f.end).toBe(to / 1000);
    expect(f.start).toBe(to / 1000 - 86_400 + 900);
    expect(frameTimes(f)).toHaveLength(96);
    // unaligned ends: the last column is the step in progress
    const g = heatmapFrame(to - 86_400_000 + 100_000, to + 100_000);
    expect(g.end).toBe(to / 1000 + 900);
    expect(g.start).toBe(to / 1000 - 86_400 + 900);
    expect(frameTimes(g)).toHaveLength(97);
    expect(frameTimes({ start: 10, end: 5, step: 1 })).toEqual([]);
  });
});

describe("prepareHeatmap", () => {
  const frame = { start: 1000, end: 1300, step: 100 };

  it("lays values on the grid by time, rows sorted by node then GPU, gaps null", () => {
    const h = prepareHeatmap(
      [
        dcgm("n2", "0", [[1100, "10"]]),
        dcgm("n1", "1", [
          [1000, "20"],
          [1300, "40"],
        ]),
        dcgm("n1", "0", [
          [1000, "1"],
          [1100, "2"],
          [1200, "3"],
          [1300, "4"],
          [1400, "99"], // outside the frame
        ]),
      ],
      frame,
    );
    expect(h.source).toBe("dcgm");
    expect(h.times).toEqual([1000, 1100, 1200, 1300]);
    expect(h.rows.map((r) => r.label)).toEqual(["n1 / GPU 0", "n1 / GPU 1", "n2 / GPU 0"]);
    expect(h.values).toEqual([
      [1, 2, 3, 4],
      [20, null, null, 40],
      [null, 10, null, null],
    ]);
  });

  it("uses Triton's ratio as percent only when there is no DCGM series", () => {
    const tritonOnly: PromMatrixItem = {
      metric: { gpu_uuid: "GPU-abc", instance: "t:8002", job: "triton" },
      values: [[1000, "0.5"]],
    };
    const t = prepareHeatmap([tritonOnly], frame);
    expect(t.source).toBe("triton");
    expect(t.rows[0]).toMatchObject({ key: "t:8002/GPU-abc", label: "t:8002 / GPU-abc" });
    expect(t.values[0]![0]).toBe(50);
    const both = prepareHeatmap([tritonOnly, dcgm("n1", "0", [[1000, "7"]])], frame);
    expect(both.source).toBe("dcgm");
    expect(both.rows).toHaveLength(1);
  });

  it("fills one GPU's gaps from a second series (exporter and nvidia-smi), NaN as no data", () => {
    const h = prepareHeatmap(
      [
        dcgm("n1", "0", [
          [1000, "5"],
          [1100, "NaN"],
        ]),
        dcgm("n1", "0", [[1100, "6"]], "nvidia-smi"),
      ],
      frame,
    );
    expect(h.rows).toHaveLength(1);
    expect(h.values[0]).toEqual([5, 6, null, null]);
  });

  it("is empty without GPU series", () => {
    const h = prepareHeatmap([{ metric: { job: "x" }, values: [[1000, "1"]] }], frame);
    expect(h.source).toBeNull();
    expect(h.rows).toEqual([]);
    expect(heatmapSummary(h)).toBe("GPU utilization heatmap: no data in this range.");
  });
});

describe("colour scale", () => {
  it("runs from viridis' dark end at 0 % to its bright end at 100 %, clamped", () => {
    expect(utilizationColor(0)).toBe("rgb(68, 1, 84)");
    expect(utilizationColor(100)).toBe("rgb(253, 231, 37)");
    expect(utilizationColor(-5)).toBe(utilizationColor(0));
    expect(utilizationColor(140)).toBe(utilizationColor(100));
    expect(utilizationColor(50)).toBe("rgb(33, 145, 140)");
    expect(utilizationColor(Number.NaN)).toBe(utilizationColor(0));
    expect(UTIL_STOPS.map(([p]) => p)).toEqual([0, 25, 50, 75, 100]);
  });
  it("interpolates between stops", () => {
    // halfway between #440154 and #3b528b
    expect(utilizationColor(12.5)).toBe("rgb(64, 42, 112)");
  });
});

describe("geometry and labels", () => {
  it("shares the width left of the labels among the columns", () => {
    const l = heatmapLayout({
      width: 1150,
      rows: 4,
      columns: 100,
      labelWidth: 150,
      rowHeight: 20,
      axisHeight: 24,
    });
    expect(l.cellWidth).toBe(10);
    expect(l.x(0)).toBe(150);
    expect(l.x(99)).toBe(1140);
    expect(l.y(3)).toBe(60);
    expect(l.height).toBe(4 * 20 + 24);
    expect(heatmapLayout({ width: 100, rows: 0, columns: 0 }).cellWidth).toBe(0);
  });
  it("spaces time ticks evenly", () => {
    expect(tickColumns(96, 6)).toEqual([0, 16, 32, 48, 64, 80]);
    expect(tickColumns(3, 6)).toEqual([0, 1, 2]);
    expect(tickColumns(0)).toEqual([]);
  });
  it("titles a cell with the GPU, the step's times and the exact value", () => {
    const row = { key: "n1/0", node: "n1", gpu: "0", source: "dcgm" as const, label: "n1 / GPU 0" };
    const t = Date.parse("2026-11-29T12:00:00Z") / 1000;
    const title = cellTitle(row, t, 900, 87.25);
    expect(title.startsWith("n1 / GPU 0 · ")).toBe(true);
    expect(title.endsWith(" · 87.3 %")).toBe(true);
    expect(cellTitle(row, t, 900, null).endsWith("no data")).toBe(true);
  });
  it("summarises per GPU and in one sentence", () => {
    const frame = { start: 1000, end: 1200, step: 100 };
    const h = prepareHeatmap(
      [
        dcgm("n1", "0", [
          [1000, "10"],
          [1100, "30"],
        ]),
        dcgm("n1", "1", [[1200, "95"]]),
      ],
      frame,
    );
    const stats = heatmapRowStats(h);
    expect(stats.map((x) => [x.mean, x.min, x.max, x.maxAt, x.steps])).toEqual([
      [20, 10, 30, 1100, 2],
      [95, 95, 95, 1200, 1],
    ]);
    const text = heatmapSummary(h);
    expect(text).toContain("2 GPUs");
    expect(text).toContain("one column per 1m40s");
    // mean over every step with data: (10 + 30 + 95) / 3
    expect(text).toContain("mean 45.0 %");
    expect(text).toContain("peak 95.0 % on n1 / GPU 1");
  });
});
