// GET /metrics: Vigil's own metrics, valid Prometheus text format, behind a read-scope API key — process
// metrics, ingest counters per kind and model, job backlog, the outbox, and the latest model-quality values.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postLabels } from "@/app/api/v1/labels/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import { GET as getMetrics } from "@/app/metrics/route";
import { createApiKey } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { ExpositionParser, type ParsedSample } from "@/lib/import/exposition";
import { runUntilIdle } from "@/lib/jobs/runner";
import { TEST_API_KEY, useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

async function scrape(
  key: string | null,
): Promise<{ status: number; text: string; contentType: string | null }> {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const res = await getMetrics(new Request("http://localhost/metrics", { headers }));
  return { status: res.status, text: await res.text(), contentType: res.headers.get("content-type") };
}

function parse(text: string): ParsedSample[] {
  const parser = new ExpositionParser("prometheus", { defaultTimestampMs: Date.now() });
  const a = parser.push(new TextEncoder().encode(text));
  const b = parser.end();
  expect([...a.errors, ...b.errors]).toEqual([]);
  return [...a.samples, ...b.samples];
}

const value = (samples: ParsedSample[], name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe("GET /metrics", () => {
  it("needs a key with read scope", async () => {
    expect((await scrape(null)).status).toBe(401);
    const { key } = await createApiKey(database.db, { name: "ingest-only", scope: "ingest" });
    expect((await scrape(key)).status).toBe(403);
  });

  it("exposes process, ingest, job and model-quality metrics in the text format", async () => {
    const t0 = Date.parse("2026-11-29T10:00:00Z");
    const predictions = Array.from({ length: 40 }, (_, i) => ({
      id: `p${i}`,
      model: "metrics-model",
      version: "v1",
      timestamp: t0 + i * 1000,
      prediction: i % 2,
      score: i % 2 ? 0.8 : 0.2,
    }));
    expect((await call(postPredictions, { path: "/api/v1/predictions", body: { predictions } })).status).toBe(
      200,
    );
    // Again: duplicates count as received, not as accepted; one invalid row is refused.
    const again = await call(postPredictions, {
      path: "/api/v1/predictions",
      body: { predictions: [...predictions.slice(0, 5), { id: "bad", model: "metrics-model" }] },
    });
    expect(again.status).toBe(207);
    const labels = predictions.map((p, i) => ({
      id: p.id,
      model: "metrics-model",
      label: i % 4 === 0 ? 1 - p.prediction : p.prediction,
    }));
    expect((await call(postLabels, { path: "/api/v1/labels", body: { labels } })).status).toBe(200);

    const before = await scrape(TEST_API_KEY);
    expect(before.status).toBe(200);
    expect(before.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const s1 = parse(before.text);
    expect(value(s1, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(value(s1, "vigil_ingest_rows_total", { kind: "predictions", model: "metrics-model" })).toBe(45);
    expect(value(s1, "vigil_ingest_rows_accepted_total", { kind: "predictions" })).toBe(40);
    expect(value(s1, "vigil_ingest_rows_rejected_total", { kind: "predictions" })).toBe(1);
    expect(value(s1, "vigil_ingest_rows_total", { kind: "labels", model: "metrics-model" })).toBe(40);
    expect(value(s1, "vigil_jobs_due", { kind: "quality-window" })).toBeGreaterThan(0);
    expect(value(s1, "vigil_job_lag_seconds", { kind: "quality-window" })).toBeGreaterThanOrEqual(0);

    await runUntilIdle(database, { owner: "metrics-test", leaseMs: 30_000 });
    const s2 = parse((await scrape(TEST_API_KEY)).text);
    expect(value(s2, "vigil_jobs_due", { kind: "quality-window" })).toBeUndefined();
    // 30 of 40 labels agree with the prediction (every fourth is flipped).
    expect(
      value(s2, "vigil_model_quality", {
        metric: "accuracy",
        model: "metrics-model",
        version: "v1",
        window: "1h",
      }),
    ).toBeCloseTo(0.75, 12);
  });
});
