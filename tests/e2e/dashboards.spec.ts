import { readFileSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { DEMO_DASHBOARD_UID, demoDashboard } from "../../lib/simulator/dashboard";
import { E2E_API_KEY, E2E_PORT } from "./env.mjs";
import { api, screenshot, viewerPage } from "./helpers";

// The seed has vigil_model_accuracy{model="recommender",version="v1"|"v2",window="1h"} over the last 48 hours.
const QUERY = 'last_over_time(vigil_model_accuracy{model="$model",window="1h"}[1h])';

/** "x,y,w,h" of a panel on the grid. */
const gridOf = (page: Page, index: number) =>
  page.getByTestId("grid-item").nth(index).getAttribute("data-grid");

async function drag(page: Page, handle: Locator, dx: number, dy: number): Promise<void> {
  const box = (await handle.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  // In steps, as a hand would: the grid follows the pointer.
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}

test("build a dashboard: variable, panel, layout by mouse and keyboard, save, URL state, export and import", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const title = `E2E dashboard ${Date.now()}`;
  await page.goto("/dashboards");
  await page.getByTestId("new-dashboard-title").fill(title);
  await page.getByTestId("create-dashboard").click();
  await expect(page).toHaveURL(/\/dashboards\/[A-Za-z0-9_-]+$/);
  const uid = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByTestId("dashboard-title")).toHaveText(title);

  // A `model` variable, defaulting to the seeded recommender.
  await page.getByTestId("edit-dashboard").click();
  await page.getByTestId("dashboard-settings-button").click();
  const settings = page.getByTestId("dashboard-settings");
  await settings.getByRole("button", { name: "Add variable" }).click();
  await settings.getByLabel("Default", { exact: true }).fill("recommender");
  await settings.getByTestId("settings-apply").click();
  await expect(page.getByTestId("variable-model")).toHaveValue("recommender");

  // A time series panel over the seeded accuracy series, previewed, then on the grid.
  await page.getByTestId("add-panel").click();
  const editor = page.getByTestId("panel-editor");
  await editor.getByTestId("panel-title").fill("Accuracy of $model");
  await editor.getByTestId("promql-input").click();
  await page.keyboard.insertText(QUERY);
  await editor.getByLabel("Series name").fill("{{version}}");
  await editor.getByRole("button", { name: "Run queries" }).click();
  await expect(editor.getByTestId("panel-preview").locator(".recharts-line").first()).toBeVisible();
  await editor.getByTestId("panel-apply").click();
  await expect(editor).toBeHidden();
  const panel = page.getByTestId("dashboard-panel").first();
  await expect(panel.getByRole("heading", { name: "Accuracy of recommender" })).toBeVisible();
  await expect(panel.locator(".recharts-line")).toHaveCount(2);
  await expect(panel.getByTestId("panel-legend")).toContainText("v1");

  // A copy of it lands beside it.
  await panel.getByTestId("panel-menu").click();
  await page.getByRole("menuitem", { name: "Duplicate" }).click();
  await expect(page.getByTestId("grid-item")).toHaveCount(2);
  expect(await gridOf(page, 0)).toBe("0,0,12,8");
  expect(await gridOf(page, 1)).toBe("12,0,12,8");

  // Mouse: two columns wider pushes the copy down; then the copy dragged back up to the top left.
  const grid = (await page.getByTestId("dashboard-grid").boundingBox())!;
  const column = (grid.width + 8) / 24;
  await drag(page, page.getByTestId("resize-handle").first(), 2 * column, 0);
  expect(await gridOf(page, 0)).toBe("0,0,14,8");
  expect(await gridOf(page, 1)).toBe("12,8,12,8");
  await drag(page, page.getByTestId("move-handle").nth(1), -12 * column, -8 * 38);
  expect(await gridOf(page, 1)).toBe("0,0,12,8");
  expect(await gridOf(page, 0)).toBe("0,8,14,8");

  // Keyboard: the first panel moves up past the copy, one column right, and gets a row taller and a column narrower.
  const move = page.getByTestId("move-handle").first();
  await move.focus();
  await page.keyboard.press("ArrowUp");
  expect(await gridOf(page, 0)).toBe("0,0,14,8");
  await page.keyboard.press("ArrowRight");
  expect(await gridOf(page, 0)).toBe("1,0,14,8");
  await expect(page.getByTestId("grid-announcement")).toContainText("column 2, row 1");
  const resize = page.getByTestId("resize-handle").first();
  await resize.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowLeft");
  expect(await gridOf(page, 0)).toBe("1,0,13,9");
  const layout = [await gridOf(page, 0), await gridOf(page, 1)];

  // Save, reload: the layout is kept.
  await page.getByTestId("save-dashboard").click();
  await expect(page.getByText("version 2")).toBeVisible();
  await page.getByTestId("done-editing").click();
  await page.reload();
  await expect(page.getByTestId("grid-item")).toHaveCount(2);
  expect([await gridOf(page, 0), await gridOf(page, 1)]).toEqual(layout);
  await expect(page.getByTestId("move-handle")).toHaveCount(0);
  await screenshot(page, "dashboard-built");

  // A variable and the time range go to the URL, and the panels query again with them.
  const rerun = page.waitForRequest(
    (r) => r.url().includes("query_range") && r.url().includes("ranker-size"),
  );
  await page.getByTestId("variable-model").selectOption("ranker-size");
  await expect(page).toHaveURL(/var-model=ranker-size/);
  await rerun;
  await expect(page.getByRole("heading", { name: "Accuracy of ranker-size" }).first()).toBeVisible();
  const sixHours = page.waitForRequest((r) => {
    if (!r.url().includes("query_range")) return false;
    const u = new URL(r.url());
    return Number(u.searchParams.get("end")) - Number(u.searchParams.get("start")) <= 6 * 3600 + 600;
  });
  await page.getByLabel("Time range").selectOption("now-6h");
  await expect(page).toHaveURL(/from=now-6h&to=now/);
  await sixHours;
  // The URL alone reproduces the view.
  await page.goto(`/dashboards/${uid}?from=now-2d&to=now&refresh=off&var-model=recommender`);
  await expect(page.getByLabel("Time range")).toHaveValue("now-2d");
  await expect(page.getByTestId("variable-model")).toHaveValue("recommender");
  await expect(page.getByTestId("dashboard-panel").first().locator(".recharts-line")).toHaveCount(2);

  // Export the JSON, then import it as a copy.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export JSON" }).click();
  const file = await download;
  const exported = JSON.parse(readFileSync((await file.path())!, "utf8")) as { uid: string; title: string };
  expect(exported).toMatchObject({ uid, title });
  await page.goto("/dashboards");
  await page.getByTestId("import-dashboard").click();
  await page.getByTestId("import-file").setInputFiles({
    name: "dashboard.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await expect(page.getByTestId("import-summary")).toContainText(title);
  // Keeping the uid is refused: that dashboard exists.
  await page.getByTestId("import-keep").click();
  await expect(page.getByTestId("import-error")).toContainText("overwrite");
  await page.getByTestId("import-copy").click();
  await expect(page.getByTestId("dashboard-title")).toHaveText(`${title} (copy)`);
  expect(new URL(page.url()).pathname).not.toBe(`/dashboards/${uid}`);
  await expect(page.getByTestId("grid-item")).toHaveCount(2);

  // A viewer sees the dashboard, read-only.
  const viewer = await viewerPage(page.context().browser()!, "dash-viewer");
  try {
    await viewer.page.goto(`/dashboards/${uid}`);
    await expect(viewer.page.getByTestId("dashboard-title")).toHaveText(title);
    await expect(viewer.page.getByText("view only")).toBeVisible();
    await expect(viewer.page.getByTestId("dashboard-panel").first().locator(".recharts-line")).toHaveCount(2);
    await expect(viewer.page.getByTestId("edit-dashboard")).toHaveCount(0);
    await expect(viewer.page.getByTestId("move-handle")).toHaveCount(0);
    await viewer.page.getByTestId("panel-menu").first().click();
    await expect(viewer.page.getByRole("menuitem")).toHaveText(["View JSON"]);
    await viewer.page.goto("/dashboards");
    await expect(viewer.page.getByTestId("dashboard-row").first()).toBeVisible();
    await expect(viewer.page.getByTestId("create-dashboard")).toHaveCount(0);
    await expect(viewer.page.getByTestId("import-dashboard")).toHaveCount(0);
  } finally {
    await viewer.context.close();
  }
});

test("a panel shows its query's error, and no data plainly", async ({ page }) => {
  await page.goto("/dashboards");
  await page.getByTestId("new-dashboard-title").fill(`States ${Date.now()}`);
  await page.getByTestId("create-dashboard").click();
  await expect(page.getByTestId("dashboard-title")).toBeVisible();
  await page.getByRole("button", { name: "Add a panel" }).click();
  const editor = page.getByTestId("panel-editor");
  await editor.getByTestId("promql-input").click();
  await page.keyboard.insertText("vigil_no_such_series");
  await editor.getByRole("button", { name: "Run queries" }).click();
  await expect(editor.getByTestId("panel-empty")).toContainText("No data in this range");
  await editor.getByTestId("panel-type").selectOption("stat");
  await editor.getByTestId("panel-apply").click();
  await expect(page.getByTestId("dashboard-panel")).toContainText("No data in this range");
  // A query that does not parse shows the parser's own message.
  await page.getByTestId("panel-menu").click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  await editor.getByTestId("promql-input").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText("sum(vigil_model_accuracy");
  await editor.getByRole("button", { name: "Run queries" }).click();
  await expect(editor.getByTestId("panel-error")).toContainText("parenthesis");
});

test("the demo dashboard draws every kind of panel", async ({ page }) => {
  // GPU samples like the demo's DCGM exporters, over the last two hours.
  const now = Date.now();
  const lines: string[] = [];
  for (let m = 120; m >= 0; m -= 5)
    for (const [host, gpu, base] of [
      ["node-a", "0", 40],
      ["node-a", "1", 70],
      ["node-b", "0", 95],
    ] as const)
      lines.push(
        `DCGM_FI_DEV_GPU_UTIL{Hostname="${host}",gpu="${gpu}"} ${base + (m % 20) / 4} ${now - m * 60_000}`,
      );
  const imported = await fetch(`http://127.0.0.1:${E2E_PORT}/api/v1/import/prometheus`, {
    method: "POST",
    headers: { authorization: `Bearer ${E2E_API_KEY}`, "content-type": "text/plain; version=0.0.4" },
    body: `${lines.join("\n")}\n`,
  });
  expect(imported.status, await imported.text()).toBe(200);
  const res = await api("POST", "/api/v1/dashboards/import?overwrite=true", demoDashboard());
  expect(res.status, await res.text()).toBeLessThan(300);

  await page.goto(`/dashboards/${DEMO_DASHBOARD_UID}?from=now-24h&to=now`);
  await expect(page.getByTestId("dashboard-title")).toHaveText("Recommender overview");
  await expect(page.getByTestId("grid-item")).toHaveCount(8);
  await expect(page.getByTestId("viz-stat").first()).toBeVisible();
  await expect(page.getByTestId("stat-value").first()).toContainText("%");
  await expect(page.getByTestId("viz-gauge")).toBeVisible();
  await expect(page.getByTestId("gauge-value")).toContainText("%");
  await expect(page.getByTestId("viz-bar")).toContainText("v1");
  await expect(page.getByTestId("viz-timeseries").first()).toBeVisible();
  await expect(page.getByTestId("viz-heatmap")).toContainText("node-b / GPU 0");
  await expect(page.getByTestId("confusion-matrix")).toBeVisible();
  await expect(page.getByTestId("panel-error")).toHaveCount(0);
  // the multi-value version variable starts with every version
  await page.getByTestId("variable-version").click();
  await expect(page.getByRole("checkbox", { name: "v1" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "v2" })).toBeChecked();
  // (the URL holds the values: the box follows once the page has moved to the new URL)
  await page.getByRole("checkbox", { name: "v2" }).click();
  await expect(page).toHaveURL(/var-version=v1(&|$)/);
  await expect(page.getByRole("checkbox", { name: "v2" })).not.toBeChecked();
  await page.keyboard.press("Escape");
  await expect(page.locator('[data-panel-id="accuracy-over-time"] .recharts-line')).toHaveCount(1);
  // Tall enough for the whole dashboard: a full-page capture would resize the charts while it shoots.
  await page.setViewportSize({ width: 1280, height: 1150 });
  await expect(page.locator('[data-panel-id="volume-over-time"] .recharts-line')).toHaveCount(2);
  await screenshot(page, "dashboard-demo");
});
