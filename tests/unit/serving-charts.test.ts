// The Serving tab's pure parts: URL state, the shared window, rows per version, why a chart is empty, endpoint
// badges, served versions and links out.
import { describe, expect, it } from "vitest";
import { versionColors } from "@/lib/charts/palette";
import type { PromMatrixItem } from "@/lib/charts/prom-result";
import {
  ALL_VERSIONS_KEY,
  GPU_MEAN_KEY,
  gpuLabel,
  gpuLines,
  latencyLines,
  latestValues,
  mainMetric,
  parseEndpointParam,
  parseSourceParam,
  pickEndpoint,
  promWindow,
  qualityQuery,
  qualityWindow,
  seriesStatus,
  servingSearch,
  servingWindow,
  versionLines,
} from "@/lib/charts/serving";
import {
  formatMs,
  formatRate,
  formatUtilization,
  isolatedPoints,
  SHARE_DOMAIN,
  timeTicks,
} from "@/lib/charts/serving-axes";
import {
  type EndpointInfo,
  endpointBadge,
  endpointLinks,
  overallBadge,
  safeHttpUrl,
  servedVersions,
  servingTarget,
} from "@/lib/charts/serving-endpoints";

const params = (q: string) => new URLSearchParams(q);

function endpoint(over: Partial<EndpointInfo> = {}): EndpointInfo {
  return {
    id: 1,
    name: "triton-recommender",
    kind: "triton",
    baseUrl: "http://triton.serving.svc:8000",
    managementUrl: null,
    model: "recommender",
    serverModel: "recommender",
    versionMap: { v1: "1", v2: "2" },
    gpuSelector: '{namespace="serving",pod=~"triton-recommender-.*"}',
    metricsJob: "triton",
    links: { metrics: "http://triton.serving.svc:8002/metrics", grafana: null, kubernetes: null },
    intervalSeconds: 30,
    timeoutSeconds: 5,
    enabled: true,
    hasAuthorization: false,
    createdAt: "2026-11-20T10:00:00.000Z",
    status: null,
    ...over,
  };
}

const status = (over: Partial<NonNullable<EndpointInfo["status"]>> = {}) => ({
  checkedAt: "2026-11-20T10:00:00.000Z",
  live: true,
  ready: true,
  latencyMs: 12,
  problems: [],
  models: [],
  ...over,
});

describe("URL state", () => {
  it("source: a data source name, or null for Vigil (also for 'vigil' and invalid names)", () => {
    expect(parseSourceParam(params("source=prom-main"))).toBe("prom-main");
    expect(parseSourceParam(params("source=vigil"))).toBeNull();
    expect(parseSourceParam(params("source=Bad%20Name"))).toBeNull();
    expect(parseSourceParam(params(""))).toBeNull();
    expect(parseEndpointParam(params("endpoint=a"))).toBe("a");
    expect(parseEndpointParam(params(`endpoint=${"x".repeat(101)}`))).toBeNull();
  });

  it("servingSearch sets and removes source/endpoint, keeps the rest", () => {
    expect(servingSearch("tab=serving&range=7d", { source: "prom" })).toBe(
      "tab=serving&range=7d&source=prom",
    );
    expect(servingSearch("tab=serving&source=prom&endpoint=e", { source: null })).toBe(
      "tab=serving&endpoint=e",
    );
    expect(servingSearch("a=1", {})).toBe("a=1");
  });

  it("pickEndpoint: the named one, else the first enabled, else the first", () => {
    const a = { name: "a", enabled: false };
    const b = { name: "b", enabled: true };
    expect(pickEndpoint([a, b], "a")).toBe(a);
    expect(pickEndpoint([a, b], null)).toBe(b);
    expect(pickEndpoint([a, b], "gone")).toBe(b);
    expect(pickEndpoint([a], null)).toBe(a);
    expect(pickEndpoint([], null)).toBeNull();
  });
});

describe("the shared window", () => {
  it("~240 steps, at least a minute, the start aligned to the step", () => {
    const w = servingWindow("2026-11-20T10:03:20.000Z", "2026-11-21T10:03:20.000Z");
    expect(w.stepSeconds).toBe(600);
    expect(w.startMs).toBe(Date.parse("2026-11-20T10:00:00.000Z"));
    expect(promWindow(w)).toEqual({ start: w.startMs / 1000, end: w.endMs / 1000, step: 600 });
    expect(servingWindow("2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z").stepSeconds).toBe(60);
    expect(servingWindow("2026-11-01T00:00:00Z", "2026-11-08T00:00:00Z").stepSeconds).toBe(3600);
  });

  it("quality: steps on whole hours or days, each reading its window's point", () => {
    const h = qualityWindow("2026-11-20T10:03:00Z", "2026-11-21T10:03:00Z", "1h");
    expect(h).toEqual({
      start: Date.parse("2026-11-20T10:00:00Z") / 1000,
      end: Date.parse("2026-11-21T10:00:00Z") / 1000,
      step: 3600,
    });
    const d = qualityWindow("2026-10-21T10:00:00Z", "2026-11-20T10:00:00Z", "1d");
    expect(d.step).toBe(86_400);
    expect(d.start).toBe(Date.parse("2026-10-21T00:00:00Z") / 1000);
    expect(qualityWindow("2026-01-01T00:00:00Z", "2026-12-31T00:00:00Z", "1h").step).toBe(3600 * 37);
  });

  it("the headline metric and its query", () => {
    expect(mainMetric("binary").series).toBe("vigil_model_accuracy");
    expect(mainMetric(null).key).toBe("accuracy");
    expect(mainMetric("regression")).toMatchObject({ key: "rmse", proportion: false });
    expect(
      qualityQuery(mainMetric("multiclass"), {
        model: 'a"b',
        version: "v1",
        window: "1h",
        stepSeconds: 3600,
      }),
    ).toBe('last_over_time(vigil_model_accuracy{model="a\\"b",version="v1",window="1h"}[3599s])');
    expect(
      qualityQuery(mainMetric("binary"), { model: "m", version: null, window: "1d", stepSeconds: 86_400 }),
    ).toBe('last_over_time(vigil_model_accuracy{model="m",window="1d"}[86399s])');
  });
});

const item = (metric: Record<string, string>, values: Array<[number, string]>): PromMatrixItem => ({
  metric,
  values,
});

describe("rows", () => {
  const colors = versionColors(["v1", "v2"]);

  it("one line per Vigil version, server versions renamed; NaN breaks the line", () => {
    const lines = versionLines(
      [
        item({ version: "2" }, [
          [100, "3"],
          [160, "NaN"],
        ]),
        item({ version: "1" }, [
          [100, "1.5"],
          [160, "2"],
        ]),
      ],
      { versionLabel: "version", versionMap: { v1: "1", v2: "2" }, colors },
    );
    expect(lines.series).toEqual([
      { key: "v1", label: "v1", color: colors.v1 },
      { key: "v2", label: "v2", color: colors.v2 },
    ]);
    expect(lines.rows).toEqual([
      { ts: 100_000, v1: 1.5, v2: 3 },
      { ts: 160_000, v1: 2, v2: null },
    ]);
    expect(lines.hasData).toBe(true);
  });

  it("an unmapped server version keeps its name and gets a colour of its own", () => {
    const lines = versionLines([item({ version: "7" }, [[1, "1"]])], { versionLabel: "version", colors });
    expect(lines.series[0]?.key).toBe("7");
    expect(Object.values(colors)).not.toContain(lines.series[0]?.color);
  });

  it("a server that does not label versions: one 'all versions' line", () => {
    const lines = versionLines([item({}, [[1, "4"]])], { versionLabel: null, colors });
    expect(lines.series.map((s) => s.key)).toEqual([ALL_VERSIONS_KEY]);
    expect(lines.rows).toEqual([{ ts: 1000, [ALL_VERSIONS_KEY]: 4 }]);
  });

  it("GPU: the mean over thin per-GPU lines, labelled by node and index (or UUID)", () => {
    const lines = gpuLines(
      [item({}, [[60, "50"]])],
      [
        item({ Hostname: "gpu-node-2", gpu: "0" }, [[60, "40"]]),
        item({ Hostname: "gpu-node-1", gpu: "1" }, [[60, "60"]]),
      ],
    );
    expect(lines.series.map((s) => s.key)).toEqual([
      GPU_MEAN_KEY,
      "gpu-node-1 · GPU 1",
      "gpu-node-2 · GPU 0",
    ]);
    expect([...lines.thin]).toEqual(["gpu-node-1 · GPU 1", "gpu-node-2 · GPU 0"]);
    expect(lines.rows).toEqual([
      { ts: 60_000, [GPU_MEAN_KEY]: 50, "gpu-node-1 · GPU 1": 60, "gpu-node-2 · GPU 0": 40 },
    ]);
    expect(gpuLabel({ gpu_uuid: "GPU-5f0c1d2e-abcdef123456" })).toBe("GPU …123456");
  });

  it("latency: p95 per version; versions without points get no line", () => {
    const lines = latencyLines(
      {
        model: "m",
        from: "2026-11-20T10:00:00.000Z",
        to: "2026-11-20T11:00:00.000Z",
        step: 600,
        versions: [
          {
            version: "v1",
            points: [{ t: "2026-11-20T10:00:00.000Z", count: 3, p50: 1, p95: 9.5, p99: 9.9 }],
          },
          { version: "v2", points: [] },
        ],
      },
      colors,
    );
    expect(lines.series.map((s) => s.key)).toEqual(["v1"]);
    expect(lines.rows).toEqual([{ ts: Date.parse("2026-11-20T10:00:00.000Z"), v1: 9.5 }]);
  });

  it("latest values: each line's last point with a value", () => {
    const latest = latestValues({
      rows: [
        { ts: 1, a: 1, b: 5 },
        { ts: 2, a: 2, b: null },
      ],
      series: [
        { key: "a", label: "A", color: "#000" },
        { key: "b", label: "B", color: "#111" },
        { key: "c", label: "C", color: "#222" },
      ],
    });
    expect(latest.map((l) => [l.key, l.ts, l.value])).toEqual([
      ["a", 2, 2],
      ["b", 1, 5],
    ]);
  });
});

describe("why a chart is empty", () => {
  const plan = { expr: "up", versionLabel: null, source: "x" };
  const data = (values: Array<[number, string]>) => ({
    resultType: "matrix" as const,
    result: [item({}, values)],
  });
  it("in order: no endpoint, not available, failed, loading, nothing, data", () => {
    expect(seriesStatus({ hasEndpoint: false, plan: null, error: null, data: undefined }).kind).toBe(
      "no-endpoint",
    );
    expect(
      seriesStatus({ hasEndpoint: true, plan: { expr: null, reason: "why" }, error: null, data: undefined }),
    ).toEqual({ kind: "unavailable", reason: "why" });
    expect(seriesStatus({ hasEndpoint: true, plan, error: new Error("boom"), data: undefined })).toEqual({
      kind: "error",
      message: "boom",
    });
    expect(seriesStatus({ hasEndpoint: true, plan, error: null, data: undefined }).kind).toBe("loading");
    expect(seriesStatus({ hasEndpoint: true, plan, error: null, data: data([[1, "NaN"]]) }).kind).toBe(
      "nothing",
    );
    expect(
      seriesStatus({ hasEndpoint: true, plan, error: null, data: { resultType: "matrix", result: [] } }).kind,
    ).toBe("nothing");
    expect(seriesStatus({ hasEndpoint: true, plan, error: null, data: data([[1, "2"]]) }).kind).toBe("data");
  });
});

describe("endpoints", () => {
  it("badges: paused, not checked, ready, live but not ready, down; the worst one for the header", () => {
    expect(endpointBadge(endpoint({ enabled: false })).label).toBe("Paused");
    expect(endpointBadge(endpoint()).label).toBe("Not checked yet");
    expect(endpointBadge(endpoint({ status: status() }))).toEqual({ tone: "good", label: "Ready" });
    expect(endpointBadge(endpoint({ status: status({ ready: false }) })).tone).toBe("warn");
    expect(endpointBadge(endpoint({ status: status({ live: false, ready: false }) }))).toEqual({
      tone: "bad",
      label: "Down",
    });
    expect(
      overallBadge([endpoint({ status: status() }), endpoint({ status: status({ live: false }) })])?.label,
    ).toBe("Down");
    expect(overallBadge([endpoint({ enabled: false })])?.label).toBe("Paused");
    expect(overallBadge([])).toBeNull();
  });

  it("links: only http(s) URLs", () => {
    expect(safeHttpUrl("javascript:alert(1)")).toBeNull();
    expect(safeHttpUrl("data:text/html,hi")).toBeNull();
    expect(safeHttpUrl("not a url")).toBeNull();
    expect(safeHttpUrl("https://grafana.example.com/d/x")).toBe("https://grafana.example.com/d/x");
    const links = endpointLinks(
      endpoint({
        baseUrl: "http://triton:8000",
        links: {
          metrics: "http://triton:8002/metrics",
          grafana: "javascript:alert(1)",
          kubernetes: "https://k8s/ui",
        },
      }),
    );
    expect(links.map((l) => [l.key, l.href])).toEqual([
      ["base", "http://triton:8000/"],
      ["metrics", "http://triton:8002/metrics"],
      ["kubernetes", "https://k8s/ui"],
    ]);
  });

  it("served versions: the server's list for this model, named as Vigil names them", () => {
    const e = endpoint({
      status: status({
        models: [
          { name: "other", platform: null, versions: [{ version: "9", state: "READY", ready: true }] },
          {
            name: "recommender",
            platform: "onnxruntime_onnx",
            versions: [
              { version: "2", state: "UNAVAILABLE", ready: false },
              { version: "1", state: "READY", ready: true },
              { version: "3", state: "READY", ready: true },
            ],
          },
        ],
      }),
    });
    expect(servedVersions(e)).toEqual({
      found: true,
      versions: [
        { version: "3", serverVersion: "3", state: "READY", ready: true },
        { version: "v1", serverVersion: "1", state: "READY", ready: true },
        { version: "v2", serverVersion: "2", state: "UNAVAILABLE", ready: false },
      ],
    });
    expect(servedVersions(endpoint({ status: status() }))).toEqual({ found: false, versions: [] });
  });

  it("serving target: the server's names for the model and the selected version", () => {
    expect(servingTarget(endpoint(), "v2")).toEqual({
      kind: "triton",
      serverModel: "recommender",
      serverVersion: "2",
      gpuSelector: '{namespace="serving",pod=~"triton-recommender-.*"}',
      metricsJob: "triton",
    });
    expect(servingTarget(endpoint({ serverModel: null }), null)).toMatchObject({
      serverModel: "recommender",
      serverVersion: null,
    });
    expect(servingTarget(endpoint(), "v9").serverVersion).toBe("v9");
  });
});

describe("units and lone points", () => {
  it("formats ms, rates and utilization", () => {
    expect(formatMs(19.05)).toBe("19.05 ms");
    expect(formatMs(119.05)).toBe("119.05 ms");
    expect(formatMs(2)).toBe("2 ms");
    expect(formatMs(1250.4)).toBe("1,250 ms");
    expect(formatRate(0.5)).toBe("0.5/s");
    expect(formatRate(0.99999999)).toBe("1/s");
    expect(formatRate(1234)).toBe("1.2K/s");
    expect(formatUtilization(42)).toBe("42%");
    expect(formatUtilization(7.46)).toBe("7.5%");
    expect(formatMs(Number.NaN)).toBe("—");
  });

  it("a point with no neighbour gets a dot; a connected series only when it has one point", () => {
    const rows = [
      { ts: 1, a: 1, b: 1, c: null },
      { ts: 2, a: null, b: 2, c: 5 },
      { ts: 3, a: 3, b: null, c: null },
    ];
    const lone = isolatedPoints(rows, ["a", "b", "c"]);
    expect([...lone.get("a")!]).toEqual([0, 2]);
    expect([...lone.get("b")!]).toEqual([]);
    expect([...lone.get("c")!]).toEqual([1]);
    const connected = isolatedPoints(rows, ["a", "c"], true);
    expect([...connected.get("a")!]).toEqual([]);
    expect([...connected.get("c")!]).toEqual([1]);
  });
});

describe("axes", () => {
  it("time ticks: round multiples over the whole domain, at most 8", () => {
    const from = Date.parse("2026-11-20T10:03:00Z");
    const day = timeTicks([from, from + 86_400_000]);
    expect(day.length).toBeLessThanOrEqual(8);
    expect(day[0]).toBe(Date.parse("2026-11-20T12:00:00Z"));
    expect(day[1]! - day[0]!).toBe(3 * 3_600_000);
    expect(timeTicks([from, from + 3_600_000])).toHaveLength(6);
    expect(timeTicks([from, from])).toEqual([]);
    expect(timeTicks([0, 90 * 86_400_000]).length).toBeLessThanOrEqual(8);
  });

  it("share axis: tenths around the data, inside [0, 1]", () => {
    expect(SHARE_DOMAIN[0](0.53)).toBe(0.5);
    expect(SHARE_DOMAIN[1](0.97)).toBe(1);
    expect(SHARE_DOMAIN[1](1)).toBe(1);
    expect(SHARE_DOMAIN[0](0)).toBe(0);
  });
});
