import { expect, test } from "@playwright/test";
import { contextAs } from "../authz/e2e-users";
import { E2E_PORT } from "./env.mjs";
import { hasHorizontalScroll, screenshot } from "./helpers";

// The administration pages: API keys (created with scope and expiry, shown once, revoked after asking), users
// (role change, disable, the last admin kept), and the audit log showing those actions, filterable and paged.
test("an API key is created, shown once, works, and is revoked after a confirmation", async ({ page }) => {
  await page.goto("/admin/api-keys");
  await page.getByLabel("Name").fill("grafana-e2e");
  await page.getByLabel("Scope").selectOption("read");
  await page.getByLabel("Expires").selectOption("90");
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-api-key");
  await expect(shown).toContainText("only time it is shown");
  const key = (await shown.locator("code").textContent())!.trim();
  expect(key).toMatch(/^vgl_[\w-]{32}$/);
  await screenshot(page, "admin-api-key");
  const prefix = key.slice(0, 10);
  const row = page.getByTestId(`api-key-${prefix}`);
  await expect(row).toContainText("grafana-e2e");
  await expect(row).toContainText("read");
  await expect(row).toContainText("never"); // not used yet

  const read = () =>
    fetch(`http://127.0.0.1:${E2E_PORT}/api/v1/models`, { headers: { authorization: `Bearer ${key}` } });
  expect((await read()).status).toBe(200);

  // Shown once: after a reload only the prefix is on the page.
  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(key);
  await expect(row).not.toContainText("never");

  // Field errors from the API.
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("issue-name")).toContainText("is required");

  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("alertdialog")).toContainText('Revoke "grafana-e2e"?');
  await page.getByTestId(`revoke-${prefix}-confirm`).click();
  await expect(row).toContainText("revoked");
  const refused = await read();
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { error: string }).error).toBe("API key has been revoked");
});

test("users: change a role, disable, and the last admin cannot be demoted", async ({ page, browser }) => {
  const { context } = await contextAs(browser, "viewer", "vera");
  await page.goto("/admin/users");
  const vera = page.getByTestId("user-vera");
  await vera.getByLabel("Role of vera").selectOption("editor");
  await expect(vera.getByLabel("Role of vera")).toHaveValue("editor");
  await vera.getByRole("button", { name: "Disable" }).click();
  await expect(vera).toContainText("disabled");
  const signedOut = await context.newPage();
  await signedOut.goto("/");
  await expect(signedOut).toHaveURL(/\/login/);
  await context.close();
  await vera.getByRole("button", { name: "Enable" }).click();
  await expect(vera).toContainText("active");

  const admin = page.getByTestId("user-admin");
  await admin.getByLabel("Role of admin").selectOption("viewer");
  await expect(admin.getByRole("alert")).toContainText(/last enabled admin|your own/);
  await expect(admin.getByLabel("Role of admin")).toHaveValue("admin");
  expect(await hasHorizontalScroll(page)).toBe(false);
});

test("the audit log shows those actions, newest first, and filters them", async ({ page }) => {
  await page.goto("/admin/audit");
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  const text = await page.getByRole("table", { name: "Audit events" }).textContent();
  for (const action of ["api-key.create", "api-key.revoke", "user.update", "user.disable", "invite.create"])
    expect(text).toContain(action);
  await screenshot(page, "admin-audit");
  await page.getByLabel("Target").selectOption("api-key");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rows.first()).toContainText("api-key.");
  for (const row of await rows.all()) await expect(row).toContainText("api-key");
  // Newest first: the revocation comes before the creation.
  const actions = await rows.locator("td:nth-child(3)").allTextContents();
  expect(actions.indexOf("api-key.revoke")).toBeLessThan(actions.lastIndexOf("api-key.create"));
  await page.getByLabel("Actor").fill("nobody-at-all");
  await page.getByLabel("Actor").press("Enter");
  await expect(page.getByText("Nothing recorded for these filters")).toBeVisible();
});

test("the Admin link shows for admins only", async ({ page, browser }) => {
  await page.goto("/");
  await expect(page.getByTestId("nav-links").getByRole("link", { name: "Admin" })).toBeVisible();
  const { context, page: viewer } = await contextAs(browser, "viewer");
  await viewer.goto("/");
  await expect(viewer.getByRole("heading", { name: "Models" })).toBeVisible();
  await expect(viewer.getByTestId("nav-links").getByRole("link", { name: "Admin" })).toHaveCount(0);
  await context.close();
});
