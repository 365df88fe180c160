// CSRF protection (docs/security.md): a write authenticated by the session cookie must come from Vigil's own
// pages — its Origin must name this host and the browser must not mark it cross-site. API keys, which browsers
// never attach on their own, need neither. The public session routes refuse only what a browser marks as
// coming from another site (scripts call them without an Origin).
import { beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { POST as createSilence } from "@/app/api/v1/silences/route";
import type { Database } from "@/lib/db/client";
import { createUserWithRole, sessionCookie } from "../authz/principals";
import { TEST_API_KEY, useTestDatabase } from "../helpers/database";

let database: Database;
let editorId: number;
beforeAll(async () => {
  database = await useTestDatabase();
  editorId = (await createUserWithRole(database, "editor", "csrf-editor", "correct-horse-battery-staple")).id;
});

const silence = () =>
  JSON.stringify({
    matchers: '{model="m"}',
    endsAt: new Date(Date.now() + 60_000).toISOString(),
    comment: "csrf",
  });

async function write(headers: Record<string, string>) {
  const res = await createSilence(
    new Request("http://localhost/api/v1/silences", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: silence(),
    }),
  );
  return { status: res.status, body: (await res.json()) as { error?: string } };
}

describe("cookie-authenticated writes", () => {
  it("without an Origin header: 403", async () => {
    const res = await write({ cookie: await sessionCookie(database, editorId), host: "localhost" });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/cross-origin request refused/);
  });

  it("from another origin: 403", async () => {
    const cookie = await sessionCookie(database, editorId);
    expect((await write({ cookie, host: "localhost", origin: "https://evil.example" })).status).toBe(403);
    // Same host name, other port or scheme: another origin too.
    expect((await write({ cookie, host: "localhost", origin: "http://localhost:8080" })).status).toBe(403);
    expect((await write({ cookie, host: "localhost", origin: "null" })).status).toBe(403);
  });

  it("marked cross-site by the browser: 403 even when Origin matches", async () => {
    const cookie = await sessionCookie(database, editorId);
    const res = await write({
      cookie,
      host: "localhost",
      origin: "http://localhost",
      "sec-fetch-site": "cross-site",
    });
    expect(res.status).toBe(403);
  });

  it("from the same origin: allowed (also behind a proxy that sets X-Forwarded-Host)", async () => {
    const cookie = await sessionCookie(database, editorId);
    expect(
      (
        await write({
          cookie,
          host: "localhost",
          origin: "http://localhost",
          "sec-fetch-site": "same-origin",
        })
      ).status,
    ).toBe(201);
    expect((await write({ cookie, host: "localhost", origin: "http://localhost" })).status).toBe(201);
    expect(
      (
        await write({
          cookie,
          host: "10.0.0.5:3000",
          "x-forwarded-host": "vigil.example",
          origin: "https://vigil.example",
        })
      ).status,
    ).toBe(201);
  });

  it("an API key needs no Origin", async () => {
    expect((await write({ authorization: `Bearer ${TEST_API_KEY}` })).status).toBe(201);
  });
});

describe("public session routes", () => {
  const post = (
    handler: (r: Request) => Promise<Response>,
    path: string,
    headers: Record<string, string>,
    body = {},
  ) =>
    handler(
      new Request(`http://localhost${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", host: "localhost", ...headers },
        body: JSON.stringify(body),
      }),
    );
  const credentials = { username: "csrf-editor", password: "correct-horse-battery-staple" };

  it("login from a script (no Origin) and from Vigil's page works; from another site it is refused", async () => {
    expect((await post(login, "/api/auth/login", {}, credentials)).status).toBe(200);
    expect((await post(login, "/api/auth/login", { origin: "http://localhost" }, credentials)).status).toBe(
      200,
    );
    expect(
      (await post(login, "/api/auth/login", { origin: "https://evil.example" }, credentials)).status,
    ).toBe(403);
    expect(
      (await post(login, "/api/auth/login", { "sec-fetch-site": "cross-site" }, credentials)).status,
    ).toBe(403);
  });

  it("another site cannot log a user out", async () => {
    const cookie = await sessionCookie(database, editorId);
    expect((await post(logout, "/api/auth/logout", { cookie, origin: "https://evil.example" })).status).toBe(
      403,
    );
    expect((await write({ cookie, host: "localhost", origin: "http://localhost" })).status).toBe(201);
  });
});
