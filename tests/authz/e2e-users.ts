// For the browser tests: a signed-in context for a new user of any role, made the way people join — an
// invite created with the admin API key, accepted through POST /api/auth/invite, whose session cookie the new
// browser context then carries.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { E2E_API_KEY, E2E_PORT } from "../e2e/env.mjs";

const BASE = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_USER_PASSWORD = "e2e-user-password-123";

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} → ${res.status}: ${await res.text()}`);
  return res;
}

/** A new user with `role` and a session token for it. */
export async function joinAs(role: "viewer" | "editor" | "admin", username: string): Promise<string> {
  const invite = await post("/api/v1/invites", { role }, { authorization: `Bearer ${E2E_API_KEY}` });
  const { path } = (await invite.json()) as { path: string };
  const accepted = await post("/api/auth/invite", {
    token: path.split("/").pop(),
    username,
    password: E2E_USER_PASSWORD,
  });
  const token = /vigil_session=([^;]+)/.exec(accepted.headers.get("set-cookie") ?? "")?.[1];
  if (!token) throw new Error("accepting the invite set no session cookie");
  return token;
}

export async function contextAs(
  browser: Browser,
  role: "viewer" | "editor" | "admin" | "anonymous",
  username = `${role}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
): Promise<{ context: BrowserContext; page: Page }> {
  const cookies =
    role === "anonymous"
      ? []
      : [
          {
            name: "vigil_session",
            value: await joinAs(role, username),
            domain: "127.0.0.1",
            path: "/",
            expires: -1,
            httpOnly: true,
            secure: false,
            sameSite: "Lax" as const,
          },
        ];
  const context = await browser.newContext({ storageState: { cookies, origins: [] } });
  return { context, page: await context.newPage() };
}
