import { expect, test } from "@playwright/test";
import { hasHorizontalScroll, screenshot } from "./helpers";

test("overview lists the seeded models with numbers", async ({ page }) => {
  await page.goto("/");
  const table = page.getByTestId("models-table");
  await expect(table).toBeVisible();
  const rec = table.getByRole("row").filter({ has: page.getByRole("link", { name: "recommender" }) });
  await expect(rec).toBeVisible();
  await expect(rec).toContainText("binary");
  await expect(rec).toContainText(/\d+%/); // label coverage / accuracy
  await expect(rec).toContainText("v1");
  await expect(rec).toContainText("v2");
  await expect(rec.locator(".recharts-area-curve")).toHaveCount(1); // volume sparkline
  const size = table.getByRole("row").filter({ has: page.getByRole("link", { name: "ranker-size" }) });
  await expect(size).toContainText("regression");
  await expect(size).toContainText("MAE");
  await screenshot(page, "overview-1280");
});

test("overview filter narrows the list and sort toggles", async ({ page }) => {
  await page.goto("/");
  const table = page.getByTestId("models-table");
  await expect(table.getByRole("link", { name: "recommender" })).toBeVisible();
  await page.getByLabel("Filter models").fill("regression");
  await expect(table.getByRole("link", { name: "recommender" })).toHaveCount(0);
  await expect(table.getByRole("link", { name: "ranker-size" })).toBeVisible();
  await page.getByLabel("Filter models").fill("");
  await page.getByRole("button", { name: "Model" }).click();
  await expect(page.getByRole("columnheader", { name: "Model" })).toHaveAttribute("aria-sort", "descending");
});

test("at 390px the overview shows cards without horizontal scroll", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const cards = page.getByTestId("models-cards");
  await expect(cards.getByRole("link", { name: "recommender" })).toBeVisible();
  await expect(page.getByTestId("models-table")).toBeHidden();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, "overview-390");
});

test("the theme toggle switches and remembers the theme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "light");
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
});
