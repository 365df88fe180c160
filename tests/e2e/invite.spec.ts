import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

// The invite flow end to end: an admin creates an invite link for an editor on the Users page (shown once,
// with a copy button); another browser, signed out, opens it, picks a username and password, lands signed in
// with the role — editors may change rules but not reach the admin pages — and can sign in again later.
test("an admin invites an editor, who joins through the link and signs in with the role", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  await page.goto("/admin/users");
  await expect(page.getByRole("navigation", { name: "Administration" })).toBeVisible();
  await page.getByLabel("Role", { exact: true }).selectOption("editor");
  await page.getByLabel("Link valid for (days)").fill("3");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const shown = page.getByTestId("invite-link");
  await expect(shown).toContainText("only time it is shown");
  await expect(shown.getByRole("button", { name: "Copy" })).toBeVisible();
  const link = (await shown.locator("code").textContent())!.trim();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3100\/invite\/[\w-]{43}$/);
  await screenshot(page, "admin-invite");
  await shown.getByRole("button", { name: /Done/ }).click();
  await expect(shown).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Unused links" })).toContainText("editor");

  const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const invitee = await visitor.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Join Vigil" })).toBeVisible();
  await expect(invitee.getByText(/invited as editor by admin/)).toBeVisible();
  // The API's problems show under the field they name.
  await invitee.getByLabel("Username").fill("eve editor");
  await invitee.getByLabel("Password", { exact: true }).fill("too-short");
  await invitee.getByLabel("Repeat the password").fill("too-short");
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee.getByText(/may use letters, digits/)).toBeVisible();
  await expect(invitee.getByText("must be at least 12 characters")).toBeVisible();
  await expect(invitee.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
  await invitee.getByLabel("Username").fill("eve");
  await invitee.getByLabel("Password", { exact: true }).fill("eve-long-password-1");
  await invitee.getByLabel("Repeat the password").fill("eve-long-password-1");
  await invitee.getByLabel("Repeat the password").press("Enter");
  await expect(invitee).toHaveURL(/127\.0\.0\.1:3100\/$/);
  await expect(invitee.getByRole("heading", { name: "Models" })).toBeVisible();
  // An editor: no Admin link, the admin pages answer 403, rules can be created.
  await expect(invitee.getByTestId("nav-links")).not.toContainText("Admin");
  await invitee.goto("/admin/users");
  await expect(invitee.getByTestId("forbidden")).toContainText("editor");
  await invitee.goto("/alerting/rules/new");
  await expect(invitee.getByText(/You can look but not change/)).toHaveCount(0);
  // The link worked once.
  await invitee.goto(link);
  await expect(invitee.getByTestId("link-problem")).toContainText("has been used");

  await invitee.goto("/");
  await invitee.getByRole("button", { name: "Log out" }).click();
  await expect(invitee).toHaveURL(/\/login/);
  await invitee.getByLabel("Username").fill("eve");
  await invitee.getByLabel("Password").fill("eve-long-password-1");
  await invitee.getByRole("button", { name: "Sign in" }).click();
  await expect(invitee.getByRole("heading", { name: "Models" })).toBeVisible();
  await visitor.close();

  // Back on the admin's page, eve is listed as an editor who has logged in.
  await page.reload();
  await expect(page.getByTestId("user-eve")).toContainText("editor");
  await expect(page.getByTestId("user-eve")).not.toContainText("never");
});

test("a reset link sets a new password and ends the user's other sessions", async ({ page, browser }) => {
  // A user to reset, who is signed in somewhere.
  const first = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const signedIn = await first.newPage();
  await page.goto("/admin/users");
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const inviteLink = (await page.getByTestId("invite-link").locator("code").textContent())!.trim();
  await signedIn.goto(inviteLink);
  await signedIn.getByLabel("Username").fill("forgetful");
  await signedIn.getByLabel("Password", { exact: true }).fill("forgetful-password-1");
  await signedIn.getByLabel("Repeat the password").fill("forgetful-password-1");
  await signedIn.getByRole("button", { name: "Create account" }).click();
  await expect(signedIn.getByRole("heading", { name: "Models" })).toBeVisible();

  await page.reload();
  const row = page.getByTestId("user-forgetful");
  await row.getByRole("button", { name: "Reset link" }).click();
  const resetLink = (await page.getByTestId("reset-link").locator("code").textContent())!.trim();
  expect(resetLink).toMatch(/\/reset\/[\w-]{43}$/);

  const second = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const resetting = await second.newPage();
  await resetting.goto(resetLink);
  await expect(resetting.getByText("For forgetful")).toBeVisible();
  await resetting.getByLabel("New password").fill("a-brand-new-password");
  await resetting.getByLabel("Repeat the password").fill("a-different-password");
  await resetting.getByRole("button", { name: "Set password" }).click();
  await expect(resetting.getByText("the two passwords differ")).toBeVisible();
  await resetting.getByLabel("Repeat the password").fill("a-brand-new-password");
  await resetting.getByRole("button", { name: "Set password" }).click();
  await expect(resetting.getByRole("heading", { name: "Models" })).toBeVisible();

  // The first browser's session has ended.
  await signedIn.goto("/");
  await expect(signedIn).toHaveURL(/\/login/);
  await first.close();
  await second.close();
});
