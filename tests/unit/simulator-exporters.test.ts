// The demo's fake DCGM and Triton exporters: valid exposition text in the exporters' shapes, GPU load that
// follows the simulated traffic, and counters that only grow.
import { describe, expect, it } from "vitest";
import { ExpositionParser } from "@/lib/import/exposition";
import {
  dcgmExposition,
  gpuReadings,
  queueUsSince,
  requestsSince,
  tritonExposition,
} from "@/lib/simulator/exporters";
import { demoScenario, RECOMMENDER, ratePerHour } from "@/lib/simulator/scenario";

const now = Date.parse("2026-11-29T12:00:00Z");
const s = demoScenario({ nowMs: now });
const parse = (text: string, at: number) => {
  const p = new ExpositionParser("prometheus", { defaultTimestampMs: at });
  const a = p.push(new TextEncoder().encode(text));
  const b = p.end();
  return { samples: [...a.samples, ...b.samples], errors: [...a.errors, ...b.errors] };
};

describe("fake exporters", () => {
  it("DCGM: six gauges per GPU with the exporter's labels", () => {
    const { samples, errors } = parse(dcgmExposition(s, now, "gpu-node-1"), now);
    expect(errors).toEqual([]);
    expect(new Set(samples.map((x) => x.name))).toEqual(
      new Set([
        "DCGM_FI_DEV_SM_CLOCK",
        "DCGM_FI_DEV_GPU_TEMP",
        "DCGM_FI_DEV_POWER_USAGE",
        "DCGM_FI_DEV_GPU_UTIL",
        "DCGM_FI_DEV_FB_FREE",
        "DCGM_FI_DEV_FB_USED",
      ]),
    );
    expect(samples.length).toBe(12);
    expect(Object.keys(samples[0]?.labels ?? {}).sort()).toEqual(
      [
        "DCGM_FI_DRIVER_VERSION",
        "Hostname",
        "UUID",
        "container",
        "device",
        "gpu",
        "modelName",
        "namespace",
        "pod",
      ].sort(),
    );
  });

  it("GPU utilization follows traffic: busiest at the peak hour, quiet at the trough", () => {
    const day = Date.parse("2026-11-28T00:00:00Z");
    const util = (hour: number) =>
      gpuReadings(s, day + hour * 3_600_000).reduce((a, r) => a + r.utilization, 0) / 4;
    expect(util(20)).toBeGreaterThan(85);
    expect(util(8)).toBeLessThan(40);
    for (const r of gpuReadings(s, now)) {
      expect(r.utilization).toBeGreaterThanOrEqual(0);
      expect(r.utilization).toBeLessThanOrEqual(100);
    }
  });

  it("Triton: counters per model version that grow with the integral of the traffic", () => {
    const { samples, errors } = parse(tritonExposition(s, now), now);
    expect(errors).toEqual([]);
    const success = samples.filter((x) => x.name === "nv_inference_request_success");
    expect(success.map((x) => x.labels)).toEqual([
      { model: RECOMMENDER, version: "1" },
      { model: RECOMMENDER, version: "2" },
    ]);
    expect(
      samples.filter((x) => x.name === "nv_gpu_utilization").every((x) => x.value >= 0 && x.value <= 1),
    ).toBe(true);
    // The closed-form integral matches a numeric one.
    let numeric = 0;
    for (let t = s.originMs; t < now; t += 60_000)
      numeric += (ratePerHour(s, t + 30_000) / 60) * (s.share[RECOMMENDER] ?? 0);
    expect(requestsSince(s, now) / numeric).toBeCloseTo(1, 3);
    expect(requestsSince(s, now + 60_000)).toBeGreaterThan(requestsSince(s, now));
  });

  it("Triton: the queue-duration counter only grows, and gives 0.4–9.4 ms a request over the day", () => {
    let previous = -1;
    const perRequestMs: number[] = [];
    for (let t = now - 86_400_000; t < now; t += 300_000) {
      const queued = queueUsSince(s, t);
      expect(queued).toBeGreaterThanOrEqual(previous);
      previous = queued;
      const requests = requestsSince(s, t + 300_000) - requestsSince(s, t);
      perRequestMs.push((queueUsSince(s, t + 300_000) - queued) / requests / 1000);
    }
    expect(Math.min(...perRequestMs)).toBeGreaterThan(0.39);
    expect(Math.max(...perRequestMs)).toBeLessThan(9.5);
  });
});
