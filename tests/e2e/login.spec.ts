import { expect, test } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "./env.mjs";

test.use({ storageState: { cookies: [], origins: [] } });

test("pages redirect to the login page when signed out", async ({ page }) => {
  await page.goto("/models/recommender?range=7d");
  await expect(page).toHaveURL(/\/login\?next=/);
  expect(decodeURIComponent(new URL(page.url()).searchParams.get("next") ?? "")).toBe(
    "/models/recommender?range=7d",
  );
});

test("a wrong password shows the error inline", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByLabel("Password").press("Enter");
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toBeVisible();
  await expect(alert).not.toHaveText("");
  await expect(page).toHaveURL(/\/login/);
});

test("the right password lands on the overview, and logout returns to login", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Models" })).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
});

test("login honours ?next=", async ({ page }) => {
  await page.goto("/login?next=%2Fmodels%2Franker-size");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
  await page.getByLabel("Password").press("Enter");
  await expect(page).toHaveURL(/\/models\/ranker-size$/);
});
