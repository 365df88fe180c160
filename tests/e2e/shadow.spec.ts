import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { E2E_API_KEY, E2E_PORT } from "./env.mjs";
import { hasHorizontalScroll, screenshot } from "./helpers";

// A model of its own: 60 binary predictions in the last hours with labels (through the API), and a shadow
// "v2-int8" written straight to the e2e database (the upload route needs onnxruntime and the worker): it answers
// every row, and predicts the other class on every tenth. Labels equal production's class, so production's
// accuracy is 1 and the shadow's 0.9: Δ = −0.1, paired 95% half-width 1.96·√((6 − 36/60)/60²) = 0.076.
const MODEL = "shadow-demo";
const SHADOW = "v2-int8";
const BASE = `http://127.0.0.1:${E2E_PORT}`;
const HOUR = 3_600_000;
const COUNTRIES = ["DE", "FR", "US"];

async function send(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${E2E_API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${(await res.text()).slice(0, 500)}`);
}

function rows(now: number) {
  const start = now - 5 * HOUR;
  return Array.from({ length: 60 }, (_, i) => {
    const score = Number(((i % 20) / 20 + 0.025).toFixed(3));
    return {
      id: `shadow-demo-${String(i).padStart(3, "0")}`,
      model: MODEL,
      version: "v1",
      timestamp: new Date(start + i * 4 * 60_000).toISOString(),
      features: { country: COUNTRIES[i % 3]!, device: i % 2 ? "ios" : "android", price: 10 + i },
      prediction: score >= 0.5 ? 1 : 0,
      score,
    };
  });
}

test.beforeAll(async () => {
  test.setTimeout(60_000);
  const db = new Database("data/e2e.db");
  db.pragma("busy_timeout = 5000");
  try {
    const has = db
      .prepare(
        `SELECT s.id FROM "Shadow" s JOIN "Model" m ON m.id = s.modelId WHERE m.name = ? AND s.name = ?`,
      )
      .get(MODEL, SHADOW);
    if (has) return;
    const now = Date.now();
    const predictions = rows(now);
    await send("/api/v1/predictions", { predictions });
    await send("/api/v1/labels", {
      labels: predictions.map((p) => ({
        id: p.id,
        model: MODEL,
        label: p.prediction,
        timestamp: now - 1000,
      })),
    });
    const model = db.prepare(`SELECT id FROM "Model" WHERE name = ?`).get(MODEL) as { id: number };
    const shadow = db
      .prepare(
        `INSERT INTO "Shadow" (modelId, name, fileSha256, fileBytes, config, signature, status, createdAt, updatedAt)
         VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
      )
      .run(model.id, SHADOW, "0".repeat(64), 1, "{}", "{}", now, now);
    const insert = db.prepare(
      `INSERT INTO "ShadowPrediction" (shadowId, predictionId, ts, status, prediction, score, latencyMs, createdAt)
       VALUES (?, ?, ?, 'ok', ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      predictions.forEach((p, i) => {
        const flip = i % 10 === 5;
        const prediction = flip ? 1 - p.prediction : p.prediction;
        const score = flip ? 1 - p.score : Math.min(1, p.score + 0.01);
        insert.run(
          Number(shadow.lastInsertRowid),
          p.id,
          Date.parse(p.timestamp),
          JSON.stringify(prediction),
          score,
          2 + (i % 5),
          now,
        );
      });
    })();
  } finally {
    db.close();
  }
});

test("the Shadows tab compares a shadow with production, opened by keyboard", async ({ page }) => {
  await page.goto(`/models/${MODEL}?range=24h`);
  const quality = page.getByRole("tab", { name: "Quality" });
  await expect(quality).toHaveAttribute("aria-selected", "true");
  await quality.focus();
  // Quality → Drift → Shadows with the arrow keys (Serving is the last tab).
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/range=24h&tab=drift/);
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/range=24h&tab=shadows/);
  const shadows = page.getByRole("tab", { name: "Shadows" });
  await expect(shadows).toHaveAttribute("aria-selected", "true");
  await expect(shadows).toBeFocused();

  const link = page.getByTestId("shadow-list").getByRole("link", { name: SHADOW });
  await expect(link).toBeVisible();
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/tab=shadows&shadow=\d+/);

  await expect(page.getByTestId("shadow-verdict")).toContainText(
    "v2-int8 agrees on 90.0% of 60 predictions; accuracy 0.900 vs 1.000 (Δ \u22120.100 ± 0.076)",
  );
  await expect(page.getByTestId("shadow-verdict")).toContainText("significantly worse");

  const quality2 = page.getByTestId("shadow-quality-table");
  await expect(quality2.getByRole("row", { name: /Accuracy/ })).toContainText("1.000");

  // 6 disagreements: rows 5, 15, …, 55 → countries US, DE, FR, US, DE, FR (2 of 20 each); all on ios (6 of 30).
  const segments = page.getByTestId("shadow-segment-table");
  await expect(segments.getByTestId("shadow-segment-row").first()).toContainText("ios");
  await expect(segments.getByTestId("shadow-segment-row").first()).toContainText("80.0%");
  await expect(segments.getByRole("row", { name: /DE/ })).toContainText("90.0%");

  const disagreeing = page.getByTestId("shadow-disagreeing-row");
  await expect(disagreeing).toHaveCount(6);
  await expect(disagreeing.first()).toContainText("shadow-demo-055");
  const details = disagreeing.first().getByText("3 features");
  await details.focus();
  await page.keyboard.press("Enter");
  await expect(disagreeing.first().getByText("country")).toBeVisible();
  await expect(disagreeing.first()).toContainText("FR");

  await expect(page.getByTestId("shadow-score-histogram")).toBeVisible();
  await expect(page.getByTestId("shadow-latency")).toContainText("4.00");
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, "shadow-detail");
});
