// Signed embeds in Chromium: the example host page (docs/examples/embed-host.html, served by its example
// server on a second localhost port) embeds a panel, which renders; the token (15 s in the e2e server) is
// renewed through postMessage without reloading the frame, and the panel keeps querying after the first token
// expired; unrenewed, an embed says it has expired. Framing: a non-embed page, and an embed on a site outside
// the allow-list, are refused by the browser. Hostile names stay inert on the dashboard and in the embed.
import { createServer, type Server } from "node:http";
import { expect, type Frame, type Page, test } from "@playwright/test";
import { startHostServer } from "../../docs/examples/embed-host-server.mjs";
import { E2E_API_KEY, E2E_EMBED_TTL_SECONDS, E2E_PORT } from "./env.mjs";
import { api, screenshot } from "./helpers";

const VIGIL = `http://127.0.0.1:${E2E_PORT}`;
const HOST_PORT = E2E_PORT + 1;
const HOST = `http://127.0.0.1:${HOST_PORT}`;
const STRANGER_PORT = E2E_PORT + 2;
const HOSTILE_MODEL = "<img src=x onerror=window.__xss=1>";
const HOSTILE_LINK = "javascript:alert(1)";

const servers: Server[] = [];
let embedId = "";

async function ok(res: Response, what: string) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text || "{}") as Record<string, unknown>;
}

const panel = (id: string, title: string, type: string, expr: string, x = 0) => ({
  id,
  title,
  type,
  gridPos: { x, y: 0, w: 12, h: 8 },
  targets: [{ expr }],
});

test.beforeAll(async () => {
  // Series for the panels, and one whose labels are hostile.
  const now = Date.now();
  const lines: string[] = [];
  for (let i = 0; i < 60; i++) {
    const ts = now - (60 - i) * 60_000;
    lines.push(`vigil_model_accuracy{model="e2e-embed",window="1h"} ${0.8 + i / 1000} ${ts}`);
    lines.push(`vigil_model_accuracy{model="${HOSTILE_MODEL}",link="${HOSTILE_LINK}",window="1h"} 0.5 ${ts}`);
  }
  const imported = await fetch(`${VIGIL}/api/v1/import/prometheus`, {
    method: "POST",
    headers: { authorization: `Bearer ${E2E_API_KEY}`, "content-type": "text/plain" },
    body: `${lines.join("\n")}\n`,
  });
  await ok(imported, "import");

  for (const [uid, title, panels] of [
    [
      "e2e-embed",
      "Embedded dashboard",
      [panel("acc", "Accuracy of $model", "timeseries", 'vigil_model_accuracy{model="$model"}')],
    ],
    [
      "e2e-hostile",
      HOSTILE_MODEL,
      [
        panel(
          "series",
          `Series ${HOSTILE_MODEL}`,
          "timeseries",
          'vigil_model_accuracy{link=~"javascript.*"}',
        ),
        panel("table", "Table", "table", 'vigil_model_accuracy{link=~"javascript.*"}', 12),
      ],
    ],
  ] as const) {
    await api("DELETE", `/api/v1/dashboards/${uid}`);
    await ok(
      await api("POST", "/api/v1/dashboards", {
        uid,
        title,
        definition: {
          variables: [{ name: "model", type: "model", default: "e2e-embed" }],
          time: { from: "now-1h", to: "now" },
          panels,
        },
      }),
      `create dashboard ${uid}`,
    );
  }
  await ok(await api("PUT", "/api/v1/embeds/frame-ancestors", { origins: [HOST] }), "frame-ancestors");
  const made = await ok(
    await api("POST", "/api/v1/embeds", {
      dashboard: "e2e-embed",
      panel: "acc",
      locked: { model: "e2e-embed" },
      editable: ["from", "to"],
      theme: "light",
      showTitle: true,
    }),
    "create embed",
  );
  embedId = (made.embed as { id: string }).id;

  servers.push(await startHostServer({ port: HOST_PORT, vigilUrl: VIGIL, apiKey: E2E_API_KEY, embedId }));
  // A site that is not on the allow-list, framing the same embed.
  const stranger = createServer(async (_req, res) => {
    const { url } = (await ok(await api("POST", `/api/v1/embeds/${embedId}/token`), "token")) as {
      url: string;
    };
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><title>stranger</title><iframe id="vigil" src="${url}"></iframe>`);
  });
  await new Promise<void>((r) => stranger.listen(STRANGER_PORT, "127.0.0.1", () => r()));
  servers.push(stranger);
});

test.afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** The embed's frame in the host page, once it has navigated to Vigil. */
async function embedFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${VIGIL}/embed/`))).toBe(true);
  return page.frames().find((f) => f.url().startsWith(`${VIGIL}/embed/`))!;
}

function tokenExpiry(frameUrl: string): number {
  const token = new URL(frameUrl).searchParams.get("token")!;
  return (
    (JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { exp: number }).exp * 1000
  );
}

test("a host page on another origin embeds a panel and renews its token through postMessage, without a reload", async ({
  page,
}) => {
  test.setTimeout(90_000);
  page.on("dialog", (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.goto(`${HOST}/`);
  const embed = page.frameLocator("#vigil");
  await expect(embed.getByTestId("dashboard-panel")).toBeVisible();
  await expect(embed.getByRole("heading", { name: "Accuracy of e2e-embed" })).toBeVisible();
  await expect(embed.getByTestId("viz-timeseries")).toBeVisible();
  await expect(embed.locator(".recharts-line").first()).toBeVisible();
  await screenshot(page, "embed-host-page");

  const frame = await embedFrame(page);
  const firstExpiry = tokenExpiry(frame.url());
  await frame.evaluate(() => {
    (window as unknown as { __loadMarker: string }).__loadMarker = "same document";
  });

  // At 80 % of the 15 s lifetime the embed asks; the host page answers with a token from its server.
  await expect(embed.getByTestId("embed")).toHaveAttribute("data-renewals", /^[1-9]/, {
    timeout: E2E_EMBED_TTL_SECONDS * 1000 + 5_000,
  });
  expect(
    await page.evaluate(() => (window as unknown as { vigilTokensSent: number }).vigilTokensSent),
  ).toBeGreaterThan(0);
  expect(tokenExpiry(frame.url())).toBeGreaterThan(firstExpiry); // replaceState: the address holds the new token

  // Past the first token's expiry, a new query (another time range) runs with the renewed token.
  await page.waitForTimeout(Math.max(0, firstExpiry - Date.now()) + 1_000);
  const answered = page.waitForResponse((r) => r.url().includes("/api/embed/query") && r.status() === 200);
  await embed.locator("#dashboard-time").selectOption("now-15m");
  await answered;
  await expect(embed.getByTestId("viz-timeseries")).toBeVisible();
  await expect(embed.getByTestId("embed-expired")).toHaveCount(0);
  await expect(embed.getByTestId("panel-error")).toHaveCount(0);
  expect(await frame.evaluate(() => (window as unknown as { __loadMarker?: string }).__loadMarker)).toBe(
    "same document",
  );
});

test("an embed nobody renews says it has expired and stops querying", async ({ page }) => {
  test.setTimeout(60_000);
  const { url } = (await ok(await api("POST", `/api/v1/embeds/${embedId}/token`), "token")) as {
    url: string;
  };
  const queries: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/embed/")) queries.push(r.url());
  });
  await page.goto(url); // not framed: there is no host page to ask
  await expect(page.getByTestId("viz-timeseries")).toBeVisible();
  await expect(page.getByText("This embed has expired")).toBeVisible({
    timeout: E2E_EMBED_TTL_SECONDS * 1000 + 5_000,
  });
  const before = queries.length;
  await page
    .locator("#dashboard-time")
    .selectOption("now-5m", { force: true })
    .catch(() => undefined);
  await page.waitForTimeout(1_000);
  expect(queries.length).toBe(before);
});

test("the browser refuses to frame a non-embed page, and an embed on a site outside the allow-list", async ({
  page,
}) => {
  const refusals: string[] = [];
  page.on("console", (m) => {
    if (/frame-ancestors|Refused to display|Refused to frame/i.test(m.text())) refusals.push(m.text());
  });
  await page.goto(`${HOST}/`);
  await expect(page.frameLocator("#vigil").getByTestId("dashboard-panel")).toBeVisible();
  await page.evaluate((src) => {
    const frame = document.createElement("iframe");
    frame.id = "login";
    frame.src = src;
    document.body.append(frame);
  }, `${VIGIL}/login`);
  await expect.poll(() => refusals.some((r) => r.includes("frame-ancestors 'none'"))).toBe(true);
  await expect(page.frameLocator("#login").getByRole("button", { name: /log in|sign in/i })).toHaveCount(0);

  refusals.length = 0;
  await page.goto(`http://127.0.0.1:${STRANGER_PORT}/`);
  await expect.poll(() => refusals.some((r) => r.includes("frame-ancestors"))).toBe(true);
  await expect(page.frameLocator("#vigil").getByTestId("dashboard-panel")).toHaveCount(0);
});

async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
}

test("hostile model and label names render as text on the dashboard and in an embed", async ({ page }) => {
  page.on("dialog", (d) => {
    throw new Error(`a script ran: dialog ${d.message()}`);
  });
  await page.goto("/dashboards/e2e-hostile");
  await expect(page.getByTestId("dashboard-title")).toHaveText(HOSTILE_MODEL);
  await expect(page.getByTestId("viz-table")).toContainText(HOSTILE_MODEL);
  await expect(page.getByTestId("viz-table")).toContainText(HOSTILE_LINK);
  await expect(page.getByTestId("viz-timeseries")).toBeVisible();
  await expectInert(page);

  const made = await ok(
    await api("POST", "/api/v1/embeds", {
      dashboard: "e2e-hostile",
      editable: ["from", "to"],
      theme: "dark",
    }),
    "hostile embed",
  );
  await page.goto(String(made.url));
  await expect(page.getByTestId("embed-title")).toHaveText(HOSTILE_MODEL);
  await expect(page.getByTestId("viz-table")).toContainText(HOSTILE_MODEL);
  await expect(page.getByTestId("viz-table")).toContainText(HOSTILE_LINK);
  await expect(page.getByRole("heading", { name: `Series ${HOSTILE_MODEL}` })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.getAttribute("data-theme"))).toBe("dark");
  await expectInert(page);
});

test("Share → Embed on a panel makes a snippet with a working preview; the list revokes it", async ({
  page,
}) => {
  // The series' model is not a registered model: choose it through the URL, as a shared link would.
  await page.goto("/dashboards/e2e-embed?var-model=e2e-embed");
  await expect(page.getByTestId("viz-timeseries")).toBeVisible();
  await page.getByTestId("panel-menu").first().click();
  await page.getByRole("menuitem", { name: "Share → Embed" }).click();
  const dialog = page.getByTestId("share-embed-dialog");
  await expect(dialog).toBeVisible();
  // Defaults: the time range editable, the variable locked to what the page shows.
  await expect(dialog.getByTestId("share-param-time").getByLabel("Viewer may change")).toBeChecked();
  await expect(dialog.getByTestId("share-param-model").getByLabel(/Locked/)).toBeChecked();
  await dialog.getByTestId("share-theme").selectOption("dark");
  await dialog.getByTestId("share-create").click();
  const result = dialog.getByTestId("share-result");
  await expect(result).toContainText('<iframe src="http://127.0.0.1:3100/embed/d/e2e-embed/p/acc?token=');
  await expect(result.getByTestId("share-allowed")).toContainText(HOST);
  await result.getByText("Sign tokens on your server").click();
  await expect(result).toContainText('import { SignJWT } from "jose"');
  await result.getByRole("tab", { name: "Python" }).click();
  await expect(result).toContainText("def sign_vigil_embed");
  await result.getByText("Preview").click();
  const preview = page.frameLocator('[data-testid="share-preview"]');
  await expect(preview.getByTestId("viz-timeseries")).toBeVisible();
  await screenshot(page, "embed-share-dialog");

  const rows = dialog.getByTestId("embeds-list").locator("tbody tr");
  const newest = rows.first();
  await expect(newest).toContainText("model=e2e-embed");
  await newest.getByRole("button", { name: "Revoke" }).click();
  await newest.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(newest).toContainText("revoked");
});

test("Settings → Embedding: an admin edits the sites allowed to frame embeds", async ({ page }) => {
  await page.goto("/settings");
  const section = page.getByTestId("frame-ancestors-settings");
  const box = section.getByLabel(/Allowed sites/);
  await expect(box).toHaveValue(HOST);
  await box.fill(`${HOST}\nhttps://*.example.org\nnot an origin`);
  await section.getByRole("button", { name: "Save allowed sites" }).click();
  await expect(section.getByRole("alert")).toContainText("origins.2");
  await box.fill(`${HOST}\nhttps://*.example.org`);
  await section.getByRole("button", { name: "Save allowed sites" }).click();
  await expect(section).toContainText(`frame-ancestors 'self' ${HOST} https://*.example.org`);
  const res = await fetch(`${VIGIL}/embed/d/e2e-embed`, { redirect: "manual" });
  await expect
    .poll(async () => (await fetch(`${VIGIL}/embed/d/e2e-embed`)).headers.get("content-security-policy"), {
      timeout: 10_000,
    })
    .toContain(`frame-ancestors 'self' ${HOST} https://*.example.org`);
  expect(res.headers.get("x-frame-options")).toBeNull();
  expect(res.headers.get("set-cookie")).toBeNull();
});
