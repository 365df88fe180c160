import { expect, type Page, test } from "@playwright/test";
import { api, hasHorizontalScroll, runWorker, screenshot, viewerPage } from "./helpers";

// The Drift tab's "Reference & settings", on a model of its own: 60 labeled predictions 9 days ago (the default
// reference), 60 in the 10 whole hours before this one. Each test starts from the default settings (PUT {}), so
// the tests do not depend on each other's order.
const MODEL = "drift-settings-e2e";
const HOUR = 3_600_000;
const ROWS = 60;

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The reference rows start here (9 days ago, on the hour), 12 minutes apart. */
function referenceStart(now: number): number {
  return Math.floor(now / HOUR) * HOUR - 9 * 24 * HOUR;
}

function predictions(now: number, phase: "reference" | "current") {
  const rand = rng(phase === "reference" ? 21 : 22);
  const shifted = phase === "current";
  const start = shifted ? Math.floor(now / HOUR) * HOUR - 10 * HOUR : referenceStart(now);
  const spacing = shifted ? 10 * 60_000 : 12 * 60_000;
  return Array.from({ length: ROWS }, (_, i) => {
    const price = (shifted ? 80 : 50) + (rand() - 0.5) * 20;
    return {
      id: `settings-${phase}-${String(i).padStart(3, "0")}`,
      model: MODEL,
      version: "v1",
      timestamp: new Date(start + i * spacing).toISOString(),
      features: {
        price: Number(price.toFixed(2)),
        age: Math.round(30 + rand() * 30),
        country: rand() < (shifted ? 0.3 : 0.7) ? "DE" : "FR",
      },
      prediction: price >= 60 ? 1 : 0,
      score: Number(Math.min(0.99, Math.max(0.01, (price - 30) / 70)).toFixed(3)),
    };
  });
}

async function send(method: string, path: string, body: unknown): Promise<void> {
  const res = await api(method, path, body);
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
  await send("POST", "/api/v1/predictions", { predictions: reference });
  await send("POST", "/api/v1/labels", { labels: labelsOf(reference) });
  runWorker();
  const current = predictions(now, "current");
  await send("POST", "/api/v1/predictions", { predictions: current });
  await send("POST", "/api/v1/labels", { labels: labelsOf(current) });
  runWorker();
});

test.beforeEach(async () => {
  await send("PUT", `/api/v1/models/${MODEL}/drift/config`, {});
});

/** "YYYY-MM-DDTHH:mm" in local time, for <input type="datetime-local"> (the browser runs in this time zone). */
function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The Drift tab with "Reference & settings" opened from the summary's reference line, by keyboard. */
async function openSettings(page: Page): Promise<void> {
  await page.goto(`/models/${MODEL}?range=24h&tab=drift`);
  await expect(page.getByTestId("drift-verdict")).toBeVisible();
  const toggle = page
    .getByTestId("drift-reference")
    .getByRole("button", { name: "Change reference & settings" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("drift-settings")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Reference & settings" })).toBeFocused();
  await expect(
    page.getByTestId("drift-reference").getByRole("button", { name: "Hide reference & settings" }),
  ).toHaveAttribute("aria-expanded", "true");
}

function csv(rows: number): Buffer {
  const rand = rng(7);
  const lines = ["price,age,country,label"];
  for (let i = 0; i < rows; i++) {
    const price = 50 + (rand() - 0.5) * 20;
    lines.push(
      `${price.toFixed(2)},${Math.round(30 + rand() * 30)},${rand() < 0.7 ? "DE" : '"FR"'},${price >= 50 ? 1 : 0}`,
    );
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

test("a pinned window becomes the reference, validated, and the default comes back", async ({ page }) => {
  await openSettings(page);
  const summaryRef = page.getByTestId("drift-reference");
  await expect(summaryRef).toContainText("first 7 days");
  const chooser = page.getByTestId("reference-chooser");
  await expect(chooser.getByTestId("reference-active")).toContainText("first 7 days (default)");
  const use = chooser.getByRole("button", { name: "Use this reference" });
  await expect(use).toBeDisabled();

  // Arrow keys move through the radio group.
  const byDefault = chooser.getByRole("radio", { name: /first 7 days/ });
  await expect(byDefault).toBeChecked();
  await byDefault.focus();
  await page.keyboard.press("ArrowDown");
  await expect(chooser.getByRole("radio", { name: /A window of predictions/ })).toBeChecked();

  // From after to: refused here, before the server sees it.
  const start = referenceStart(Date.now());
  await chooser.getByLabel("From").fill(localInput(start + 20 * HOUR));
  await chooser.getByLabel("To").fill(localInput(start + 2 * HOUR));
  await expect(chooser.getByRole("alert")).toHaveText("The start must be before the end.");
  await expect(chooser.getByLabel("To")).toHaveAttribute("aria-invalid", "true");
  await expect(use).toBeDisabled();

  // The first 6 hours of the reference days (30 predictions), version v1 only.
  await chooser.getByLabel("From").fill(localInput(start - HOUR));
  await chooser.getByLabel("To").fill(localInput(start + 6 * HOUR - 60_000));
  await expect(chooser.getByTestId("reference-problem")).toHaveCount(0);
  await chooser.getByLabel("Version", { exact: true }).selectOption("v1");
  await use.click();
  await expect(chooser.getByTestId("reference-saved")).toHaveText(
    "Saved: the reference is the pinned window.",
  );
  await expect(summaryRef).toContainText("pinned");
  await expect(summaryRef).toContainText("30 predictions");
  await expect(chooser.getByTestId("reference-active")).toContainText("pinned window");
  await expect(chooser.getByTestId("reference-active")).toContainText("version v1");
  await expect(use).toBeDisabled();
  const saved = (await (await api("GET", `/api/v1/models/${MODEL}/drift/config`)).json()) as {
    config: { reference: { from: string; to: string; version: string } };
  };
  expect(saved.config.reference).toEqual({
    from: new Date(start - HOUR).toISOString(),
    to: new Date(start + 6 * HOUR - 60_000).toISOString(),
    version: "v1",
  });
  await screenshot(page, "drift-settings-1280");

  // Back to the default.
  await chooser.getByRole("radio", { name: /first 7 days/ }).check();
  await use.click();
  await expect(chooser.getByTestId("reference-saved")).toHaveText(
    "Saved: back to the first 7 days of predictions.",
  );
  await expect(summaryRef).toContainText("first 7 days");
  await expect(summaryRef).toContainText(`${ROWS} predictions`);

  // Escape closes the section and puts focus back on the toggle.
  await chooser.getByRole("radio", { name: /first 7 days/ }).focus();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("drift-settings")).toHaveCount(0);
  await expect(summaryRef.getByRole("button", { name: "Change reference & settings" })).toBeFocused();
});

test("a CSV with a label column uploads with progress and becomes the reference", async ({ page }) => {
  await openSettings(page);
  const upload = page.getByTestId("reference-upload");
  await expect(upload.getByRole("button", { name: "Upload dataset" })).toBeDisabled();

  const input = page.getByLabel("Choose a dataset");
  await input.focus();
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Enter");
  await (await chooser).setFiles({ name: "train-e2e.csv", mimeType: "text/csv", buffer: csv(300) });

  await expect(upload.getByTestId("reference-file")).toContainText("train-e2e.csv");
  await expect(upload.getByTestId("reference-detected")).toContainText("Read as CSV: file name ends in .csv");
  await expect(upload.getByTestId("reference-columns-found")).toContainText(
    "4 columns (price, age, country, label)",
  );
  await expect(upload.getByLabel("Dataset name")).toHaveValue("train-e2e");
  await expect(upload.getByLabel("Make it the reference once uploaded")).toBeChecked();
  // The header's columns are the choices; "label" is guessed, chosen here explicitly anyway.
  const label = upload.getByLabel("Label column");
  await expect(label.locator("option")).toHaveText(["None", "price", "age", "country", "label"]);
  await label.selectOption("label");
  // Two roles on one column are refused.
  await upload.getByLabel("Prediction column").selectOption("label");
  await expect(upload.getByRole("alert")).toContainText("name the same column");
  await expect(upload.getByRole("button", { name: "Upload dataset" })).toBeDisabled();
  await upload.getByLabel("Prediction column").selectOption("");

  await upload.getByRole("button", { name: "Upload dataset" }).click();
  const bar = upload.getByRole("progressbar", { name: "Upload progress" });
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(upload.getByTestId("reference-progress-label")).toContainText(/100% · \d+(\.\d)? KiB sent/);
  await expect(upload.getByTestId("reference-upload-result")).toContainText(
    "Uploaded train-e2e: 300 rows, 4 columns.",
  );
  await expect(upload.getByTestId("reference-upload-result")).toContainText(
    "It is now the model's drift reference",
  );

  // The summary and the chooser follow; the dataset is listed, ready and the reference.
  const summaryRef = page.getByTestId("drift-reference");
  await expect(summaryRef).toContainText("train-e2e");
  await expect(summaryRef).toContainText("uploaded dataset");
  await expect(summaryRef).toContainText("300 rows");
  await expect(page.getByTestId("reference-active")).toContainText("uploaded dataset “train-e2e”");
  await expect(page.getByTestId("drift-method")).toContainText("sketch");
  const item = page.locator('[data-testid="reference-dataset"][data-name="train-e2e"]');
  await expect(item).toHaveAttribute("data-status", "ready");
  await expect(item).toContainText("reference");
  await expect(item).toContainText("300 rows");
  await item.getByText("4 columns").click();
  const columns = item.getByTestId("reference-columns");
  await expect(columns.locator("tbody tr")).toHaveCount(4);
  await expect(columns.locator("tbody tr").filter({ hasText: "country" })).toContainText("categorical");
  await expect(columns.locator("tbody tr").filter({ hasText: "label" })).toContainText(
    /label\s*numerical\s*300\s*2/,
  );
  // The label is tested against the dataset's label column.
  await expect(page.getByTestId("drift-outputs-table")).toContainText("Label");
  await screenshot(page, "drift-settings-upload-1280");

  // Deleting the reference dataset asks first; the model goes back to the default reference.
  await item.getByRole("button", { name: "Delete train-e2e" }).click();
  const confirm = item.getByTestId("reference-delete-confirm");
  await expect(confirm).toContainText("It is the reference");
  await confirm.getByRole("button", { name: "Delete dataset" }).click();
  await expect(item).toHaveCount(0);
  await expect(summaryRef).toContainText("first 7 days");
});

test("a column's test changes to PSI and the table uses it; the reference is kept", async ({ page }) => {
  const start = referenceStart(Date.now());
  const pinned = { from: new Date(start).toISOString(), to: new Date(start + 12 * HOUR).toISOString() };
  await send("PUT", `/api/v1/models/${MODEL}/drift/config`, { reference: pinned });
  await openSettings(page);
  const rows = page.getByTestId("drift-table").locator("tbody tr");
  await expect(rows.filter({ hasText: "price" })).toContainText("K–S");

  const form = page.getByTestId("drift-settings-columns");
  const table = form.getByTestId("settings-columns-table");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  // Only the tests that take the column's type: no TVD for a number, no K–S for a category.
  const priceTest = form.getByLabel("Test for price");
  await expect(priceTest.locator("option", { hasText: "Total variation" })).toHaveCount(0);
  await expect(form.getByLabel("Test for country").locator("option", { hasText: "Kolmogorov" })).toHaveCount(
    0,
  );
  // A model-wide K–S cannot test the categorical country: refused before saving.
  await form.getByLabel("Test for every column").selectOption("ks");
  await expect(form.getByText(/ks does not apply to .*“country”/)).toBeVisible();
  await expect(form.getByRole("button", { name: "Save settings" })).toBeDisabled();
  await form.getByLabel("Test for every column").selectOption("auto");
  // A threshold must be a number above 0.
  await form.getByLabel("Threshold for age").fill("-1");
  await expect(form.getByLabel("Threshold for age")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Threshold for age").fill("");

  await priceTest.selectOption("psi");
  await form.getByLabel("Dataset drift when at least this % of features drift").fill("40");
  await expect(form.getByTestId("settings-changes")).toContainText("2 unsaved changes");
  await expect(form.getByTestId("settings-changes")).toContainText("price: test auto → psi");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByTestId("settings-saved")).toContainText("Saved.");
  await expect(rows.filter({ hasText: "price" })).toContainText("PSI");
  await expect(table.locator('tr[data-column="price"]')).toContainText("PSI");
  await expect(page.getByTestId("drift-share")).toContainText("dataset drift at ≥ 40%");
  await expect(form.getByTestId("settings-changes")).toHaveCount(0);
  const saved = (await (await api("GET", `/api/v1/models/${MODEL}/drift/config`)).json()) as {
    config: unknown;
  };
  expect(saved.config).toEqual({
    reference: pinned,
    driftShare: 0.4,
    columns: { price: { stattest: "psi" } },
  });
  await expect(page.getByTestId("drift-reference")).toContainText("pinned");
});

test("a CSV with an unclosed quote is refused with the server's line, and the failed upload can be deleted", async ({
  page,
}) => {
  await openSettings(page);
  const upload = page.getByTestId("reference-upload");
  await page.getByLabel("Choose a dataset").setInputFiles({
    name: "broken.csv",
    mimeType: "text/csv",
    buffer: Buffer.from('price,country\n10,DE\n11,"FR\n12,DE\n'),
  });
  await expect(upload.getByTestId("reference-columns-found")).toContainText("2 columns");
  await upload.getByRole("button", { name: "Upload dataset" }).click();
  const error = upload.getByTestId("reference-upload-error");
  await expect(error).toContainText("Not uploaded: a problem on line 3");
  await expect(error).toContainText("line 3: a quoted field of the record starting here is never closed");
  await expect(page.getByTestId("drift-reference")).toContainText("first 7 days");

  // Listed as failed with the reason; Delete asks, Escape keeps it, then it goes.
  const item = page.locator('[data-testid="reference-dataset"][data-name="broken"]');
  await expect(item).toHaveAttribute("data-status", "failed");
  await expect(item.getByTestId("reference-dataset-error")).toContainText("line 3:");
  await item.getByRole("button", { name: "Delete broken" }).click();
  await expect(item.getByRole("button", { name: "Keep" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(item.getByTestId("reference-delete-confirm")).toHaveCount(0);
  await expect(item.getByRole("button", { name: "Delete broken" })).toBeFocused();
  await expect(page.getByTestId("drift-settings")).toBeVisible();
  await item.getByRole("button", { name: "Delete broken" }).click();
  await item.getByRole("button", { name: "Delete dataset" }).click();
  await expect(item).toHaveCount(0);
});

test("JSON lines are detected from the name, the request says what was chosen, and Cancel aborts", async ({
  page,
}) => {
  // Hold the upload at the network layer so it cannot finish before Cancel.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let seen: { url: string; contentType: string | undefined } | null = null;
  await page.route(
    (url) => url.pathname.endsWith(`/models/${MODEL}/reference`) && url.searchParams.has("name"),
    async (route) => {
      seen = { url: route.request().url(), contentType: route.request().headers()["content-type"] };
      await held;
      await route.abort().catch(() => {});
    },
  );
  await openSettings(page);
  const upload = page.getByTestId("reference-upload");
  await page.getByLabel("Choose a dataset").setInputFiles({
    name: "sample.ndjson",
    mimeType: "application/x-ndjson",
    buffer: Buffer.from(
      '{"price": 50, "country": "DE", "p": 0.4}\n{"price": 51, "country": "FR", "p": 0.6}\n',
    ),
  });
  await expect(upload.getByTestId("reference-detected")).toContainText(
    "Read as JSON lines: file name ends in .ndjson",
  );
  await expect(upload.getByTestId("reference-columns-found")).toContainText("First line: 3 columns");
  // Read as CSV instead, the first line is one odd column; back to JSON lines.
  await upload.getByLabel("Format").selectOption("csv");
  await expect(upload.getByTestId("reference-detected")).toContainText("reading as CSV as chosen");
  await upload.getByLabel("Format").selectOption("auto");
  await upload.getByLabel("Score column").selectOption("p");
  await upload.getByLabel("Dataset name").fill("");
  await expect(upload.getByText("Give the dataset a name.")).toBeVisible();
  await expect(upload.getByRole("button", { name: "Upload dataset" })).toBeDisabled();
  await upload.getByLabel("Dataset name").fill("sample 2026");
  await upload.getByLabel("Make it the reference once uploaded").uncheck();

  await upload.getByRole("button", { name: "Upload dataset" }).click();
  await expect(upload.getByRole("button", { name: "Uploading…" })).toBeDisabled();
  await expect.poll(() => seen).not.toBeNull();
  const q = new URL(seen!.url).searchParams;
  expect(Object.fromEntries(q)).toEqual({
    name: "sample 2026",
    format: "jsonl",
    scoreColumn: "p",
    activate: "false",
  });
  expect(seen!.contentType).toMatch(/^application\/x-ndjson/);
  await upload.getByRole("button", { name: "Cancel upload" }).click();
  await expect(upload.getByTestId("reference-upload-cancelled")).toContainText("Cancelled after sending");
  await expect(upload.getByRole("button", { name: "Upload dataset" })).toBeEnabled();
  release();
});

test("a viewer sees the settings read-only, with a note", async ({ browser }) => {
  const { context, page } = await viewerPage(browser, "drift-viewer");
  await openSettings(page);
  await expect(page.getByTestId("drift-settings-readonly")).toContainText(
    "Only editors and admins can change drift settings",
  );
  await expect(page.getByLabel("Choose a dataset")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Upload dataset" })).toBeDisabled();
  await expect(page.getByRole("radio", { name: /first 7 days/ })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Use this reference" })).toHaveCount(0);
  await expect(page.getByLabel("Test for price")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await context.close();
});

test("at 390px the open settings do not scroll sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openSettings(page);
  await expect(page.getByTestId("drift-settings-columns")).toBeVisible();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, "drift-settings-390");
});
