import { expect, type Page, test } from "@playwright/test";
import { E2E_PORT } from "./env.mjs";
import { hasHorizontalScroll, screenshot, viewerPage } from "./helpers";

// Metric names only this spec writes.
const METRIC = "e2e_import_backfill";
const SAMPLES = 300;
/** The line that has no timestamp (1-based; lines 1–2 are HELP and TYPE). */
const BAD_LINE = 103;

/** An OpenMetrics file: SAMPLES samples one minute apart ending now, one line without a timestamp, # EOF. */
function openMetricsFile(): Buffer {
  const end = Math.floor(Date.now() / 1000) - 60;
  const lines = [`# HELP ${METRIC} Backfilled by the import e2e test.`, `# TYPE ${METRIC} gauge`];
  for (let i = 0; i < SAMPLES; i++) {
    if (lines.length + 1 === BAD_LINE) lines.push(`${METRIC}{shard="b"} 7`);
    lines.push(`${METRIC}{shard="a"} ${(i % 50) + 0.5} ${end - (SAMPLES - 1 - i) * 60}`);
  }
  lines.push("# EOF");
  return Buffer.from(`${lines.join("\n")}\n`);
}

function importButton(page: Page) {
  return page.getByRole("button", { name: "Import", exact: true });
}

test("an OpenMetrics file uploads with progress, reports its bad line and opens in Explore", async ({
  page,
}) => {
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Import", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(importButton(page)).toBeDisabled();

  // The picker opens from the keyboard: the real file input is focusable and Enter opens it.
  const input = page.getByLabel("Choose a file");
  await input.focus();
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Enter");
  await (await chooser).setFiles({ name: "backfill.om", mimeType: "text/plain", buffer: openMetricsFile() });

  await expect(page.getByTestId("import-file")).toContainText("backfill.om");
  await expect(page.getByTestId("import-detected")).toContainText("OpenMetrics");
  await expect(page.getByTestId("import-detected")).toContainText(".om");
  await importButton(page).click();

  const bar = page.getByRole("progressbar", { name: "Upload progress" });
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("import-progress-label")).toContainText(
    /100% · \d+(\.\d)? KiB of \d+(\.\d)? KiB/,
  );
  await expect(page.getByTestId("import-verdict")).toContainText("Imported with problems");
  await expect(page.getByTestId("import-count-stored")).toHaveText(String(SAMPLES));
  await expect(page.getByTestId("import-count-rejected")).toHaveText("1");
  const errorRow = page.getByTestId("import-errors").locator("tbody tr");
  await expect(errorRow).toHaveCount(1);
  await expect(errorRow.locator("td").first()).toHaveText(String(BAD_LINE));
  await expect(page.getByTestId("import-errors-note")).toHaveCount(0);
  await screenshot(page, "import-1280");
  if (process.env.UPDATE_DOCS_SCREENSHOTS) {
    await page.screenshot({ path: "docs/screenshots/import.png", fullPage: true });
  }

  await page.getByTestId("import-explore-link").click();
  await expect(page).toHaveURL(new RegExp(`/explore\\?q=${METRIC}&mode=graph&range=`));
  await expect(page.getByTestId("explore-graph").locator("path.recharts-curve").first()).toBeAttached();
  await expect(page.getByTestId("graph-legend")).toContainText('shard="a"');
});

test("a file with no valid line says nothing was stored and lists every line", async ({ page }) => {
  await page.goto("/import");
  const text = ["# TYPE e2e_import_nothing gauge", "e2e_import_nothing 1", 'e2e_import_nothing{x="y"} 2', ""];
  await page.getByLabel("Choose a file").setInputFiles({
    name: "no-timestamps.prom",
    mimeType: "text/plain",
    buffer: Buffer.from(text.join("\n")),
  });
  await expect(page.getByTestId("import-detected")).toContainText("Prometheus text");
  await importButton(page).click();
  const alert = page.getByRole("alert").filter({ hasText: "Nothing was stored" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("2 problems");
  await expect(page.getByTestId("import-count-stored")).toHaveText("0");
  await expect(page.getByTestId("import-count-rejected")).toHaveText("2");
  const lines = page.getByTestId("import-errors").locator("tbody tr td:first-child");
  await expect(lines).toHaveText(["2", "3"]);
  await expect(page.getByTestId("import-explore-link")).toHaveCount(0);
  await screenshot(page, "import-error-1280");
});

test("a dropped file is taken, Space opens the picker, the format can be overridden, Cancel aborts", async ({
  page,
}) => {
  // Hold the request at the network layer so the upload cannot finish before Cancel.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let seen: { url: string; contentType: string | undefined } | null = null;
  await page.route("**/api/v1/import/prometheus**", async (route) => {
    seen = { url: route.request().url(), contentType: route.request().headers()["content-type"] };
    await held;
    await route.abort().catch(() => {});
  });

  await page.goto("/import");
  // A file dropped on the zone is taken like a chosen one.
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(
      new File(["# TYPE x gauge\nx 1 1700000000\n# EOF\n"], "dropped.txt", { type: "text/plain" }),
    );
    return dt;
  });
  const zone = page.getByTestId("import-drop-zone");
  await zone.dispatchEvent("dragover", { dataTransfer });
  await expect(zone).toHaveAttribute("data-over", "true");
  await zone.dispatchEvent("drop", { dataTransfer });
  await expect(zone).not.toHaveAttribute("data-over");
  await expect(page.getByTestId("import-file")).toContainText("dropped.txt");
  await expect(page.getByTestId("import-detected")).toContainText("“# EOF” line");

  const input = page.getByLabel("Choose a file");
  await input.focus();
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (await chooser).setFiles({
    name: "export.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(`${METRIC}_cancelled 1 1700000000000\n`),
  });
  await expect(page.getByTestId("import-detected")).toContainText("Read as Prometheus text");
  await page.getByLabel("Format").selectOption("openmetrics");
  await expect(page.getByTestId("import-detected")).toContainText("reading as OpenMetrics as chosen");

  await importButton(page).click();
  await expect(page.getByRole("button", { name: "Importing…" })).toBeDisabled();
  await expect.poll(() => seen).not.toBeNull();
  expect(seen!.url).toContain("format=openmetrics");
  expect(seen!.contentType).toMatch(/^application\/openmetrics-text/);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("import-cancelled")).toContainText("Cancelled after sending");
  await expect(page.getByTestId("import-result")).toHaveCount(0);
  await expect(importButton(page)).toBeEnabled();
  release();
});

test("a user who is not an admin is told that only admins can import", async ({ browser }) => {
  const { context, page } = await viewerPage(browser);
  await page.goto("/import");
  await expect(page.getByTestId("import-admin-notice")).toContainText("Only admins can import");
  await expect(page.getByTestId("import-admin-notice")).toContainText("viewer");
  await page.getByLabel("Choose a file").setInputFiles({
    name: "x.prom",
    mimeType: "text/plain",
    buffer: Buffer.from("x 1 1700000000000\n"),
  });
  await expect(importButton(page)).toBeDisabled();
  // The server agrees.
  const res = await page.request.post("/api/v1/import/prometheus", {
    headers: { "content-type": "text/plain", origin: `http://127.0.0.1:${E2E_PORT}` },
    data: "x 1 1700000000000\n",
  });
  expect(res.status()).toBe(403);
  await context.close();
});

test("at 390px the import page has no horizontal scroll", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/import");
  await expect(page.getByLabel("Choose a file")).toBeAttached();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, "import-390");
});
