import { expect, test } from "@playwright/test";
import { hasHorizontalScroll, screenshot } from "./helpers";

test("a model page renders its charts, summary and confusion matrix", async ({ page }) => {
  await page.goto("/models/recommender?range=7d");
  await expect(page.getByRole("heading", { name: "recommender" })).toBeVisible();
  await expect(page.getByTestId("verdict")).toContainText(/v[12]/);
  for (const id of ["volume-panel", "metric-panel", "delay-panel"]) {
    await expect(page.getByTestId(id).locator("path.recharts-curve").first()).toBeAttached();
  }
  const cells = page.getByTestId("confusion-cell");
  await expect(cells).toHaveCount(4);
  const counts = await cells.locator("div.font-semibold").allTextContents();
  const total = counts.reduce((s, c) => s + Number(c.replace(/,/g, "")), 0);
  expect(total).toBeGreaterThan(100);
  await page.getByRole("button", { name: "F1", exact: true }).click();
  await expect(page.getByTestId("metric-panel")).toContainText("F1 over time");
  await screenshot(page, "model-1280");
});

test("a regression model shows error metrics instead of a confusion matrix", async ({ page }) => {
  await page.goto("/models/ranker-size?range=7d");
  await expect(page.getByTestId("metric-panel")).toContainText("MAE over time");
  await expect(page.getByTestId("metric-panel").locator("path.recharts-curve").first()).toBeAttached();
  await expect(page.getByTestId("confusion-panel")).toHaveCount(0);
  await expect(page.getByTestId("summary")).toContainText("RMSE");
});

test("the time-range picker and version filter change the URL", async ({ page }) => {
  await page.goto("/models/recommender");
  await page.getByRole("button", { name: "7d" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByRole("button", { name: "7d" })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Version", { exact: true }).selectOption("v2");
  await expect(page).toHaveURL(/range=7d&version=v2/);
  await expect(page.getByTestId("confusion-panel")).toContainText("version v2");
  await page.getByRole("button", { name: "Custom" }).click();
  await page.getByLabel("From", { exact: true }).fill("2026-01-01T00:00");
  await page.getByLabel("To", { exact: true }).fill("2026-01-02T00:00");
  await page.getByLabel("To", { exact: true }).press("Enter");
  await expect(page).toHaveURL(/from=.*&to=.*&version=v2/);
  await page.getByRole("button", { name: "1h" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/range=1h/);
});

test("an unknown model shows a not-found message", async ({ page }) => {
  await page.goto("/models/does-not-exist");
  await expect(page.getByTestId("model-not-found")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Model not found" })).toBeVisible();
});

test("at 390px the model page has no horizontal scroll", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/models/recommender?range=7d");
  await expect(page.getByTestId("confusion-cell").first()).toBeVisible();
  await expect(page.getByTestId("volume-panel").locator("path.recharts-curve").first()).toBeAttached();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, "model-390");
});

test("the dark theme applies before paint from the stored choice", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("vigil-theme", "dark"));
  await page.goto("/models/recommender?range=7d");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByTestId("confusion-cell").first()).toBeVisible();
  await expect(page.getByTestId("volume-panel").locator("path.recharts-curve").first()).toBeAttached();
  await screenshot(page, "model-1280-dark");
});

test("a model without labels says how to send them, with the endpoint", async ({ page }) => {
  await page.goto("/models/fraud-waiting?range=24h");
  await expect(page.getByText("No labels yet").first()).toBeVisible();
  await expect(page.getByText(/\/api\/v1\/labels/).first()).toBeVisible();
  await page.goto("/");
  const row = page.getByRole("row").filter({ hasText: "fraud-waiting" });
  await expect(row.getByText("no labels")).toBeVisible();
});
