import { expect, type Page, test } from "@playwright/test";
import { api, hasHorizontalScroll, runWorker, screenshot } from "./helpers";

// A model of its own, seeded here (the global setup's models have no complete reference window): 120
// predictions 9 days ago (the default reference: the first 7 days), then 120 in the 10 whole hours before this
// one, where price, age and country shifted and discount went missing more often. `age` is tested with
// Wasserstein (drift settings), the others with Evidently's defaults for small data (K–S, chi-square, Z).
const MODEL = "drift-demo";
const HOUR = 3_600_000;

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function normal(rand: () => number, mean: number, sd: number): number {
  const u = Math.max(rand(), 1e-12);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function predictions(now: number, phase: "reference" | "current") {
  const rand = rng(phase === "reference" ? 11 : 12);
  const shifted = phase === "current";
  // The current rows fill the 10 whole hours before this one (12 an hour), so every tested hour has enough.
  const start = shifted ? Math.floor(now / HOUR) * HOUR - 10 * HOUR : now - 9 * 24 * HOUR;
  const spacing = shifted ? 5 * 60_000 : 12 * 60_000;
  return Array.from({ length: 120 }, (_, i) => {
    const price = normal(rand, shifted ? 80 : 50, 10);
    const features: Record<string, number | string> = {
      price: Number(price.toFixed(2)),
      age: Math.round(normal(rand, shifted ? 52 : 40, 8)),
      country: shifted
        ? (["FR", "US", "US", "FR", "US", "DE"][Math.floor(rand() * 6)] ?? "US")
        : rand() < 0.7
          ? "DE"
          : "FR",
      device: rand() < 0.5 ? "ios" : "android",
    };
    if (rand() >= (shifted ? 0.4 : 0.05)) features.discount = Number((rand() * 0.3).toFixed(3));
    const score = Math.min(0.99, Math.max(0.01, (price - 30) / 70));
    return {
      id: `drift-${phase}-${String(i).padStart(3, "0")}`,
      model: MODEL,
      version: "v1",
      timestamp: new Date(start + i * spacing).toISOString(),
      features,
      prediction: score >= 0.5 ? 1 : 0,
      score: Number(score.toFixed(3)),
    };
  });
}

async function send(path: string, body: unknown): Promise<void> {
  const res = await api(path.endsWith("/config") ? "PUT" : "POST", path, body);
  if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${(await res.text()).slice(0, 500)}`);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // Once per server: a worker restarted after a failed test finds the model there.
  if ((await api("GET", `/api/v1/models/${MODEL}/drift/config`)).status === 200) return;
  const now = Date.now();
  const labelsOf = (rows: ReturnType<typeof predictions>) =>
    rows.map((p) => ({
      id: p.id,
      model: MODEL,
      label: p.prediction,
      timestamp: new Date(Math.min(now - 1000, Date.parse(p.timestamp) + 60_000)).toISOString(),
    }));
  const reference = predictions(now, "reference");
  await send("/api/v1/predictions", { predictions: reference });
  await send("/api/v1/labels", { labels: labelsOf(reference) });
  await send(`/api/v1/models/${MODEL}/drift/config`, { columns: { age: { stattest: "wasserstein" } } });
  // The reference hours (labels included) are sketched first, so the current hours have a complete reference.
  runWorker();
  const current = predictions(now, "current");
  await send("/api/v1/predictions", { predictions: current });
  await send("/api/v1/labels", { labels: labelsOf(current) });
  runWorker();
});

async function openDriftTab(page: Page): Promise<void> {
  await page.goto(`/models/${MODEL}?range=24h`);
  const quality = page.getByRole("tab", { name: "Quality" });
  await expect(quality).toHaveAttribute("aria-selected", "true");
  await quality.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/range=24h&tab=drift/);
  const drift = page.getByRole("tab", { name: "Drift" });
  await expect(drift).toHaveAttribute("aria-selected", "true");
  await expect(drift).toBeFocused();
  await expect(drift).toHaveAttribute("tabindex", "0");
  await expect(quality).toHaveAttribute("tabindex", "-1");
}

function tableRows(page: Page) {
  return page.getByTestId("drift-table").locator("tbody tr");
}

test("the Drift tab summarises drift, sorts features and opens a feature's detail by keyboard", async ({
  page,
}) => {
  await openDriftTab(page);
  await expect(page.getByRole("tabpanel", { name: "Drift" })).toBeVisible();

  // Summary: 3 of 5 features drifted (price, age, country) → dataset drift, running since the first shifted hour.
  await expect(page.getByTestId("drift-verdict")).toHaveText("Dataset drift: 3 of 5 features drifted.");
  await expect(page.getByTestId("dataset-drift")).toContainText("yes");
  await expect(page.getByTestId("drift-share")).toContainText("dataset drift at ≥ 50%");
  await expect(page.getByTestId("drift-since")).toContainText(/since .*\(\d+h/);
  await expect(page.getByTestId("drift-reference")).toContainText("first 7 days");
  await expect(page.getByTestId("drift-method")).toContainText("exact");

  // Default order: drifted first, most past the threshold first; untouched features after.
  const rows = tableRows(page);
  await expect(rows).toHaveCount(5);
  const names = await rows.locator("th").allTextContents();
  expect(names.slice(0, 3).sort()).toEqual(["age", "country", "price"]);
  expect(names.slice(3).sort()).toEqual(["device", "discount"]);
  const table = page.getByTestId("drift-table");
  const drifted = table.getByRole("columnheader", { name: "Drifted" });
  await expect(drifted).toHaveAttribute("aria-sort", "descending");
  await expect(rows.first()).toContainText("drift");
  await expect(page.getByTestId("drift-table")).toContainText("Wasserstein");
  await expect(page.getByTestId("drift-table")).toContainText(/p = /);
  // discount's values did not move, its missing share did.
  await expect(rows.filter({ hasText: "discount" })).toContainText("missing share changed");
  // Sparklines: one line each.
  await expect(rows.filter({ hasText: "price" }).locator("path.recharts-curve").first()).toBeAttached();

  // Sort by name with the keyboard, then flip it with a click.
  const nameHeader = table.getByRole("columnheader", { name: "Feature" });
  await nameHeader.getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(drifted).not.toHaveAttribute("aria-sort", /.+/);
  expect(await rows.locator("th").allTextContents()).toEqual([
    "age",
    "country",
    "device",
    "discount",
    "price",
  ]);
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await expect(rows.first().locator("th")).toHaveText("price");

  // Prediction, score and label in their own section.
  await expect(page.getByTestId("drift-outputs-table")).toContainText("Prediction");
  await expect(page.getByTestId("drift-outputs-table")).toContainText("Score");

  // Open price's detail with Enter: URL state, focus on its heading, the three panels.
  await page.getByTestId("drift-table").getByRole("link", { name: "price" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/tab=drift&feature=price/);
  const detail = page.getByTestId("feature-detail");
  await expect(detail.getByRole("heading", { name: /price/ })).toBeFocused();
  await expect(detail).toContainText("Kolmogorov–Smirnov");
  await expect(
    page.getByTestId("drift-statistic-panel").locator(".recharts-reference-line line").first(),
  ).toBeAttached();
  await expect(
    page.getByTestId("drift-statistic-panel").locator("path.recharts-curve").first(),
  ).toBeAttached();
  await expect(page.getByTestId("drift-missing-panel")).toBeVisible();
  const distribution = page.getByTestId("drift-distribution");
  await expect(
    distribution.getByTestId("distribution-chart").or(distribution.getByText("Distribution not available")),
  ).toBeVisible();

  // A reload keeps the view (in the default order: the screenshot); Escape closes the detail and returns to
  // the row.
  await page.reload();
  await expect(page.getByTestId("feature-detail")).toBeVisible();
  await expect(
    page.getByTestId("drift-statistic-panel").locator("path.recharts-curve").first(),
  ).toBeAttached();
  await expect(page.getByTestId("drift-since")).toContainText("since");
  await expect(rows.first().locator("path.recharts-curve").first()).toBeAttached();
  await screenshot(page, "drift-1280");
  await page.screenshot({ path: "docs/screenshots/drift.png", fullPage: true });
  await page.getByTestId("feature-detail").getByRole("link", { name: /Close/ }).focus();
  await page.keyboard.press("Escape");
  await expect(page).not.toHaveURL(/feature=/);
  await expect(page.getByTestId("feature-detail")).toHaveCount(0);
  await expect(page.getByTestId("drift-table").getByRole("link", { name: "price" })).toBeFocused();

  // A row click opens too; the range picker keeps the tab and the feature.
  await rows.filter({ hasText: "country" }).locator("td").first().click();
  await expect(page).toHaveURL(/feature=country/);
  await expect(page.getByTestId("drift-distribution")).toBeVisible();
  // Prediction, score and label open the same detail.
  await page.getByTestId("drift-outputs-table").getByRole("link", { name: "Score" }).click();
  await expect(page).toHaveURL(/feature=__score__/);
  await expect(page.getByTestId("feature-detail").getByRole("heading", { name: /Score/ })).toBeVisible();
  await expect(
    page.getByTestId("drift-statistic-panel").locator("path.recharts-curve").first(),
  ).toBeAttached();
  await page.getByTestId("drift-table").getByRole("link", { name: "country" }).click();
  await expect(page).toHaveURL(/feature=country/);
  await page.getByRole("button", { name: "7d" }).click();
  await expect(page).toHaveURL(/range=7d&tab=drift&feature=country/);
  await page.getByRole("tab", { name: "Quality" }).click();
  await expect(page).toHaveURL(/range=7d$/);
  await expect(page.getByTestId("volume-panel")).toBeVisible();
});

test("at 390px the Drift tab shows cards without horizontal scroll, and it works in the dark theme", async ({
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem("vigil-theme", "dark"));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/models/${MODEL}?range=24h&tab=drift`);
  await expect(page.getByTestId("drift-verdict")).toContainText("Dataset drift");
  const cards = page.getByTestId("drift-table-cards");
  await expect(cards.getByRole("listitem")).toHaveCount(5);
  await expect(page.getByTestId("drift-table")).toBeHidden();
  await page.getByLabel("Sort features by").selectOption("name");
  await expect(cards.getByRole("listitem").first().getByRole("link")).toHaveText("age");
  await cards.getByRole("link", { name: "price" }).click();
  await expect(page.getByTestId("feature-detail")).toBeVisible();
  await expect(
    page.getByTestId("drift-statistic-panel").locator("path.recharts-curve").first(),
  ).toBeAttached();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, "drift-390-dark");
});
