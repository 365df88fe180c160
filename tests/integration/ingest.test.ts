// Ingest API against the real database: every bad input gets a clear 4xx and nothing good is lost.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { POST as postLabels } from "@/app/api/v1/labels/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase({
    VIGIL_MAX_BATCH_ROWS: "10000",
    VIGIL_MAX_BODY_BYTES: String(5 * 1024 * 1024),
  });
});

const T0 = Date.parse("2026-11-20T10:00:00Z");
const pred = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  model: "churn",
  version: "v3",
  timestamp: "2026-11-20T10:00:00Z",
  features: { age: 42, country: "DE", vip: true, note: null },
  prediction: 1,
  score: 0.83,
  ...extra,
});

const storedIds = async (model = "churn") => {
  const m = await database.db.model.findUnique({ where: { name: model } });
  if (!m) return [];
  const rows = await database.db.prediction.findMany({
    where: { modelId: m.id },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
};
const post = (body: unknown, extra: Partial<Parameters<typeof call>[1]> = {}) =>
  call(postPredictions, { path: "/api/v1/predictions", body, ...extra });

describe("POST /api/v1/predictions", () => {
  it("stores a batch, creates model and version, and infers the task", async () => {
    const res = await post({
      predictions: [pred("a1"), pred("a2", { prediction: 0, score: 0.2, timestamp: T0 + 1000 })],
    });
    expect(res).toEqual({ status: 200, body: { accepted: 2, duplicates: 0, rejected: [] } });
    const model = await database.db.model.findUnique({
      where: { name: "churn" },
      include: { versions: true },
    });
    expect(model?.task).toBe("binary");
    expect(model?.taskSource).toBe("inferred");
    expect(model?.versions.map((v) => v.name)).toEqual(["v3"]);
    expect(model?.versions[0]?.lastPredictionAt?.getTime()).toBe(T0 + 1000);
    const row = await database.db.prediction.findFirst({ where: { id: "a1" } });
    expect(JSON.parse(row!.features)).toEqual({ age: 42, country: "DE", vip: true, note: null });
    expect(row!.ts.getTime()).toBe(T0);
  });

  it("is idempotent: a resent row is a duplicate, never stored twice", async () => {
    const res = await post({ predictions: [pred("a1"), pred("a3")] });
    expect(res.body).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    expect(await storedIds()).toEqual(["a1", "a2", "a3"]);
  });

  it("fills a missing timestamp with server time and accepts epoch milliseconds", async () => {
    const before = Date.now();
    await post({ predictions: [pred("t1", { timestamp: undefined }), pred("t2", { timestamp: T0 })] });
    const t1 = await database.db.prediction.findFirst({ where: { id: "t1" } });
    expect(t1!.ts.getTime()).toBeGreaterThanOrEqual(before);
    const t2 = await database.db.prediction.findFirst({ where: { id: "t2" } });
    expect(t2!.ts.getTime()).toBe(T0);
  });

  it("rejects bad rows with index and field, storing the good ones (207)", async () => {
    const res = await post({
      predictions: [
        pred("g1"),
        { model: "churn", prediction: 1 },
        pred("g2", { model: undefined }),
        pred("g3", { score: "high" }),
        pred("g4", { score: 1.5 }),
        pred("g5", { features: { nested: { a: 1 } } }),
        pred("g6", { features: { list: [1, 2] } }),
        pred("g7", { timestamp: "yesterday" }),
        pred("g8", { timestamp: 1764412800 }),
        pred("g9", { latencyMs: -3 }),
        pred("g1"),
        pred("g10"),
      ],
    });
    expect(res.status).toBe(207);
    expect(res.body.accepted).toBe(2);
    const rejected = res.body.rejected as Array<{ index: number; error: string }>;
    expect(rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const messages = rejected.map((r) => r.error);
    expect(messages[0]).toMatch(/^id is required/);
    expect(messages[1]).toMatch(/^model is required/);
    expect(messages[2]).toMatch(/score must be a number/);
    expect(messages[3]).toMatch(/score must be a probability between 0 and 1/);
    expect(messages[4]).toMatch(/feature "nested" must be a number, string, boolean or null, not object/);
    expect(messages[5]).toMatch(/feature "list" .* not an array/);
    expect(messages[6]).toMatch(/timestamp "yesterday" is not a valid ISO-8601 date/);
    expect(messages[7]).toMatch(/looks like epoch seconds/);
    expect(messages[8]).toMatch(/latencyMs must not be negative/);
    expect(messages[9]).toMatch(/id: "g1" repeats row 0 of this batch/);
    expect(await storedIds()).toEqual(["a1", "a2", "a3", "g1", "g10", "t1", "t2"]);
  });

  it("refuses Infinity (JSON 1e999) where a number belongs", async () => {
    const res = await post(undefined, {
      rawBody: `{"predictions":[{"id":"inf1","model":"churn","prediction":1,"score":1e999},{"id":"inf2","model":"churn","prediction":1e999},{"id":"inf3","model":"churn","prediction":1,"features":{"x":-1e999}}]}`,
    });
    expect(res.status).toBe(400);
    expect((res.body.rejected as Array<{ error: string }>).map((r) => r.error)).toEqual([
      expect.stringMatching(/score must be a finite number/),
      expect.stringMatching(/prediction must be a finite number/),
      expect.stringMatching(/feature "x" must be a finite number/),
    ]);
    expect(res.body.error).toMatch(/^no valid rows; first problem: row 0:/);
    expect(await storedIds()).not.toContain("inf1");
  });

  it("rejects over 500 features, long feature names and a 1 MB feature string", async () => {
    const many = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`f${i}`, i]));
    const res = await post({
      predictions: [
        pred("f1", { features: many }),
        pred("f2", { features: { ["k".repeat(201)]: 1 } }),
        pred("f3", { features: { blob: "x".repeat(1024 * 1024) } }),
        pred("f4"),
      ],
    });
    expect(res.status).toBe(207);
    const errors = (res.body.rejected as Array<{ error: string }>).map((r) => r.error);
    expect(errors[0]).toMatch(/has 501 features; at most 500 are allowed/);
    expect(errors[1]).toMatch(/feature names must be 1 to 200 characters/);
    expect(errors[2]).toMatch(/feature "blob" is 1048576 characters; string features may be at most 8192/);
    expect(await storedIds()).toContain("f4");
    expect(await storedIds()).not.toContain("f3");
  });

  it.each([
    ["malformed JSON", { rawBody: '{"predictions": [' }, 400, /^malformed JSON/],
    [
      "wrong content type",
      { rawBody: "id,model", headers: { "content-type": "text/csv" } },
      415,
      /content-type must be application\/json \(got "text\/csv"\)/,
    ],
    ["missing predictions", { body: { rows: [] } }, 400, /^predictions: required/],
    ["predictions not an array", { body: { predictions: { id: 1 } } }, 400, /^predictions: must be an array/],
    [
      "a JSON array body",
      { body: [pred("x")] },
      400,
      /body must be a JSON object with a "predictions" array/,
    ],
    ["empty body", { rawBody: "" }, 400, /request body is empty/],
  ])("%s gets a clear 4xx", async (_name, opts, status, message) => {
    const before = await storedIds();
    const res = await post(undefined, opts as Parameters<typeof post>[1]);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(message);
    expect(await storedIds()).toEqual(before);
  });

  it("refuses 10,001 rows with 413 naming the limit", async () => {
    const before = await storedIds();
    const rows = Array.from({ length: 10_001 }, (_, i) => ({ id: `big${i}`, model: "churn", prediction: 1 }));
    const res = await post({ predictions: rows });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/batch has 10001 rows; the limit is 10000 \(VIGIL_MAX_BATCH_ROWS\)/);
    expect(await storedIds()).toEqual(before);
  });

  it("refuses a 6 MB body with 413 naming the limit", async () => {
    const before = await storedIds();
    const filler = "y".repeat(6 * 1024 * 1024);
    const res = await post(undefined, { rawBody: `{"predictions":[],"pad":"${filler}"}` });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/request body exceeds 5242880 bytes \(VIGIL_MAX_BODY_BYTES\)/);
    expect(await storedIds()).toEqual(before);
  });
});

describe("API keys", () => {
  it("401 without a key, with an unknown key, with a revoked key; 403 with the wrong scope", async () => {
    const before = await storedIds();
    const body = { predictions: [pred("k1")] };
    const none = await post(body, { key: null });
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/authentication required/);
    const wrong = await post(body, { key: "vgl_not_a_real_key_aaaaaaaaaaaaaaaaaaa" });
    expect(wrong).toEqual({ status: 401, body: { error: "invalid API key" } });
    const malformed = await post(body, { headers: { authorization: "Basic abc" }, key: null });
    expect(malformed.status).toBe(401);
    expect(malformed.body.error).toMatch(/Bearer/);

    const revoked = await createApiKey(database.db, { name: "old", scope: "ingest" });
    expect(await revokeApiKey(database.db, String(revoked.info.id))).toBe(1);
    expect(await post(body, { key: revoked.key })).toEqual({
      status: 401,
      body: { error: "API key has been revoked" },
    });

    const reader = await createApiKey(database.db, { name: "reader", scope: "read" });
    const scoped = await post(body, { key: reader.key });
    expect(scoped.status).toBe(403);
    expect(scoped.body.error).toBe(
      "this API key has scope 'read'; POST /api/v1/predictions needs 'ingest' or 'admin'",
    );
    expect(await storedIds()).toEqual(before);

    const ingest = await createApiKey(database.db, { name: "svc", scope: "ingest" });
    expect((await post(body, { key: ingest.key })).status).toBe(200);
  });

  it("stores only the hash of a key", async () => {
    const { key } = await createApiKey(database.db, { name: "h", scope: "ingest" });
    const rows = await database.db.apiKey.findMany();
    expect(JSON.stringify(rows)).not.toContain(key);
  });
});

describe("labels and events", () => {
  it("accepts labels before and after their predictions, idempotently", async () => {
    const early = await call(postLabels, {
      path: "/api/v1/labels",
      body: {
        labels: [
          { id: "later-1", model: "churn", label: 1 },
          { id: "a1", model: "churn", label: 0, timestamp: T0 + 60_000 },
        ],
      },
    });
    expect(early).toEqual({ status: 200, body: { accepted: 2, duplicates: 0, rejected: [] } });
    const again = await call(postLabels, {
      path: "/api/v1/labels",
      body: { labels: [{ id: "a1", model: "churn", label: 1 }] },
    });
    expect(again.body).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    const bad = await call(postLabels, {
      path: "/api/v1/labels",
      body: {
        labels: [
          { id: "x", model: "churn" },
          { id: "y", model: "churn", label: { a: 1 } },
          { id: "z", model: "churn", label: "spam" },
        ],
      },
    });
    expect(bad.status).toBe(207);
    expect(
      (bad.body.rejected as Array<{ index: number; error: string }>).map((r) => [r.index, r.error]),
    ).toEqual([
      [0, expect.stringMatching(/label must be a number, string or boolean/)],
      [1, expect.stringMatching(/label must be a number, string or boolean/)],
    ]);
    const stored = await database.db.label.findMany({ orderBy: { id: "asc" } });
    expect(stored.map((l) => [l.id, l.label])).toEqual([
      ["a1", "0"],
      ["later-1", "1"],
      ["z", '"spam"'],
    ]);
  });

  it("stores business events and reports bad ones", async () => {
    const res = await call(postEvents, {
      path: "/api/v1/events",
      body: {
        events: [
          { id: "e1", model: "churn", predictionId: "a1", name: "conversion", value: 1, timestamp: T0 },
          { id: "e2", model: "churn", name: "revenue", value: "12.5" },
          { id: "e3", model: "churn", name: "revenue", value: 12.5 },
        ],
      },
    });
    expect(res.status).toBe(207);
    expect(res.body.accepted).toBe(2);
    expect((res.body.rejected as Array<{ error: string }>)[0]!.error).toMatch(/value must be a number/);
    expect(await database.db.businessEvent.count()).toBe(2);
  });
});
