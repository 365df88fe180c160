// The Cluster page's forms and URL state: the API's 400 text split per field, the scrape-target and
// serving-endpoint bodies, version maps, endpoint verdicts, which URLs become links.
import { describe, expect, it } from "vitest";
import { ENDPOINT_FIELDS, endpointBodyOf, endpointDraftOf } from "@/lib/charts/cluster-endpoint-form";
import {
  type EndpointInfo,
  endpointVerdict,
  parseVersionMap,
  servedVersions,
  versionMapText,
} from "@/lib/charts/cluster-endpoints";
import { fieldIssues, httpUrl, numberField } from "@/lib/charts/cluster-fields";
import { TARGET_FIELDS, targetBodyOf, targetDraftOf } from "@/lib/charts/cluster-target-form";
import { clusterSearch, parseCluster } from "@/lib/charts/cluster-url";
import type { TargetInfo } from "@/lib/cluster/targets";

describe("fieldIssues", () => {
  it("places each problem of the server's message next to its field", () => {
    const message =
      'kind: kind: one of triton, dcgm; url is required; intervalSeconds: intervalSeconds: at least 5; Unrecognized key: "foo"';
    expect(fieldIssues(message, TARGET_FIELDS)).toEqual({
      byField: {
        kind: ["one of triton, dcgm"],
        url: ["is required"],
        intervalSeconds: ["at least 5"],
      },
      general: ['Unrecognized key: "foo"'],
    });
  });
  it("keeps messages naming no known field whole, and matches nested fields first", () => {
    expect(fieldIssues('target 3 already scrapes instance "a:1" in job "dcgm"', TARGET_FIELDS)).toEqual({
      byField: {},
      general: ['target 3 already scrapes instance "a:1" in job "dcgm"'],
    });
    expect(fieldIssues("links.grafana: an http(s) URL; url: refused: loopback", ENDPOINT_FIELDS)).toEqual({
      byField: { "links.grafana": ["an http(s) URL"] },
      general: ["url: refused: loopback"],
    });
    expect(
      fieldIssues("timeoutSeconds: 20 is longer than intervalSeconds (15)", TARGET_FIELDS).byField,
    ).toEqual({
      timeoutSeconds: ["20 is longer than intervalSeconds (15)"],
    });
  });
});

describe("small helpers", () => {
  it("reads numbers and recognises http(s) URLs only", () => {
    expect(numberField(" 15 ")).toBe(15);
    expect(numberField("")).toBeUndefined();
    expect(numberField("abc")).toBeNaN();
    expect(httpUrl("https://grafana.example/d/x")).toBe("https://grafana.example/d/x");
    expect(httpUrl("javascript:alert(1)")).toBeNull();
    expect(httpUrl("data:text/html,x")).toBeNull();
    expect(httpUrl("not a url")).toBeNull();
    expect(httpUrl(null)).toBeNull();
  });
});

const target: TargetInfo = {
  id: 7,
  kind: "dcgm",
  job: "dcgm",
  instance: "gpu-node-1:9400",
  url: "http://gpu-node-1:9400/metrics",
  intervalSeconds: 15,
  timeoutSeconds: 10,
  sampleLimit: 50_000,
  enabled: true,
  hasAuthorization: true,
  createdAt: "2026-11-29T00:00:00.000Z",
  lastScrape: null,
};

describe("scrape-target form", () => {
  it("creates with only what was typed (the server fills the defaults)", () => {
    const d = { ...targetDraftOf(null), url: " gpu-node-1 " };
    expect(targetBodyOf(d, false)).toEqual({
      body: { kind: "dcgm", url: "gpu-node-1", enabled: true },
      issues: {},
    });
  });
  it("edits: prefilled numbers, authorization kept unless replaced or removed", () => {
    const d = targetDraftOf(target);
    expect(d).toMatchObject({
      intervalSeconds: "15",
      timeoutSeconds: "10",
      sampleLimit: "50000",
      authorization: "",
    });
    expect(targetBodyOf(d, true).body).toEqual({
      kind: "dcgm",
      url: "http://gpu-node-1:9400/metrics",
      job: "dcgm",
      intervalSeconds: 15,
      timeoutSeconds: 10,
      sampleLimit: 50_000,
      enabled: true,
    });
    expect(targetBodyOf({ ...d, removeAuthorization: true }, true).body?.authorization).toBeNull();
    expect(targetBodyOf({ ...d, authorization: "Bearer x" }, true).body?.authorization).toBe("Bearer x");
    // "remove" means nothing on create
    expect(targetBodyOf({ ...d, removeAuthorization: true }, false).body?.authorization).toBeUndefined();
  });
  it("reports what cannot be sent", () => {
    const d = { ...targetDraftOf(null), intervalSeconds: "soon", sampleLimit: "1.5" };
    expect(targetBodyOf(d, false)).toEqual({
      body: null,
      issues: {
        url: ["required: a metrics URL, or a host[:port] for the kind's default"],
        intervalSeconds: ["a number of seconds"],
        sampleLimit: ["an integer"],
      },
    });
  });
});

const endpoint: EndpointInfo = {
  id: 1,
  name: "triton-recommender",
  kind: "triton",
  baseUrl: "http://127.0.0.1:18000",
  managementUrl: null,
  model: "recommender",
  serverModel: "recommender",
  versionMap: { v1: "1", v2: "2" },
  gpuSelector: '{namespace="serving"}',
  metricsJob: "triton",
  links: { metrics: "http://127.0.0.1:18002/metrics", grafana: null, kubernetes: null },
  intervalSeconds: 30,
  timeoutSeconds: 5,
  enabled: true,
  hasAuthorization: false,
  createdAt: "2026-11-29T00:00:00.000Z",
  status: {
    checkedAt: "2026-11-29T00:00:30.000Z",
    live: true,
    ready: true,
    latencyMs: 3,
    problems: [],
    models: [
      {
        name: "recommender",
        platform: "onnxruntime_onnx",
        versions: [
          { version: "2", state: "READY", ready: true },
          { version: "1", state: "READY", ready: true },
          { version: "3", state: "LOADING", ready: false },
        ],
        inputs: [],
        outputs: [],
      },
      {
        name: "other",
        platform: null,
        versions: [{ version: "9", state: "READY", ready: true }],
        inputs: [],
        outputs: [],
      },
    ],
  },
};

describe("serving endpoints", () => {
  it("parses and writes version maps", () => {
    expect(parseVersionMap("v1=1, v2 = 2\nv3=3")).toEqual({ map: { v1: "1", v2: "2", v3: "3" } });
    expect(parseVersionMap("  ")).toEqual({ map: {} });
    expect(parseVersionMap("v1=1, v2")).toEqual({ error: '"v2" is not vigil_version=server_version' });
    expect(parseVersionMap("=1")).toEqual({ error: '"=1" is not vigil_version=server_version' });
    expect(parseVersionMap("v1=1,v1=2")).toEqual({ error: 'version "v1" is mapped twice' });
    expect(versionMapText({ v1: "1", v2: "2" })).toBe("v1=1, v2=2");
  });
  it("leads with a verdict", () => {
    expect(endpointVerdict(endpoint)).toBe("ready");
    expect(endpointVerdict({ enabled: true, status: null })).toBe("unchecked");
    expect(endpointVerdict({ enabled: false, status: null })).toBe("disabled");
    expect(
      endpointVerdict({ enabled: true, status: { ...endpoint.status!, live: false, ready: false } }),
    ).toBe("down");
    expect(endpointVerdict({ enabled: true, status: { ...endpoint.status!, ready: false } })).toBe(
      "not-ready",
    );
  });
  it("lists the server model's versions with the Vigil version each stands for", () => {
    expect(servedVersions(endpoint)).toEqual([
      { vigil: "v1", server: "1", state: "READY", ready: true },
      { vigil: "v2", server: "2", state: "READY", ready: true },
      { vigil: null, server: "3", state: "LOADING", ready: false },
    ]);
    expect(servedVersions({ ...endpoint, serverModel: "other" }).map((v) => v.server)).toEqual(["9"]);
    expect(servedVersions({ ...endpoint, status: null })).toEqual([]);
  });
  it("creates with only the fields given", () => {
    const d = {
      ...endpointDraftOf(null, "recommender"),
      name: "t1",
      baseUrl: "http://triton:8000",
      versionMap: "v1=1",
      linkGrafana: "https://grafana.example/d/1",
    };
    expect(endpointBodyOf(d, false)).toEqual({
      body: {
        kind: "triton",
        enabled: true,
        name: "t1",
        baseUrl: "http://triton:8000",
        model: "recommender",
        versionMap: { v1: "1" },
        links: { grafana: "https://grafana.example/d/1" },
      },
      issues: {},
    });
  });
  it("edits: emptied optional fields are cleared with null", () => {
    const d = { ...endpointDraftOf(endpoint), gpuSelector: "", linkMetrics: "", intervalSeconds: "60" };
    const out = endpointBodyOf(d, true);
    expect(out.body).toMatchObject({
      name: "triton-recommender",
      serverModel: "recommender",
      managementUrl: null,
      gpuSelector: null,
      metricsJob: "triton",
      versionMap: { v1: "1", v2: "2" },
      links: { metrics: null, grafana: null, kubernetes: null },
      intervalSeconds: 60,
      timeoutSeconds: 5,
    });
    expect(out.body).not.toHaveProperty("authorization");
  });
  it("reports what cannot be sent", () => {
    const d = {
      ...endpointDraftOf(null),
      versionMap: "v1",
      linkKubernetes: "javascript:x",
      timeoutSeconds: "x",
    };
    expect(endpointBodyOf(d, false)).toEqual({
      body: null,
      issues: {
        name: ["required"],
        baseUrl: ["required: the inference API's URL, e.g. http://triton:8000"],
        model: ["choose the Vigil model this endpoint serves"],
        versionMap: ['"v1" is not vigil_version=server_version'],
        "links.kubernetes": ["an http(s) URL"],
        timeoutSeconds: ["a number of seconds"],
      },
    });
  });
});

describe("cluster URL state", () => {
  const params = (q: string) => new URLSearchParams(q);
  it("reads source, range and node, with defaults", () => {
    expect(parseCluster(params(""))).toEqual({
      source: null,
      range: { kind: "preset", preset: "24h" },
      node: null,
    });
    expect(parseCluster(params("source=prom&range=7d&node=gpu-node-1"))).toEqual({
      source: "prom",
      range: { kind: "preset", preset: "7d" },
      node: "gpu-node-1",
    });
    expect(parseCluster(params("source=vigil")).source).toBeNull();
    expect(parseCluster(params("source=Bad%20Name")).source).toBeNull();
  });
  it("writes it back, the default source and node left out", () => {
    expect(clusterSearch(parseCluster(params("")))).toBe("range=24h");
    const custom = parseCluster(params("from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&source=prom"));
    expect(clusterSearch(custom)).toBe(
      "source=prom&from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-02T00%3A00%3A00.000Z",
    );
  });
});
