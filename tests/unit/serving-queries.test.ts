// The Serving tab's PromQL: the expressions per server kind, label escaping and the rate window, then every
// query evaluated by Vigil's engine over an hour of the demo's own Triton and DCGM exporter output (scraped
// every 15 s, with the job labels a scrape adds) and compared with the numbers the exporters were built from.
import { beforeAll, describe, expect, it } from "vitest";
import {
  matchers,
  normalizeSelector,
  promDuration,
  promQuote,
  rateWindowSeconds,
  type ServingQuery,
  type ServingTarget,
  serverVersionOf,
  servingQueries,
  vigilVersionOf,
} from "@/lib/cluster/serving-queries";
import { ExpositionParser } from "@/lib/import/exposition";
import { parse } from "@/lib/promql";
import { rangeQuery } from "@/lib/promql/eval";
import { MemSource } from "@/lib/promql/memory-source";
import { DEMO_GPUS, dcgmExposition, gpuReadings, tritonExposition } from "@/lib/simulator/exporters";
import { demoScenario, RECOMMENDER } from "@/lib/simulator/scenario";

const TRITON: ServingTarget = {
  kind: "triton",
  serverModel: RECOMMENDER,
  serverVersion: null,
  gpuSelector: '{namespace="serving",pod=~"triton-recommender-.*"}',
  metricsJob: "triton",
};

function expr(q: ServingQuery): string {
  if (q.expr === null) throw new Error(`no query: ${q.reason}`);
  return q.expr;
}

describe("expressions", () => {
  it("Triton: DCGM with Triton's own gauges as fallback, rate and queue time grouped by version", () => {
    const q = servingQueries(TRITON, 60);
    expect(q.rateWindow).toBe("5m");
    expect(expr(q.gpu)).toBe(
      'avg(DCGM_FI_DEV_GPU_UTIL{namespace="serving",pod=~"triton-recommender-.*"}) or (avg(nv_gpu_utilization{job="triton"}) * 100)',
    );
    expect(expr(q.requestRate)).toBe(
      'sum by (version) (rate(nv_inference_request_success{model="recommender",job="triton"}[5m]))',
    );
    expect(expr(q.queueMs)).toBe(
      'sum by (version) (rate(nv_inference_queue_duration_us{model="recommender",job="triton"}[5m])) / sum by (version) (rate(nv_inference_request_success{model="recommender",job="triton"}[5m])) / 1000',
    );
    expect(q.requestRate).toMatchObject({ versionLabel: "version" });
    expect(q.gpu).toMatchObject({ versionLabel: null });
  });

  it("one version: the server's version name in the selector", () => {
    const q = servingQueries({ ...TRITON, serverVersion: "2" }, 60);
    expect(expr(q.requestRate)).toContain('{model="recommender",version="2",job="triton"}');
  });

  it("KServe v2 counts requests like Triton but has no queue counter", () => {
    const q = servingQueries({ ...TRITON, kind: "kserve-v2", gpuSelector: null }, 60);
    expect(expr(q.requestRate)).toContain("nv_inference_request_success");
    expect(q.queueMs.expr).toBeNull();
    // Without a gpuSelector, only Triton falls back to its own gauges.
    expect(q.gpu).toMatchObject({ expr: null, reason: expect.stringContaining("gpuSelector") });
  });

  it("TorchServe and TF Serving use their own metric and label names", () => {
    const ts = servingQueries(
      { kind: "torchserve", serverModel: "rec", serverVersion: "1.0", gpuSelector: null, metricsJob: null },
      60,
    );
    expect(expr(ts.requestRate)).toBe(
      'sum by (model_version) (rate(ts_inference_requests_total{model_name="rec",model_version="1.0"}[5m]))',
    );
    expect(expr(ts.queueMs)).toContain("rate(ts_queue_latency_microseconds{");
    const tf = servingQueries(
      { kind: "tfserving", serverModel: "rec", serverVersion: "3", gpuSelector: null, metricsJob: "tfs" },
      60,
    );
    expect(expr(tf.requestRate)).toBe(
      'sum(rate(:tensorflow:serving:request_count{model_name="rec",job="tfs"}[5m]))',
    );
    expect(tf.requestRate).toMatchObject({ versionLabel: null });
    expect(tf.queueMs.expr).toBeNull();
    for (const q of [ts.requestRate, ts.queueMs, tf.requestRate]) expect(() => parse(expr(q))).not.toThrow();
  });

  it("a generic endpoint has no request or queue series; GPUs only through a selector", () => {
    const q = servingQueries(
      { kind: "generic", serverModel: "x", serverVersion: null, gpuSelector: 'pod="a"', metricsJob: "x" },
      60,
    );
    expect(q.requestRate.expr).toBeNull();
    expect(q.queueMs.expr).toBeNull();
    expect(expr(q.gpu)).toBe('avg(DCGM_FI_DEV_GPU_UTIL{pod="a"})');
    expect(expr(q.gpuPerDevice)).toBe('avg by (Hostname, gpu) (DCGM_FI_DEV_GPU_UTIL{pod="a"})');
  });

  it("rate window: at least 5m and at least 4 × step", () => {
    expect(rateWindowSeconds(15)).toBe(300);
    expect(rateWindowSeconds(75)).toBe(300);
    expect(rateWindowSeconds(120)).toBe(480);
    expect(rateWindowSeconds(600)).toBe(2400);
    expect(rateWindowSeconds(3600)).toBe(14_400);
    expect(servingQueries(TRITON, 3600).rateWindow).toBe("4h");
    expect(servingQueries(TRITON, 600).rateWindow).toBe("40m");
    expect(promDuration(90)).toBe("90s");
    for (const step of [1, 15, 60, 300, 600, 1800, 3600, 86_400])
      expect(rateWindowSeconds(step)).toBeGreaterThanOrEqual(4 * step);
  });

  it("label values are escaped: the parsed selector matches the original value", () => {
    const nasty = 'we"ird\\model\nname\t';
    expect(promQuote(nasty)).toBe('"we\\"ird\\\\model\\nname\\t"');
    const q = servingQueries({ ...TRITON, serverModel: nasty, metricsJob: 'jo"b' }, 60);
    const ast = parse(expr(q.requestRate));
    const found: Array<{ name: string; value: string }> = [];
    JSON.stringify(ast, (k, v) => {
      if (k === "matchers") found.push(...(v as Array<{ name: string; value: string }>));
      return v;
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "model", value: nasty }),
        expect.objectContaining({ name: "job", value: 'jo"b' }),
      ]),
    );
  });

  it("matchers and selectors", () => {
    expect(
      matchers([
        ["a", "x"],
        ["b", null],
        ["c", ""],
      ]),
    ).toBe('{a="x"}');
    expect(matchers([])).toBe("");
    expect(normalizeSelector('  namespace="s" ')).toBe('{namespace="s"}');
    expect(normalizeSelector('{pod=~"a.*"}')).toBe('{pod=~"a.*"}');
    expect(normalizeSelector("  ")).toBeNull();
    expect(normalizeSelector(null)).toBeNull();
  });

  it("version names map both ways through versionMap, unmapped ones stay as they are", () => {
    const map = { v1: "1", v2: "2" };
    expect(serverVersionOf(map, "v1")).toBe("1");
    expect(serverVersionOf(map, "v3")).toBe("v3");
    expect(vigilVersionOf(map, "2")).toBe("v2");
    expect(vigilVersionOf(map, "7")).toBe("7");
    expect(serverVersionOf({}, "toString")).toBe("toString");
  });
});

// ——— Evaluated over the demo exporters ———

const END = Date.parse("2026-11-28T20:00:00Z"); // the demo's evening peak
const START = END - 3_600_000;
const SCRAPE_MS = 15_000;
const scenario = demoScenario({ nowMs: END });

function scrapeInto(src: MemSource, text: string, t: number, target: Record<string, string>): void {
  const p = new ExpositionParser("prometheus", { defaultTimestampMs: t });
  const a = p.push(new TextEncoder().encode(text));
  const b = p.end();
  for (const s of [...a.samples, ...b.samples])
    src.add({ __name__: s.name, ...s.labels, ...target }, s.ts, s.value);
}

function demoSource({ dcgm }: { dcgm: boolean }): MemSource {
  const src = new MemSource();
  for (let t = START - 3_600_000; t <= END; t += SCRAPE_MS) {
    scrapeInto(src, tritonExposition(scenario, t), t, { job: "triton", instance: "triton:8002" });
    if (!dcgm) continue;
    for (const node of ["gpu-node-1", "gpu-node-2"])
      scrapeInto(src, dcgmExposition(scenario, t, node), t, { job: "dcgm", instance: `${node}:9400` });
  }
  return src;
}

async function run(src: MemSource, q: ServingQuery, stepSeconds = 60) {
  return (await rangeQuery(src, parse(expr(q)), START, END, stepSeconds * 1000)).result;
}

describe("evaluated over the demo's Triton and DCGM exporters", () => {
  let withDcgm: MemSource;
  let tritonOnly: MemSource;
  beforeAll(() => {
    withDcgm = demoSource({ dcgm: true });
    tritonOnly = demoSource({ dcgm: false });
  });

  it("GPU utilization: the mean of the four serving GPUs, from DCGM or from Triton's gauges", async () => {
    const q = servingQueries(TRITON, 60);
    for (const src of [withDcgm, tritonOnly]) {
      const [series, ...rest] = await run(src, q.gpu);
      expect(rest).toEqual([]);
      expect(series!.values.length).toBe(61);
      for (const [t, v] of series!.values) {
        const mean = gpuReadings(scenario, t).reduce((a, r) => a + r.utilization, 0) / DEMO_GPUS.length;
        expect(v).toBeCloseTo(mean, 6);
      }
    }
  });

  it("per GPU: four lines by Hostname and gpu, or by gpu_uuid when there is no DCGM exporter", async () => {
    const q = servingQueries(TRITON, 60);
    const dcgm = await run(withDcgm, q.gpuPerDevice);
    expect(dcgm.map((s) => s.metric)).toEqual(
      DEMO_GPUS.map((g) => ({ Hostname: g.node, gpu: String(g.index) })),
    );
    const t = dcgm[0]!.values[10]![0];
    expect(dcgm[0]!.values[10]![1]).toBeCloseTo(gpuReadings(scenario, t)[0]!.utilization, 6);
    const triton = await run(tritonOnly, q.gpuPerDevice);
    expect(triton.map((s) => Object.keys(s.metric))).toEqual(DEMO_GPUS.map(() => ["gpu_uuid"]));
  });

  it("request rate per version: the traffic's rate split as the A/B test splits it", async () => {
    const q = servingQueries(TRITON, 60);
    const result = await run(withDcgm, q.requestRate);
    expect(result.map((s) => s.metric)).toEqual([{ version: "1" }, { version: "2" }]);
    const [v1, v2] = result;
    const last = (s: typeof v1) => s!.values[s!.values.length - 1]![1];
    // At the peak: 2350/h total, 60% of it the recommender's; 70/30 between v1 and v2.
    const perSecond = (2350 * 0.6) / 3600;
    expect(last(v1) / (perSecond * 0.7)).toBeCloseTo(1, 1);
    expect(last(v2) / (perSecond * 0.3)).toBeCloseTo(1, 1);
    const one = await run(withDcgm, servingQueries({ ...TRITON, serverVersion: "2" }, 60).requestRate);
    expect(one.map((s) => s.metric)).toEqual([{ version: "2" }]);
  });

  it("queue time: ms per request, the queue counter's increase over the request counter's", async () => {
    const result = await run(withDcgm, servingQueries(TRITON, 60).queueMs);
    expect(result.map((s) => s.metric)).toEqual([{ version: "1" }, { version: "2" }]);
    // Both rates cover the same samples, so their extrapolations cancel: the ratio is Δqueue / Δrequests.
    const counter = (name: string, t: number) => {
      const line = tritonExposition(scenario, t)
        .split("\n")
        .find((l) => l.startsWith(`${name}{model="${RECOMMENDER}",version="1"}`));
      return Number(line!.split(" ")[1]);
    };
    for (const [t, v] of result[0]!.values.slice(-3)) {
      const before = t - 300_000;
      const expected =
        (counter("nv_inference_queue_duration_us", t) - counter("nv_inference_queue_duration_us", before)) /
        (counter("nv_inference_request_success", t) - counter("nv_inference_request_success", before)) /
        1000;
      expect(v).toBeCloseTo(expected, 6);
    }
  });

  it("coarse steps still find samples in every window (rate window ≥ 4 × step)", async () => {
    const q = servingQueries(TRITON, 900);
    const result = await run(withDcgm, q.requestRate, 900);
    for (const s of result) expect(s.values.length).toBe(5);
  });
});
