import { expect, type Page, test } from "@playwright/test";
import { E2E_API_KEY, E2E_PORT } from "./env.mjs";
import { hasHorizontalScroll, screenshot, viewerPage } from "./helpers";

// "Add a shadow" in the Shadows tab, on a model of its own (a new name per run): 40 predictions in the last hours
// whose features are the recommender fixtures' (docs/shadow-models.md). The candidate is uploaded through the form
// with device left out first (12 slots instead of 13 → 422 with the model's signature), then with the mapping
// fixed; the new shadow is selected.
const MODEL = `shadow-upload-${Date.now().toString(36)}`;
const BASE = `http://127.0.0.1:${E2E_PORT}`;
const HOUR = 3_600_000;
const COUNTRIES = ["DE", "FR", "US", "GB", "ES", "IT"];
const DEVICES = ["mobile", "desktop", "tablet"];
const ORDER = ["user_age", "items_in_cart", "price", "session_minutes", "country", "device"];

test.beforeAll(async () => {
  const now = Date.now();
  const predictions = Array.from({ length: 40 }, (_, i) => {
    const score = Number((((i * 7) % 20) / 20 + 0.02).toFixed(3));
    return {
      id: `${MODEL}-${i}`,
      model: MODEL,
      version: "v1",
      timestamp: new Date(now - 4 * HOUR + i * 5 * 60_000).toISOString(),
      features: {
        user_age: 20 + (i % 40),
        items_in_cart: i % 6,
        price: 10 + i * 2,
        session_minutes: 1 + (i % 30),
        country: COUNTRIES[i % COUNTRIES.length]!,
        device: DEVICES[i % DEVICES.length]!,
      },
      prediction: score >= 0.5 ? 1 : 0,
      score,
    };
  });
  const res = await fetch(`${BASE}/api/v1/predictions`, {
    method: "POST",
    headers: { authorization: `Bearer ${E2E_API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ predictions }),
  });
  if (res.status !== 200) throw new Error(`predictions → ${res.status}: ${(await res.text()).slice(0, 500)}`);
});

async function rowOrder(page: Page): Promise<string[]> {
  const rows = page.getByTestId("shadow-form-row");
  const names: string[] = [];
  for (let i = 0; i < (await rows.count()); i++)
    names.push((await rows.nth(i).locator(".font-mono").first().textContent()) ?? "");
  return names;
}

/** Puts the mapping rows in the fixture's column order with the move buttons. */
async function arrange(page: Page): Promise<void> {
  for (let target = 0; target < ORDER.length; target++) {
    const feature = ORDER[target]!;
    let at = (await rowOrder(page)).indexOf(feature);
    expect(at).toBeGreaterThanOrEqual(target);
    while (at > target) {
      await page.getByRole("button", { name: `Move ${feature} up` }).click();
      at--;
    }
  }
  expect((await rowOrder(page)).slice(0, ORDER.length)).toEqual(ORDER);
}

test("an admin adds a shadow: a wrong mapping shows the signature, the fixed one is selected", async ({
  page,
}) => {
  await page.goto(`/models/${MODEL}?range=24h&tab=shadows`);
  await expect(page.getByTestId("shadow-list")).toContainText("No shadow models yet");
  const add = page.getByRole("button", { name: "Add a shadow" });
  await expect(add).toBeEnabled();
  await add.click();
  const form = page.getByTestId("shadow-form");
  await expect(form.getByTestId("shadow-form-row")).toHaveCount(6);
  await arrange(page);

  // Prefilled: numbers for numeric features, one-hot for the strings; defaults for the tensors.
  await expect(form.getByLabel("Encoding of price")).toHaveValue("number");
  await expect(form.getByLabel("Encoding of country")).toHaveValue("onehot");
  await expect(form.getByLabel("Input tensor")).toHaveValue("features");
  await expect(form.getByLabel("Output tensor")).toHaveValue("probabilities");
  await expect(form.getByLabel("Score index (output column)")).toHaveValue("1");
  await expect(form.getByLabel("Sample rate (0–1]")).toHaveValue("1");

  // Submitting without a file or categories is refused here.
  await form.getByRole("button", { name: "Upload shadow" }).click();
  await expect(form.getByTestId("shadow-form-invalid")).toContainText("File: choose the .onnx model.");

  await form.getByLabel("ONNX model file").setInputFiles("tests/fixtures/shadow/recommender-candidate.onnx");
  await form.getByLabel("Shadow name").fill("candidate-e2e");
  await form.getByLabel("Categories of country").fill("DE, FR, US, GB, ES, IT");
  await form.getByLabel("Include device").uncheck();
  await expect(form.getByTestId("shadow-form-slots")).toContainText("10 slots");
  await form.getByRole("button", { name: "Upload shadow" }).click();

  const error = form.getByTestId("shadow-form-error");
  await expect(error).toContainText("The mapping does not fit the model");
  await expect(error.getByTestId("shadow-form-problems")).toContainText(
    "input features has 13 slots in the model but the mapping gives 10",
  );
  const signature = error.getByTestId("shadow-form-signature");
  await expect(signature).toContainText("features: float32 [N, 13]");
  await expect(signature).toContainText("probabilities: float32 [N, 2]");
  await expect(signature).toContainText("label: int64 [N]");
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, "shadow-upload-422");

  await form.getByLabel("Include device").check();
  await form.getByLabel("Categories of device").fill("mobile, desktop, tablet");
  await expect(form.getByTestId("shadow-form-slots")).toContainText("13 slots");
  await form.getByLabel("Backfill the last").check();
  await form.getByRole("button", { name: "Upload shadow" }).click();

  await expect(page).toHaveURL(/tab=shadows&shadow=\d+/);
  await expect(page.getByTestId("shadow-form")).toHaveCount(0);
  const link = page.getByTestId("shadow-list").getByRole("link", { name: "candidate-e2e" });
  await expect(link).toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("heading", { name: "candidate-e2e" })).toBeVisible();

  const id = Number(new URL(page.url()).searchParams.get("shadow"));
  const res = await fetch(`${BASE}/api/v1/shadows/${id}`, {
    headers: { authorization: `Bearer ${E2E_API_KEY}` },
  });
  const { shadow } = (await res.json()) as {
    shadow: { model: string; config: Record<string, unknown>; backfill: { state: string | null } };
  };
  expect(shadow.model).toBe(MODEL);
  expect(shadow.config.inputs).toEqual({ features: ORDER });
  expect(shadow.config.encodings).toMatchObject({
    device: { type: "onehot", categories: ["mobile", "desktop", "tablet"] },
  });
  expect(shadow.backfill.state).not.toBeNull();
});

test("a viewer sees “Add a shadow” disabled, with a note", async ({ browser }) => {
  const { context, page } = await viewerPage(browser, "shadow-viewer");
  await page.goto(`/models/${MODEL}?range=24h&tab=shadows`);
  await expect(page.getByTestId("shadow-add-readonly")).toContainText(
    "Only editors and admins can add shadow models",
  );
  await expect(page.getByRole("button", { name: "Add a shadow" })).toBeDisabled();
  await context.close();
});
