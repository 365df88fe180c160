import { expect, test } from "@playwright/test";
import { discoverPages } from "../authz/discover";
import { contextAs } from "../authz/e2e-users";
import { PAGE_MATRIX, PAGE_PRINCIPALS, type PagePrincipal } from "../authz/matrix";

// Every page (found from app/**/page.tsx) as anonymous, viewer, editor and admin, against PAGE_MATRIX: "deny"
// is the login redirect for anonymous visitors and the 403 page for signed-in users; "allow" is neither, and
// never an error page.

/** Dynamic segments: seed data where the page needs one to exist, placeholders where any value will do. */
const SEGMENT: Record<string, string> = {
  model: "recommender",
  key: "no-such-experiment",
  groupId: "999999",
  token: "not-a-real-token",
  uid: "no-such-dashboard",
  panelId: "no-such-panel",
};
const urlOf = (pattern: string) =>
  pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => SEGMENT[name] ?? "x");

for (const principal of PAGE_PRINCIPALS)
  test(`pages as ${principal}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const { context, page } = await contextAs(browser, principal as PagePrincipal);
    const problems: string[] = [];
    for (const pattern of discoverPages()) {
      const expected = PAGE_MATRIX[pattern];
      if (!expected) {
        problems.push(`${pattern}: no row in PAGE_MATRIX`);
        continue;
      }
      const url = urlOf(pattern);
      const res = await page.goto(url);
      const status = res?.status() ?? 0;
      const redirectedToLogin = new URL(page.url()).pathname === "/login" && pattern !== "/login";
      const forbidden = await page.getByTestId("forbidden").isVisible();
      const outcome = redirectedToLogin || forbidden ? "deny" : "allow";
      if (outcome !== expected[principal])
        problems.push(`${url}: expected ${expected[principal]}, got ${outcome}`);
      if (status >= 500) problems.push(`${url}: HTTP ${status}`);
      if (redirectedToLogin)
        expect(decodeURIComponent(new URL(page.url()).searchParams.get("next") ?? "")).toBe(url);
    }
    await context.close();
    expect(problems).toEqual([]);
  });
