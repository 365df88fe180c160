import { expect, test } from "@playwright/test";
import { api, viewerPage } from "./helpers";

// Settings → Retention: an admin overrides a type's days, returns it to the environment and sweeps now;
// a viewer reads the same table without controls.
test("an admin sets retention per data type, returns it to the environment and sweeps now", async ({
  page,
}) => {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  const table = page.getByRole("form", { name: "Retention settings" });
  for (const type of ["predictions", "labels", "events", "series", "notifications"])
    await expect(table.getByRole("rowheader", { name: new RegExp(type, "i") })).toBeVisible();

  const series = page.getByLabel("Days to keep series");
  await expect(series).toHaveValue("400");
  await expect(page.getByTestId("retention-series").getByText("VIGIL_RETENTION_SERIES_DAYS")).toBeVisible();
  await series.fill("30");
  await series.press("Enter"); // submits the form from the keyboard
  await expect(page.getByTestId("retention-series").getByText("this page")).toBeVisible();
  const saved = (await (await api("GET", "/api/v1/retention")).json()) as {
    retention: Array<{ type: string; days: number; source: string }>;
  };
  expect(saved.retention.find((r) => r.type === "series")).toMatchObject({ days: 30, source: "ui" });

  await page.getByRole("button", { name: /Use environment \(400 days\)/ }).click();
  await expect(series).toHaveValue("400");
  await expect(page.getByTestId("retention-series").getByText("VIGIL_RETENTION_SERIES_DAYS")).toBeVisible();

  await page.getByRole("button", { name: "Sweep now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Deleted \d+ rows/ })).toBeVisible();
  await expect(page.getByTestId("retention-series").getByText(/deleted/)).toBeVisible();
});

test("a viewer sees retention read-only", async ({ browser }) => {
  const { context, page } = await viewerPage(browser, "retention-viewer");
  await page.goto("/settings");
  await expect(page.getByLabel("Days to keep predictions")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Sweep now" })).toHaveCount(0);
  await context.close();
});
