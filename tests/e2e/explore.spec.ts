import { expect, type Page, test } from "@playwright/test";
import { hasHorizontalScroll, screenshot } from "./helpers";

// The worker writes vigil_model_accuracy{model="recommender",version="v1"|"v2",window="1h"|"1d"} over 48h.
const TABLE_QUERY = 'last_over_time(vigil_model_accuracy{model="recommender"}[2d])';
// Quality points sit at each window's start; last_over_time carries them across the hour (see docs/promql.md).
const GRAPH_QUERY = 'last_over_time(vigil_model_accuracy{model="recommender",window="1h"}[1h])';

function editor(page: Page) {
  return page.getByTestId("promql-input");
}

/** Types into the CodeMirror editor (as text, so auto-closed brackets do not double) and runs with Enter. */
async function runQuery(page: Page, query: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  await page.keyboard.insertText(query);
  await page.keyboard.press("Escape"); // close the completion list, so Enter runs the query
  await page.keyboard.press("Enter");
}

test("a query runs as a table, then as a graph, and the URL reproduces the view", async ({ page }) => {
  await page.goto("/explore");
  await expect(page.getByText("Write a PromQL expression and press Enter")).toBeVisible();
  await runQuery(page, TABLE_QUERY);
  await expect(page).toHaveURL(/mode=table/);
  const rows = page.getByTestId("explore-table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("result-stats")).toContainText(/\d+ series · \d+(\.\d+)? m?s/);
  await expect(page.getByTestId("explore-table")).toContainText('version="v2"');
  // Sort by value, descending then ascending: the header says which.
  const valueHeader = page.getByRole("columnheader", { name: "Value" });
  await valueHeader.getByRole("button").click();
  await expect(valueHeader).toHaveAttribute("aria-sort", "ascending");
  await screenshot(page, "explore-table-1280");

  await runQuery(page, GRAPH_QUERY);
  await page.getByRole("button", { name: "Graph", exact: true }).click();
  await page.getByRole("button", { name: "24h", exact: true }).click();
  await expect(page).toHaveURL(/mode=graph/);
  await expect(page).toHaveURL(/range=24h/);
  const graph = page.getByTestId("explore-graph");
  await expect(graph.locator("path.recharts-curve").first()).toBeAttached();
  expect(await graph.locator("path.recharts-curve").count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("graph-legend")).toContainText('version="v1"');
  await screenshot(page, "explore-graph-1280");

  await page.getByRole("button", { name: "Stacked" }).click();
  await expect(page).toHaveURL(/stacked=1/);
  await expect(graph.locator("path.recharts-area-area").first()).toBeAttached();

  // A fresh page from the link shows the same query and graph.
  const url = page.url();
  await page.goto("about:blank");
  await page.goto(url);
  await expect(editor(page)).toContainText(GRAPH_QUERY);
  await expect(page.getByRole("button", { name: "Graph", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByTestId("explore-graph").locator("path.recharts-area-area").first()).toBeAttached();

  // The history holds both queries; picking one runs it again.
  const history = page.getByTestId("query-history");
  await history.locator("summary").click();
  await history.getByRole("button", { name: TABLE_QUERY }).click();
  await expect(editor(page)).toContainText(TABLE_QUERY);
  await expect(page).toHaveURL(/last_over_time/);
});

test("a syntax error is shown under the editor with its position", async ({ page }) => {
  await page.goto("/explore");
  await runQuery(page, "sum(rate(vigil_predictions_total[5m]) by");
  const error = page.getByTestId("query-error");
  await expect(error).toBeVisible();
  await expect(error).not.toBeEmpty();
  await expect(page.getByTestId("explore-result")).toHaveCount(0);
  await screenshot(page, "explore-error-1280");
  // Fixing the query clears the error.
  await runQuery(page, "sum(vigil_predictions_total)");
  await expect(error).toHaveCount(0);
});

test("an example query from the empty state runs", async ({ page }) => {
  await page.goto("/explore");
  await page.getByRole("button", { name: 'vigil_model_accuracy{window="1h"}' }).click();
  await expect(page).toHaveURL(/q=vigil_model_accuracy/);
  await expect(page.getByTestId("explore-result")).toBeVisible();
});

test("at 390px the explore page has no horizontal scroll", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/explore?q=${encodeURIComponent(GRAPH_QUERY)}&mode=graph&range=24h`);
  await expect(page.getByTestId("explore-graph").locator("path.recharts-curve").first()).toBeAttached();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, "explore-graph-390");
  await page.goto(`/explore?q=${encodeURIComponent(TABLE_QUERY)}&mode=table`);
  await expect(page.getByTestId("explore-table").locator("tbody tr").first()).toBeVisible();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, "explore-table-390");
});

test("the editor completes metric names and label values from Vigil's API", async ({ page }) => {
  await page.goto("/explore");
  await editor(page).click();
  await page.keyboard.type("vigil_model_acc");
  const completions = page.locator(".cm-tooltip-autocomplete");
  await expect(completions).toBeVisible();
  await expect(completions).toContainText("vigil_model_accuracy");
  await page.keyboard.press("Escape");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  await page.keyboard.insertText('vigil_model_accuracy{model="');
  await page.keyboard.press("ControlOrMeta+Space");
  await expect(completions).toContainText("recommender");
  await screenshot(page, "explore-completion-1280");
});
