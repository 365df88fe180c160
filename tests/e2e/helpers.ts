import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import Database from "better-sqlite3";
import { E2E_API_KEY, E2E_PORT, e2eEnv } from "./env.mjs";

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** True when the document is wider than the viewport (a horizontal scrollbar). */
export function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** A request to the e2e server with the admin API key (JSON body). */
export function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${E2E_PORT}${path}`, {
    method,
    headers: { authorization: `Bearer ${E2E_API_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Runs the worker once over the e2e database (what the global setup does after seeding). */
export function runWorker(): void {
  const worker = spawnSync("npx", ["tsx", "workers/main.ts", "--once"], {
    env: { ...process.env, ...e2eEnv },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (worker.status !== 0) throw new Error(`worker --once failed:\n${worker.stdout}\n${worker.stderr}`);
}

/**
 * A browser context logged in as a new viewer (not an admin). There is no API for other roles yet: the user
 * and a session for it go straight into the e2e database.
 */
export async function viewerPage(browser: Browser, prefix = "viewer") {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const username = `${prefix}-${now}`;
  const db = new Database("data/e2e.db");
  try {
    db.pragma("busy_timeout = 5000");
    const user = db
      .prepare('INSERT INTO "User" (username, passwordHash, role, createdAt) VALUES (?, ?, ?, ?)')
      .run(username, "not-a-password-hash", "viewer", now);
    db.prepare('INSERT INTO "Session" (id, userId, createdAt, expiresAt) VALUES (?, ?, ?, ?)').run(
      createHash("sha256").update(token).digest("hex"),
      Number(user.lastInsertRowid),
      now,
      now + 3_600_000,
    );
  } finally {
    db.close();
  }
  const context = await browser.newContext({
    storageState: {
      cookies: [
        {
          name: "vigil_session",
          value: token,
          domain: "127.0.0.1",
          path: "/",
          expires: -1,
          httpOnly: true,
          secure: false,
          sameSite: "Lax",
        },
      ],
      origins: [],
    },
  });
  return { context, page: await context.newPage(), username };
}
