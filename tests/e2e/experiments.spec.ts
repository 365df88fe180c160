import { expect, type Page, test } from "@playwright/test";
import { formatLift } from "../../lib/charts/experiment-format";
import { formatInteger } from "../../lib/charts/format";
import type { ExperimentResults } from "../../lib/experiments/schemas";
import { api, hasHorizontalScroll, screenshot } from "./helpers";

// A model of its own, "ab-demo": 300 predictions of v1 and 200 of v2 over the last 40 hours (a 60/40 split
// against 50/50 weights: χ² = 20, p ≈ 8e-6, so the SRM banner shows), "conversion" events on 1/6 of v1's
// and 37.5% of v2's predictions (lift +125%, z ≈ 5), labels (accuracy 0.8 for v1, 0.875 for v2), and v2
// answering 20 ms slower (the latency guardrail regresses). The experiment itself is created through the form.
const MODEL = "ab-demo";
const KEY = "ab-e2e";
const HOUR = 3_600_000;

async function send(path: string, body: unknown): Promise<void> {
  const res = await api("POST", path, body);
  if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${(await res.text()).slice(0, 500)}`);
}

function seedRows(now: number) {
  const predictions = [];
  const labels = [];
  const events = [];
  for (let i = 0; i < 500; i++) {
    const treatment = i % 5 >= 3; // 2 of every 5 → 200 of 500
    const id = `ab-demo-${String(i).padStart(4, "0")}`;
    const ts = new Date(now - 40 * HOUR + i * 4.8 * 60_000).toISOString();
    const prediction = i % 2;
    predictions.push({
      id,
      model: MODEL,
      version: treatment ? "v2" : "v1",
      timestamp: ts,
      features: { basket: i % 7 },
      prediction,
      score: prediction ? 0.8 : 0.2,
      latencyMs: (treatment ? 60 : 40) + (i % 10),
    });
    const wrong = treatment ? i % 20 === 3 : i % 10 < 2;
    labels.push({ id, model: MODEL, label: wrong ? 1 - prediction : prediction, timestamp: ts });
    const converts = treatment ? i % 10 === 3 || i % 20 === 4 : i % 10 === 1;
    if (converts)
      events.push({
        id: `ab-conv-${i}`,
        model: MODEL,
        predictionId: id,
        name: "conversion",
        value: 1,
        timestamp: ts,
      });
  }
  return { predictions, labels, events };
}

/** A datetime-local value (local time) for an instant. */
function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

test.beforeAll(async () => {
  const { predictions, labels, events } = seedRows(Date.now());
  for (let i = 0; i < predictions.length; i += 100)
    await send("/api/v1/predictions", { predictions: predictions.slice(i, i + 100) });
  for (let i = 0; i < labels.length; i += 100)
    await send("/api/v1/labels", { labels: labels.slice(i, i + 100) });
  await send("/api/v1/events", { events });
});

async function fillForm(page: Page) {
  const form = page.getByTestId("experiment-form");
  await form.getByLabel("Key", { exact: true }).fill(KEY);
  await form.getByLabel("Model", { exact: true }).selectOption(MODEL);
  await form.getByLabel("Name (optional)").fill("Ranker v2 vs v1");
  await form.getByLabel("Variant 1 version").fill("v1");
  await form.getByLabel("Variant 2 version").fill("v2");
  await form.getByLabel("Event name").fill("conversion");
  await form.getByLabel("Type", { exact: true }).selectOption("binary");
  await form.getByRole("button", { name: "Add metric" }).click();
  await form.getByLabel("latency p95").check();
  await form.getByLabel("Start (optional)").fill(localInput(Date.now() - 3 * 24 * HOUR));
  return form;
}

test("create an experiment in the form, read its verdict, stop it", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/experiments");
  await expect(page.getByRole("heading", { name: "Experiments", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Experiments" }),
  ).toHaveAttribute("aria-current", "page");
  await page.getByTestId("experiment-new").click();
  const form = await fillForm(page);

  // Weights 0.5 + 0.4: refused in the browser, the message next to the variants.
  await form.getByLabel("Variant 2 weight").fill("0.4");
  await expect(page.getByTestId("experiment-weight-sum")).toContainText("(must be 1)");
  await form.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByTestId("issue-variants")).toContainText("weights must sum to 1 (they sum to 0.9)");
  await screenshot(page, "experiments-form-invalid");

  await form.getByRole("button", { name: "Split evenly" }).click();
  await expect(page.getByTestId("issue-variants")).toHaveCount(0);
  await form.getByRole("button", { name: "Create experiment" }).click();
  await page.waitForURL(`**/experiments/${KEY}`);

  // The verdict first, with the API's own numbers.
  const res = await api("GET", `/api/v1/experiments/${KEY}/results`);
  expect(res.status).toBe(200);
  const results = (await res.json()) as ExperimentResults;
  await expect(page.getByTestId("experiment-decision")).toHaveText(results.decision);
  expect(results.srm.flagged).toBe(true);
  const srm = page.getByTestId("experiment-srm");
  await expect(srm).toBeVisible();
  await expect(srm).toContainText(
    `control: ${formatInteger(results.srm.observed[0])} observed vs 250 expected`,
  );
  await expect(srm).toContainText("treatment: 200 observed vs 250 expected");

  const rows = page.getByTestId("experiment-variant-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("300");
  await expect(rows.nth(1)).toContainText("200");
  await expect(rows.nth(1)).toContainText("v2");

  const conversion = results.comparisons.find((c) => c.metric === "conversion" && c.variant === "treatment");
  expect(conversion?.lift).toBeCloseTo(1.25, 6);
  const lift = page.getByTestId("lift-chart-conversion").getByTestId("lift-row");
  await expect(lift.getByTestId("lift-value")).toHaveText(formatLift(conversion!.lift));
  await expect(lift.getByTestId("lift-bar")).toBeVisible();
  await expect(lift).toHaveAttribute("data-tone", conversion!.significant ? "better" : "inconclusive");
  await expect(page.getByTestId("experiment-guardrails")).toContainText("latency p95");
  await expect(page.getByTestId("experiment-timeline").locator("svg.recharts-surface").first()).toBeVisible();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, "experiment-page");

  // The list shows it with its units and the SRM flag.
  await page.goto("/experiments");
  const row = page.getByTestId("experiment-row").filter({ hasText: "Ranker v2 vs v1" });
  await expect(row).toContainText(MODEL);
  await expect(row).toContainText("500");
  await expect(row).toContainText("SRM");
  await screenshot(page, "experiments-list");

  // Stop it, after confirming.
  await row.getByRole("link", { name: "Ranker v2 vs v1" }).click();
  await page.waitForURL(`**/experiments/${KEY}`);
  await page.getByTestId("experiment-status").click();
  await page.getByTestId("experiment-status-confirm").click();
  await expect(page.getByTestId("experiment-status")).toHaveText("Resume");
  await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("stopped");
  const after = await api("GET", `/api/v1/experiments/${KEY}`);
  expect(((await after.json()) as { experiment: { status: string } }).experiment.status).toBe("stopped");
});

test("the experiment page reads on a phone and in the dark theme", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/experiments/${KEY}`);
  await expect(page.getByTestId("experiment-verdict")).toBeVisible();
  await expect(page.getByTestId("lift-chart-conversion")).toBeVisible();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, "experiment-page-390");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  await screenshot(page, "experiment-page-dark");
  await page.goto("/experiments");
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  await page.getByTestId("experiment-new").click();
  await expect(page.getByTestId("experiment-form")).toBeVisible();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, "experiments-form-dark");
});
