// OpenAPI document, health, login/logout, model settings, and the operator CLI — against the real database.
import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as health } from "@/app/api/health/route";
import { PATCH as patchModel } from "@/app/api/v1/models/[model]/route";
import { GET as listModels } from "@/app/api/v1/models/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import { contract } from "@/lib/api/contract";
import type { Database } from "@/lib/db/client";
import { ALIVE_FILE, heartbeat } from "@/lib/jobs/runner";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], { env: process.env });

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase({
    VIGIL_ADMIN_PASSWORD: "correct-horse-battery",
    VIGIL_ADMIN_USERNAME: "admin",
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("describes every v1 route with schemas generated from zod", async () => {
    const res = await openapi();
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    for (const spec of Object.values(contract)) {
      const op = doc.paths[spec.path]?.[spec.method.toLowerCase()];
      expect(op, `${spec.method} ${spec.path}`).toBeDefined();
      expect(op!["x-vigil-permission"]).toBe(spec.permission);
    }
    const body = doc.paths["/api/v1/predictions"]!.post!.requestBody as {
      content: {
        "application/json": {
          schema: {
            properties: {
              predictions: { items: { required: string[]; properties: Record<string, unknown> } };
            };
          };
        };
      };
    };
    const row = body.content["application/json"].schema.properties.predictions.items;
    expect(row.required).toEqual(expect.arrayContaining(["id", "model", "prediction"]));
    expect(Object.keys(row.properties)).toEqual(
      expect.arrayContaining(["features", "score", "scores", "variant", "latencyMs", "timestamp", "version"]),
    );
    const quality = doc.paths["/api/v1/models/{model}/quality"]!.get!.parameters as Array<{
      name: string;
      in: string;
    }>;
    expect(quality.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(["path:model", "query:from", "query:to", "query:window", "query:version"]),
    );
  });
});

describe("GET /api/health", () => {
  it("reports the database, migrations and the worker heartbeat", async () => {
    const before = await call(health, { path: "/api/health", key: null });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      status: "degraded",
      database: { reachable: true, flavour: database.flavour, pendingMigrations: [] },
      worker: { lastHeartbeat: null, workers: 0 },
    });
    await heartbeat(database, "w1", new Date());
    // The liveness probe of the worker container reads this file's age.
    expect(Date.now() - statSync(ALIVE_FILE).mtimeMs).toBeLessThan(10_000);
    const after = await call(health, { path: "/api/health", key: null });
    expect(after.body).toMatchObject({ status: "ok", worker: { workers: 1, secondsAgo: 0 } });
  });
});

describe("dashboard login", () => {
  const attempt = (username: string, password: string) => {
    const req = new Request("http://localhost/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    return login(req);
  };

  it("refuses a wrong password and sets an httpOnly session cookie for the right one", async () => {
    const wrong = await attempt("admin", "nope-nope");
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "wrong username or password" });
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const ok = await attempt("admin", "correct-horse-battery");
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^vigil_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    expect(cookie).not.toMatch(/Secure/); // plain http; Secure is set behind HTTPS
    const token = /vigil_session=([^;]+)/.exec(cookie)![1]!;
    // The cookie authenticates read routes…
    const models = await call(listModels, {
      path: "/api/v1/models",
      key: null,
      headers: { cookie: `vigil_session=${token}` },
    });
    expect(models.status).toBe(200);
    // …and ends with logout.
    const out = await logout(
      new Request("http://localhost/api/auth/logout", {
        method: "POST",
        headers: { cookie: `vigil_session=${token}` },
      }),
    );
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    const after = await call(listModels, {
      path: "/api/v1/models",
      key: null,
      headers: { cookie: `vigil_session=${token}` },
    });
    expect(after.status).toBe(401);
  });

  it("refuses cookie-authenticated writes from another origin", async () => {
    const res = await attempt("admin", "correct-horse-battery");
    const token = /vigil_session=([^;]+)/.exec(res.headers.get("set-cookie")!)![1]!;
    const cross = await call(postPredictions, {
      path: "/api/v1/predictions",
      key: null,
      headers: { cookie: `vigil_session=${token}`, origin: "https://evil.example", host: "localhost" },
      body: { predictions: [{ id: "x", model: "m", prediction: 1 }] },
    });
    expect(cross.status).toBe(403);
    expect(cross.body.error).toMatch(/cross-origin request refused/);
  });

  it("locks a username after 10 failed attempts", async () => {
    for (let i = 0; i < 10; i++) expect((await attempt("locked-user", "x")).status).toBe(401);
    const locked = await attempt("locked-user", "x");
    expect(locked.status).toBe(429);
  });
});

describe("PATCH /api/v1/models/{model}", () => {
  it("sets task and positive class, and explains bad input", async () => {
    await call(postPredictions, {
      path: "/api/v1/predictions",
      body: { predictions: [{ id: "p1", model: "spam", prediction: "spam" }] },
    });
    const patch = (body: unknown, model = "spam") =>
      call(patchModel, { method: "PATCH", path: `/api/v1/models/${model}`, params: { model }, body });
    expect(await patch({ task: "binary", positiveClass: "spam", owner: "trust-team" })).toEqual({
      status: 200,
      body: {
        model: {
          name: "spam",
          displayName: null,
          description: null,
          owner: "trust-team",
          task: "binary",
          taskSource: "set",
          positiveClass: "spam",
        },
      },
    });
    const bad = await patch({ task: "ranking" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/task must be binary, multiclass or regression/);
    const unknownField = await patch({ colour: "red" });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error).toMatch(/colour/);
    expect((await patch({ task: "binary" }, "nope")).status).toBe(404);
  });
});

describe("npm run vigil (CLI)", () => {
  it("creates, lists and revokes API keys and sets a password", async () => {
    const created = await cli("apikey", "create", "--name", "cli-test", "--scope", "read");
    const key = created.stdout.trim().split("\n").at(-1)!;
    expect(key).toMatch(/^vgl_[\w-]{32}$/);
    const ok = await call(listModels, { path: "/api/v1/models", key });
    expect(ok.status).toBe(200);
    const listed = await cli("apikey", "list");
    expect(listed.stdout).toContain("cli-test");
    expect(listed.stdout).toContain(key.slice(0, 10));
    expect(listed.stdout).not.toContain(key);
    const id = /#(\d+)\s+\S+\s+read\s+cli-test/.exec(listed.stdout)![1]!;
    await cli("apikey", "revoke", id);
    expect((await call(listModels, { path: "/api/v1/models", key })).body).toEqual({
      error: "API key has been revoked",
    });
    await cli("user", "set-password", "--username", "ops", "--password", "a-new-password-1");
    const res = await login(
      new Request("http://localhost/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "ops", password: "a-new-password-1" }),
      }),
    );
    expect(res.status).toBe(200);
    await expect(cli("apikey", "create", "--name", "x", "--scope", "root")).rejects.toMatchObject({
      stderr: expect.stringContaining("--scope must be one of ingest, read, admin"),
    });
  });
});

describe("first start without an account", () => {
  it("tells how to create the admin account instead of 'wrong password'", async () => {
    await database.db.session.deleteMany();
    await database.db.user.deleteMany();
    const res = await login(
      new Request("http://localhost/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password: "whatever-1" }),
      }),
    );
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatch(/no dashboard account exists yet: set VIGIL_ADMIN_PASSWORD/);
  });
});
