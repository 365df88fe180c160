// The production server as a client sees it: security headers on pages, and the ingest fast path
// (node:http in front of Next.js) behaving exactly like the API contract says.
import { expect, test } from "@playwright/test";
import { E2E_API_KEY } from "./env.mjs";

test.use({ storageState: { cookies: [], origins: [] } });

test("pages carry CSP with frame-ancestors 'none' and anti-framing headers", async ({ request }) => {
  const res = await request.get("/login");
  expect(res.status()).toBe(200);
  const headers = res.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("default-src 'self'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("ingest over real HTTP: 401 without a key, 207 for a mixed batch, 413 for an oversized body", async ({
  request,
}) => {
  const rows = [
    { id: "srv-1", model: "server-check", prediction: 1, score: 0.9 },
    { id: "srv-2", model: "server-check", prediction: 1, score: 7 },
  ];
  const anonymous = await request.post("/api/v1/predictions", { data: { predictions: rows } });
  expect(anonymous.status()).toBe(401);
  const auth = { authorization: `Bearer ${E2E_API_KEY}` };
  const mixed = await request.post("/api/v1/predictions", { data: { predictions: rows }, headers: auth });
  expect(mixed.status()).toBe(207);
  expect(await mixed.json()).toEqual({
    accepted: 1,
    duplicates: 0,
    rejected: [{ index: 1, error: "score must be a probability between 0 and 1" }],
  });
  const again = await request.post("/api/v1/predictions", {
    data: { predictions: rows.slice(0, 1) },
    headers: auth,
  });
  expect(await again.json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
  const huge = await request.post("/api/v1/labels", {
    headers: { ...auth, "content-type": "application/json" },
    data: `{"labels":[],"pad":"${"x".repeat(6 * 1024 * 1024)}"}`,
  });
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error).toMatch(/exceeds 5242880 bytes \(VIGIL_MAX_BODY_BYTES\)/);
});

test("GET /metrics: the production server counts rows taken on its fast path, behind a read key", async ({
  request,
}) => {
  expect((await request.get("/metrics")).status()).toBe(401);
  const auth = { authorization: `Bearer ${E2E_API_KEY}` };
  const rows = Array.from({ length: 3 }, (_, i) => ({
    id: `met-${i}`,
    model: "metrics-e2e",
    prediction: 1,
    score: 0.9,
  }));
  expect(
    (await request.post("/api/v1/predictions", { data: { predictions: rows }, headers: auth })).status(),
  ).toBe(200);
  const res = await request.get("/metrics", { headers: auth });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  // Counted by the node:http fast path, exposed by Next's route handler: one registry in the process.
  expect(text).toContain('vigil_ingest_rows_total{kind="predictions",model="metrics-e2e"} 3');
  expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  expect(text).toMatch(/^vigil_workers \d/m);
});
