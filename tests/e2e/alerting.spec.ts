import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { api, hasHorizontalScroll, runWorker, screenshot } from "./helpers";

// The alerting pages against the real API and worker: a webhook contact point pointed at a receiver started
// here (the e2e server allow-lists 127.0.0.1), a rule from a template with its preview, rule-file import with
// a line-numbered problem, an always-firing rule evaluated by the worker, and a silence from the prefilled link.
const RECEIVER_ANSWER = "accepted by the e2e receiver";
let receiver: Server;
let receiverUrl = "";
const received: string[] = [];

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      received.push(body);
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(RECEIVER_ANSWER);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

test("a webhook contact point answers a test notification, shown verbatim", async ({ page }) => {
  await page.goto("/alerting/contact-points");
  await page.getByTestId("cp-new").click();
  const form = page.getByTestId("contact-point-form");
  await form.getByLabel("Name").fill("e2e-webhook");
  await form.getByLabel("Kind").selectOption("webhook");
  await form.getByLabel("URL").fill(receiverUrl);
  await form.getByTestId("cp-save").click();
  await expect(form).toBeHidden();
  const card = page.getByTestId("contact-point").filter({ hasText: "e2e-webhook" });
  await expect(card).toBeVisible();
  await card.getByTestId("cp-test").click();
  await expect(card.getByTestId("cp-test-answer")).toContainText(RECEIVER_ANSWER);
  expect(received.length).toBeGreaterThan(0);
  expect(JSON.parse(received.at(-1) ?? "{}")).toMatchObject({ version: "4" });
  await screenshot(page, "alerting-contact-points");
});

test("a rule from a template shows its preview with bands and saves", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/alerting");
  await page.getByTestId("rule-from-template").click();
  await expect(page).toHaveURL(/\/alerting\/rules\/new\?template=1/);
  await page.getByTestId("template-option").filter({ hasText: "Accuracy or F1 below a threshold" }).click();
  const params = page.getByTestId("template-params");
  // Accuracy is always below 1.01: the preview must show the rule firing.
  await params.getByLabel("Threshold", { exact: true }).fill("1.01");
  await params.getByTestId("template-use").click();
  await expect(page.getByTestId("template-picker")).toBeHidden();
  await page.getByTestId("group-fields").getByLabel("Group name").fill("e2e-quality");
  await expect(page.getByTestId("promql-input")).toContainText("vigil_model_accuracy");
  await expect(page.getByTestId("preview-graph")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("preview-verdict")).toContainText("Would have fired");
  expect(await page.locator(".recharts-reference-area").count()).toBeGreaterThan(0);
  await screenshot(page, "alerting-rule-editor");
  await page.getByTestId("group-save").click();
  await expect(page).toHaveURL(/\/alerting\/rules\/\d+/);
  await page.goto("/alerting");
  await expect(page.getByTestId("rule-group").filter({ hasText: "e2e-quality" })).toBeVisible();
});

test("a rule-file import lists problems with their lines, then imports a good file", async ({ page }) => {
  await page.goto("/alerting");
  await page.getByTestId("rules-import").click();
  const bad = "groups:\n  - name: e2e-imported\n    rules:\n      - alert: Broken\n        expr: up >\n";
  await page.getByTestId("rule-import-file-input").setInputFiles({
    name: "bad.yml",
    mimeType: "application/yaml",
    buffer: Buffer.from(bad),
  });
  const problems = page.getByTestId("import-problems");
  await expect(problems).toContainText("Nothing was changed");
  await expect(problems).toContainText(/line \d+/);
  const good =
    "groups:\n  - name: e2e-imported\n    interval: 30s\n    rules:\n      - alert: ImportedRule\n        expr: vigil_model_accuracy < 0\n        for: 5m\n";
  await page.getByTestId("rule-import-file-input").setInputFiles({
    name: "good.yml",
    mimeType: "application/yaml",
    buffer: Buffer.from(good),
  });
  await expect(page.getByTestId("import-result")).toContainText("e2e-imported");
  await expect(page.getByTestId("rule-group").filter({ hasText: "e2e-imported" })).toBeVisible();
  await screenshot(page, "alerting-import");
});

test("the list shows a firing alert after the worker evaluated, and a silence from the prefilled link mutes it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const res = await api("POST", "/api/v1/rule-groups", {
    name: "e2e-always",
    interval: "10s",
    rules: [{ alert: "E2EAlwaysFiring", expr: "vector(1) > 0", labels: { severity: "critical" } }],
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  runWorker();
  await page.goto("/alerting");
  const row = page.getByTestId("rule-row").filter({ hasText: "E2EAlwaysFiring" });
  await expect(row.getByTestId("rule-state")).toContainText("firing");
  await expect(page.getByTestId("rules-verdict")).toContainText("firing");
  await screenshot(page, "alerting-rules");

  await page.goto(`/alerting/silences/new?matchers=${encodeURIComponent('{alertname="E2EAlwaysFiring"}')}`);
  await expect(page.getByTestId("silence-form").getByLabel("Matchers")).toHaveValue(
    '{alertname="E2EAlwaysFiring"}',
  );
  await expect(page.getByTestId("silence-preview")).toContainText("Would mute 1 current alert");
  await page.getByTestId("silence-form").getByLabel("Comment").fill("e2e maintenance");
  await screenshot(page, "alerting-silence-new");
  await page.getByTestId("silence-save").click();
  await expect(page).toHaveURL(/\/alerting\/silences$/);
  const silence = page.getByTestId("silence-row").filter({ hasText: "e2e maintenance" });
  await expect(silence).toContainText("active");
  await expect(silence).toContainText("Mutes 1 current alert");
  await screenshot(page, "alerting-silences");
});

const PAGES = [
  "/alerting",
  "/alerting/rules/new",
  "/alerting/silences",
  "/alerting/silences/new",
  "/alerting/contact-points",
  "/alerting/policy",
  "/alerting/notifications",
  "/alerting/history",
  "/",
  "/experiments",
];

for (const width of [1280, 390]) {
  test(`alerting pages have no horizontal scroll at ${width} px`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 800 });
    for (const path of PAGES) {
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(await hasHorizontalScroll(page), `${path} at ${width} px`).toBe(false);
      if (path.startsWith("/alerting"))
        await screenshot(page, `alerting-${path.split("/").slice(2).join("-") || "list"}-${width}`);
    }
    // Every main link is reachable on a phone (the row scrolls inside its own box).
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Overview", "Explore", "Experiments", "Alerting", "Import"])
      await expect(nav.getByRole("link", { name })).toBeAttached();
    await nav.getByRole("link", { name: "Alerting" }).click();
    await expect(page).toHaveURL(/\/alerting$/);
  });
}
