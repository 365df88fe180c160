// API keys through the routes and the CLI: created with a scope and an optional expiry, the key shown once
// (listings carry the prefix, never the key or its hash), last use recorded, revoked and expired keys refused
// with their own 401 messages; every creation and revocation audited (the CLI's as actorKind "cli").
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as revokeKey } from "@/app/api/v1/api-keys/[id]/route";
import { POST as createKey, GET as listKeys } from "@/app/api/v1/api-keys/route";
import { GET as listModels } from "@/app/api/v1/models/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import { createApiKey } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { createUserWithRole, SAME_ORIGIN, sessionCookie } from "../authz/principals";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
let adminCookie: string;
beforeAll(async () => {
  database = await useTestDatabase();
  adminCookie = await sessionCookie(database, (await createUserWithRole(database, "admin", "keymaster")).id);
});

const asAdmin = () => ({ key: null, headers: { cookie: adminCookie, ...SAME_ORIGIN } });
type KeyInfo = {
  id: number;
  name: string;
  prefix: string;
  scope: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string | null;
};

async function create(body: Record<string, unknown>) {
  return call(createKey, { path: "/api/v1/api-keys", body, ...asAdmin() });
}

const models = (key: string) => call(listModels, { path: "/api/v1/models", key });

describe("API keys", () => {
  it("creates a key with a scope, shown once; the listing has its prefix and creator, never the key", async () => {
    const res = await create({ name: "grafana", scope: "read" });
    expect(res.status).toBe(201);
    const key = res.body.key as string;
    const info = res.body.apiKey as KeyInfo;
    expect(key).toMatch(/^vgl_[\w-]{32}$/);
    expect(info).toMatchObject({
      name: "grafana",
      scope: "read",
      prefix: key.slice(0, 10),
      expiresAt: null,
      createdBy: "keymaster",
    });
    const listed = await call(listKeys, { path: "/api/v1/api-keys", ...asAdmin() });
    expect(listed.status).toBe(200);
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(key);
    expect(text).not.toMatch(/"hash"/);
    expect((listed.body.apiKeys as KeyInfo[]).find((k) => k.id === info.id)?.createdBy).toBe("keymaster");
    // The scope applies: read works, ingest does not.
    expect((await models(key)).status).toBe(200);
    const ingest = await call(postPredictions, {
      path: "/api/v1/predictions",
      key,
      body: { predictions: [] },
    });
    expect(ingest.status).toBe(403);
  });

  it("records the last use", async () => {
    const { key, apiKey } = (await create({ name: "used", scope: "read" })).body as {
      key: string;
      apiKey: KeyInfo;
    };
    expect(apiKey.lastUsedAt).toBeNull();
    await models(key);
    const row = await database.db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("expires: expiresInDays or expiresAt; an expired key gets 401 'API key has expired'", async () => {
    const inDays = (await create({ name: "30d", scope: "ingest", expiresInDays: 30 })).body.apiKey as KeyInfo;
    expect(Date.parse(inDays.expiresAt!) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    const at = "2099-01-31T00:00:00.000Z";
    expect(
      ((await create({ name: "dated", scope: "read", expiresAt: at })).body.apiKey as KeyInfo).expiresAt,
    ).toBe(at);
    const past = await create({ name: "old", scope: "read", expiresAt: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(400);
    expect(past.body.error).toBe("expiresAt: must be in the future");
    const both = await create({ name: "both", scope: "read", expiresAt: at, expiresInDays: 3 });
    expect(both.status).toBe(400);
    expect(both.body.error).toMatch(/not both/);
    // A key whose expiry has passed (made directly: the API refuses past dates).
    const { key } = await createApiKey(database.db, {
      name: "lapsed",
      scope: "read",
      expiresAt: new Date(Date.now() - 1000),
    });
    const res = await models(key);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("API key has expired");
  });

  it("names bad fields", async () => {
    const res = await create({ name: "", scope: "write", expiresInDays: 0 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/name is required/);
    expect(res.body.error).toMatch(/scope must be ingest, read or admin/);
    expect(res.body.error).toMatch(/expiresInDays must be at least 1 day/);
  });

  it("revokes: the key gets 401 'API key has been revoked'; revoking twice is 409, an unknown id 404", async () => {
    const { key, apiKey } = (await create({ name: "doomed", scope: "read" })).body as {
      key: string;
      apiKey: KeyInfo;
    };
    const params = { id: String(apiKey.id) };
    const res = await call(revokeKey, {
      method: "DELETE",
      path: `/api/v1/api-keys/${apiKey.id}`,
      params,
      ...asAdmin(),
    });
    expect(res.status).toBe(200);
    expect((res.body.apiKey as KeyInfo).revokedAt).not.toBeNull();
    const after = await models(key);
    expect(after.status).toBe(401);
    expect(after.body.error).toBe("API key has been revoked");
    expect((await call(revokeKey, { method: "DELETE", path: "/", params, ...asAdmin() })).status).toBe(409);
    expect(
      (await call(revokeKey, { method: "DELETE", path: "/", params: { id: "999999" }, ...asAdmin() })).status,
    ).toBe(404);
  });

  it("audits creation and revocation without the key", async () => {
    const events = await database.db.auditEvent.findMany({
      where: { targetType: "api-key" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["api-key.create", "api-key.revoke"]));
    const doomed = events.find((e) => e.action === "api-key.revoke")!;
    expect(doomed).toMatchObject({ actorKind: "user", actorName: "keymaster" });
    expect(doomed.summary).toBe('revoked API key "doomed" (read)');
    for (const e of events) expect(e.details ?? "").not.toMatch(/vgl_[\w-]{20,}/);
  });

  it("is admin only: viewers, editors and non-admin keys get 403", async () => {
    const editor = await sessionCookie(database, (await createUserWithRole(database, "editor")).id);
    expect(
      (await call(listKeys, { path: "/api/v1/api-keys", key: null, headers: { cookie: editor } })).status,
    ).toBe(403);
    const { key } = await createApiKey(database.db, { name: "reader", scope: "read" });
    expect(
      (await call(createKey, { path: "/api/v1/api-keys", key, body: { name: "x", scope: "admin" } })).status,
    ).toBe(403);
  });
});

describe("the CLI", () => {
  const cli = (...args: string[]) =>
    spawnSync("npx", ["tsx", "scripts/cli.ts", ...args], {
      env: { ...process.env, VIGIL_NEW_PASSWORD: "a-cli-chosen-password" },
      encoding: "utf8",
      timeout: 60_000,
    });

  it("creates with an expiry, lists and revokes keys; creates users and reset links; all audited as cli", () => {
    const created = cli(
      "apikey",
      "create",
      "--name",
      "from-cli",
      "--scope",
      "read",
      "--expires-in-days",
      "10",
    );
    expect(created.status, created.stderr).toBe(0);
    const key = /\n(vgl_\S+)/.exec(created.stdout)![1]!;
    expect(created.stdout).toMatch(/scope read, expires 20\d\d-/);
    const listed = cli("apikey", "list");
    expect(listed.stdout).toMatch(new RegExp(`${key.slice(0, 10)}\\s+read\\s+from-cli\\s+active until`));
    expect(listed.stdout).not.toContain(key);
    expect(cli("apikey", "revoke", key.slice(0, 10)).stdout).toMatch(/revoked 1 key/);
    const user = cli("user", "create", "--username", "cli-editor", "--role", "editor");
    expect(user.status, user.stderr).toBe(0);
    expect(cli("user", "create", "--username", "x", "--role", "owner").stderr).toMatch(
      /--role must be one of/,
    );
    const link = cli("user", "reset-link", "--username", "cli-editor");
    expect(link.status, link.stderr).toBe(0);
    expect(link.stdout).toMatch(/\/reset\/[\w-]{43}/);
  }, 120_000);

  it("left audit events with actorKind cli", async () => {
    const events = await database.db.auditEvent.findMany({
      where: { actorKind: "cli" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual([
      "api-key.create",
      "api-key.revoke",
      "user.create",
      "user.reset-link",
    ]);
    const user = await database.db.user.findUniqueOrThrow({ where: { username: "cli-editor" } });
    expect(user.role).toBe("editor");
  });
});
