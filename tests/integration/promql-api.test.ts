// Prometheus-compatible HTTP API over Vigil's series store, called the way Grafana and promtool call it.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as labelValues } from "@/app/api/v1/label/[name]/values/route";
import { GET as labelsGet, POST as labelsPost } from "@/app/api/v1/labels/route";
import { GET as metadata } from "@/app/api/v1/metadata/route";
import { GET as queryGet, POST as queryPost } from "@/app/api/v1/query/route";
import { GET as rangeGet, POST as rangePost } from "@/app/api/v1/query_range/route";
import { GET as seriesGet } from "@/app/api/v1/series/route";
import { GET as buildinfo } from "@/app/api/v1/status/buildinfo/route";
import type { Database } from "@/lib/db/client";
import { writePoints } from "@/lib/series/store";
import { TEST_API_KEY, useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
const T0 = Date.UTC(2026, 10, 1, 10, 0, 0);
const sec = (ms: number) => ms / 1000;

beforeAll(async () => {
  database = await useTestDatabase();
  const points = [];
  for (let i = 0; i < 120; i++) {
    const ts = T0 + i * 60_000;
    points.push({
      name: "vigil_model_accuracy",
      labels: { model: "churn", version: "v1", window: "1h" },
      ts,
      value: 0.8 + i / 1000,
    });
    points.push({
      name: "vigil_model_accuracy",
      labels: { model: "churn", version: "v2", window: "1h" },
      ts,
      value: 0.9,
    });
    points.push({
      name: "vigil_predictions_total",
      labels: { model: "churn", version: "v1", window: "1h" },
      ts,
      value: i * 10,
    });
  }
  await writePoints(database, points);
});

const form = (params: Record<string, string>) => ({
  method: "POST",
  rawBody: new URLSearchParams(params).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

describe("PromQL HTTP API", () => {
  it("instant query (GET) returns a vector in Prometheus' JSON", async () => {
    const res = await call(queryGet, {
      path: `/api/v1/query?query=vigil_model_accuracy{version="v2"}&time=${sec(T0 + 3_600_000)}`,
    });
    expect(res).toEqual({
      status: 200,
      body: {
        status: "success",
        data: {
          resultType: "vector",
          result: [
            {
              metric: { __name__: "vigil_model_accuracy", model: "churn", version: "v2", window: "1h" },
              value: [sec(T0 + 3_600_000), "0.9"],
            },
          ],
        },
      },
    });
  });

  it("range query as Grafana sends it (POST form) returns a matrix", async () => {
    const res = await call(rangePost, {
      path: "/api/v1/query_range",
      ...form({
        query: "sum by (model) (vigil_model_accuracy)",
        start: String(sec(T0)),
        end: String(sec(T0 + 600_000)),
        step: "60",
      }),
    });
    expect(res.status).toBe(200);
    const data = res.body.data as {
      resultType: string;
      result: Array<{ metric: object; values: Array<[number, string]> }>;
    };
    expect(data.resultType).toBe("matrix");
    expect(data.result).toHaveLength(1);
    expect(data.result[0]!.metric).toEqual({ model: "churn" });
    expect(data.result[0]!.values).toHaveLength(11);
    expect(data.result[0]!.values[0]).toEqual([sec(T0), "1.7000000000000002"]);
  });

  it("scalar results and GET range queries", async () => {
    const scalar = await call(queryPost, {
      path: "/api/v1/query",
      ...form({ query: "1 + 2", time: String(sec(T0)) }),
    });
    expect(scalar.body).toEqual({
      status: "success",
      data: { resultType: "scalar", result: [sec(T0), "3"] },
    });
    const range = await call(rangeGet, {
      path: `/api/v1/query_range?query=vigil_predictions_total&start=2026-11-01T10:00:00Z&end=2026-11-01T10:02:00Z&step=1m`,
    });
    expect((range.body.data as { result: Array<{ values: unknown[] }> }).result[0]!.values).toEqual([
      [sec(T0), "0"],
      [sec(T0 + 60_000), "10"],
      [sec(T0 + 120_000), "20"],
    ]);
  });

  it("series, label names, label values, metadata and buildinfo", async () => {
    const series = await call(seriesGet, {
      path: "/api/v1/series?match[]=vigil_model_accuracy&match[]=vigil_predictions_total",
    });
    expect((series.body.data as unknown[]).length).toBe(3);
    const names = await call(labelsGet, { path: "/api/v1/labels" });
    expect(names.body).toEqual({ status: "success", data: ["__name__", "model", "version", "window"] });
    const namesPost = await call(labelsPost, {
      path: "/api/v1/labels",
      ...form({ "match[]": "vigil_predictions_total" }),
    });
    expect(namesPost.body).toEqual({ status: "success", data: ["__name__", "model", "version", "window"] });
    const values = await call(labelValues, {
      path: "/api/v1/label/__name__/values",
      params: { name: "__name__" },
    });
    expect(values.body).toEqual({
      status: "success",
      data: ["vigil_model_accuracy", "vigil_predictions_total"],
    });
    const meta = await call(metadata, { path: "/api/v1/metadata" });
    expect((meta.body.data as Record<string, unknown>).vigil_model_accuracy).toBeDefined();
    const build = await call(buildinfo, { path: "/api/v1/status/buildinfo" });
    expect((build.body.data as { version: string }).version).toBe("2.42.0");
  });

  it("a JSON POST to /api/v1/labels is still label ingest", async () => {
    const res = await call(labelsPost, {
      path: "/api/v1/labels",
      body: { labels: [{ id: "x1", model: "churn", label: 1 }] },
    });
    expect(res.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it.each([
    ["a syntax error", "/api/v1/query?query=sum(", 400, "bad_data"],
    ["an empty query", "/api/v1/query?query=", 400, "bad_data"],
    ["a bad time", "/api/v1/query?query=up&time=yesterday", 400, "bad_data"],
    ["too many points", `/api/v1/query_range?query=up&start=0&end=${11_001}&step=1`, 400, "bad_data"],
    ["end before start", "/api/v1/query_range?query=up&start=100&end=50&step=1", 400, "bad_data"],
  ])("%s → Prometheus error format", async (_name, path, status, errorType) => {
    const handler = path.includes("query_range") ? rangeGet : queryGet;
    const res = await call(handler, { path });
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ status: "error", errorType });
    expect(typeof res.body.error).toBe("string");
  });

  it("needs a read key; accepts the key as a Basic-auth password (promtool, Grafana)", async () => {
    expect((await call(queryGet, { path: "/api/v1/query?query=1", key: null })).status).toBe(401);
    const basic = `Basic ${Buffer.from(`vigil:${TEST_API_KEY}`).toString("base64")}`;
    const res = await call(queryGet, {
      path: "/api/v1/query?query=1",
      key: null,
      headers: { authorization: basic },
    });
    expect(res.status).toBe(200);
  });
});

describe("query limits", () => {
  it("times out with Prometheus' error after VIGIL_QUERY_TIMEOUT_MS", async () => {
    const { resetEnvCache } = await import("@/lib/config/env");
    process.env.VIGIL_QUERY_TIMEOUT_MS = "100";
    resetEnvCache();
    try {
      const started = Date.now();
      const res = await call(queryGet, {
        path: `/api/v1/query?query=${encodeURIComponent("max_over_time((sum(vigil_model_accuracy) * 2 + 1 - 3 / 4 * sum(vigil_model_accuracy) + 5)[30d:1s])")}&time=${sec(T0 + 3_600_000)}`,
      });
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        status: "error",
        errorType: "timeout",
        error: "query timed out in query execution",
      });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      delete process.env.VIGIL_QUERY_TIMEOUT_MS;
      resetEnvCache();
    }
  });

  it("refuses more series than VIGIL_QUERY_MAX_SERIES", async () => {
    const { resetEnvCache } = await import("@/lib/config/env");
    process.env.VIGIL_QUERY_MAX_SERIES = "1";
    resetEnvCache();
    try {
      const res = await call(queryGet, {
        path: `/api/v1/query?query=vigil_model_accuracy&time=${sec(T0 + 60_000)}`,
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        status: "error",
        errorType: "execution",
        error: expect.stringMatching(/limit is 1 \(VIGIL_QUERY_MAX_SERIES\)/),
      });
    } finally {
      delete process.env.VIGIL_QUERY_MAX_SERIES;
      resetEnvCache();
    }
  });
});
