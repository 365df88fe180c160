// GET /api/v1/models/{model}/latency: predictions sent through the public API come back as numpy's percentiles
// per version and bucket (tests/fixtures/serving/generate.py), with the same answer on SQLite and PostgreSQL.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getLatency } from "@/app/api/v1/models/[model]/latency/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import type { Database } from "@/lib/db/client";
import type { LatencyPoint } from "@/lib/serving/latency";
import { readLatency } from "@/lib/serving/latency-read";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

interface Route {
  from: string;
  to: string;
  stepSeconds: number;
  rows: Array<{ id: string; version: string; ts: string; latencyMs: number | null }>;
  expected: { step: number; versions: Array<{ version: string; points: LatencyPoint[] }> };
}
const { route } = JSON.parse(readFileSync("tests/fixtures/serving/latency.json", "utf8")) as { route: Route };
const MODEL = "latency-model";

let database: Database;

async function send(model: string, rows: Route["rows"]) {
  const predictions = rows.map((r) => ({
    id: r.id,
    model,
    version: r.version,
    timestamp: r.ts,
    prediction: 1,
    ...(r.latencyMs === null ? {} : { latencyMs: r.latencyMs }),
  }));
  const res = await call(postPredictions, { path: "/api/v1/predictions", body: { predictions } });
  expect(res.body).toMatchObject({ accepted: rows.length, rejected: [] });
}

const latency = (model: string, query: Record<string, string>, key?: string | null) =>
  call(getLatency, {
    path: `/api/v1/models/${encodeURIComponent(model)}/latency?${new URLSearchParams(query)}`,
    params: { model },
    key,
  });

beforeAll(async () => {
  database = await useTestDatabase();
  await send(MODEL, route.rows);
});

describe("latency percentiles per version and bucket", () => {
  it("equal numpy's for the fixture's predictions", async () => {
    const res = await latency(MODEL, { from: route.from, to: route.to, step: String(route.stepSeconds) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ model: MODEL, from: route.from, to: route.to, ...route.expected });
  });

  it("takes the step as a duration, and epoch-ms from/to", async () => {
    const res = await latency(MODEL, {
      from: String(Date.parse(route.from)),
      to: String(Date.parse(route.to)),
      step: "10m",
    });
    expect(res.body.versions).toEqual(route.expected.versions);
  });

  it("one version", async () => {
    const res = await latency(MODEL, { from: route.from, to: route.to, step: "600", version: "v2" });
    expect(res.body.versions).toEqual(route.expected.versions.filter((v) => v.version === "v2"));
  });

  it("without a step: about 250 buckets over the range (15 s for an hour)", async () => {
    const res = await latency(MODEL, { from: route.from, to: route.to });
    expect(res.status).toBe(200);
    expect(res.body.step).toBe(15);
    const versions = res.body.versions as Array<{ points: LatencyPoint[] }>;
    const counted = versions.flatMap((v) => v.points).reduce((a, p) => a + p.count, 0);
    const expected = route.expected.versions.flatMap((v) => v.points).reduce((a, p) => a + p.count, 0);
    expect(counted).toBe(expected);
  });

  it("pages through rows that share a timestamp without losing or repeating one", async () => {
    const at = Date.parse(route.from);
    const rows = Array.from({ length: 25 }, (_, i) => ({
      id: `tie-${String(i).padStart(2, "0")}`,
      version: i % 2 ? "a" : "b",
      ts: new Date(at + (i % 3) * 1000).toISOString(),
      latencyMs: i,
    }));
    await send("latency-ties", rows);
    const q = { model: "latency-ties", from: at, to: at + 60_000, stepMs: 60_000 };
    const whole = await readLatency(database, q);
    expect(whole.versions.map((v) => v.points[0]?.count)).toEqual([12, 13]);
    for (const pageSize of [1, 2, 4, 7, 8, 9, 12])
      expect(await readLatency(database, q, { pageSize })).toEqual(whole);
  });
});

describe("errors", () => {
  const range = { from: route.from, to: route.to };
  it.each([
    ["abc", /step: "abc" is not a duration/],
    ["0.5", /step: "0.5" is not a duration of at least 1s/],
    ["-5", /step: "-5"/],
    ["1s", /step: 1s over this range gives 3600 buckets, more than 2000/],
  ])("step=%s → 400 naming the step", async (step, message) => {
    const res = await latency(MODEL, { ...range, step });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it("from after to → 400; a bad from → 400 naming it", async () => {
    expect((await latency(MODEL, { from: route.to, to: route.from })).status).toBe(400);
    const res = await latency(MODEL, { from: "yesterday", to: route.to });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/from "yesterday"/);
  });

  it("unknown model or version → 404; no key → 401", async () => {
    expect((await latency("no-such-model", range)).status).toBe(404);
    const v = await latency(MODEL, { ...range, version: "v9" });
    expect(v.status).toBe(404);
    expect(v.body.error).toMatch(/no version "v9"/);
    expect((await latency(MODEL, range, null)).status).toBe(401);
  });
});
