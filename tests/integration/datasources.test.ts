// External data sources: a real Prometheus and a token-protected Prometheus-compatible server, queried
// through Vigil's API server-side; credentials encrypted and never returned; the outbound policy enforced.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteSource } from "@/app/api/v1/datasources/[name]/route";
import { POST as createSource, GET as listSources } from "@/app/api/v1/datasources/route";
import { GET as queryGet } from "@/app/api/v1/query/route";
import { resetEnvCache } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";
import { freePort, hasPrometheus, type RunningPrometheus, startPrometheus } from "../helpers/prometheus";

let database: Database;
let prometheus: RunningPrometheus | null = null;
let guarded: Server;
let guardedUrl: string;
const seen: Array<{ authorization?: string; body: string }> = [];

beforeAll(async () => {
  database = await useTestDatabase({
    VIGIL_SECRET_KEY: "test-secret-key-0123456789",
    VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1",
  });
  if (hasPrometheus()) prometheus = await startPrometheus();
  // A Prometheus-compatible server (like Mimir behind a gateway) that wants a bearer token.
  const port = await freePort();
  guarded = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => {
      body += d.toString();
    });
    req.on("end", () => {
      seen.push({ authorization: req.headers.authorization, body });
      if (req.headers.authorization !== "Bearer s3cret-token") {
        res.writeHead(401, { "content-type": "application/json" });
        return res.end(JSON.stringify({ status: "error", errorType: "unauthorized", error: "bad token" }));
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "success", data: { resultType: "scalar", result: [1, "7"] } }));
    });
  });
  await new Promise<void>((r) => guarded.listen(port, "127.0.0.1", () => r()));
  guardedUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await prometheus?.stop();
  await new Promise((r) => guarded.close(r));
});

const create = (body: unknown) => call(createSource, { path: "/api/v1/datasources", body });

describe("external data sources", () => {
  it.skipIf(!hasPrometheus())("proxies PromQL to a real Prometheus", async () => {
    expect((await create({ name: "prom", url: prometheus!.url })).status).toBe(201);
    const res = await call(queryGet, {
      path: "/api/v1/query?query=vector(42)&time=1700000000&datasource=prom",
    });
    expect(res).toEqual({
      status: 200,
      body: {
        status: "success",
        data: { resultType: "vector", result: [{ metric: {}, value: [1700000000, "42"] }] },
      },
    });
    const bad = await call(queryGet, { path: "/api/v1/query?query=sum(&datasource=prom" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: "error", errorType: "bad_data" });
  });

  it("sends stored credentials server-side and never returns them", async () => {
    const created = await create({
      name: "mimir",
      url: guardedUrl,
      auth: { type: "bearer", token: "s3cret-token" },
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain("s3cret-token");
    const res = await call(queryGet, { path: "/api/v1/query?query=7&datasource=mimir" });
    expect(res.body).toEqual({ status: "success", data: { resultType: "scalar", result: [1, "7"] } });
    expect(seen.at(-1)!.authorization).toBe("Bearer s3cret-token");
    expect(seen.at(-1)!.body).toBe("query=7");
    const listed = await call(listSources, { path: "/api/v1/datasources" });
    expect(JSON.stringify(listed.body)).not.toContain("s3cret-token");
    expect(
      (listed.body.datasources as Array<{ name: string; hasCredentials: boolean }>).find(
        (d) => d.name === "mimir",
      ),
    ).toMatchObject({
      hasCredentials: true,
      authType: "bearer",
    });
    const row = await database.db.dataSource.findUniqueOrThrow({ where: { name: "mimir" } });
    expect(row.secretEncrypted).not.toContain("s3cret");
  });

  it.each([
    [
      "the cloud metadata address",
      { name: "meta", url: "http://169.254.169.254/latest" },
      /link-local or metadata address/,
    ],
    [
      "a host not allow-listed",
      { name: "lan", url: "http://10.1.2.3:9090" },
      /not in VIGIL_OUTBOUND_ALLOWLIST/,
    ],
    ["a non-HTTP URL", { name: "file", url: "file:///etc/passwd" }, /only http and https/],
    ["credentials in the URL", { name: "cred", url: "http://u:p@127.0.0.1:9" }, /not in the URL/],
    ["a bad name", { name: "Bad Name", url: "http://127.0.0.1:9" }, /lowercase letters/],
  ])("refuses %s", async (_what, body, message) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it("409 on a duplicate name, 404 for unknown sources, and delete", async () => {
    expect((await create({ name: "mimir", url: guardedUrl })).status).toBe(409);
    expect((await call(queryGet, { path: "/api/v1/query?query=1&datasource=nope" })).status).toBe(404);
    const del = await call(deleteSource, {
      method: "DELETE",
      path: "/api/v1/datasources/mimir",
      params: { name: "mimir" },
    });
    expect(del.body).toEqual({ ok: true });
    expect((await call(queryGet, { path: "/api/v1/query?query=1&datasource=mimir" })).status).toBe(404);
  });

  it("refuses to store credentials without VIGIL_SECRET_KEY", async () => {
    const saved = process.env.VIGIL_SECRET_KEY;
    delete process.env.VIGIL_SECRET_KEY;
    resetEnvCache();
    const res = await create({
      name: "nokey",
      url: guardedUrl,
      auth: { type: "basic", username: "u", password: "p" },
    });
    process.env.VIGIL_SECRET_KEY = saved;
    resetEnvCache();
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/needs VIGIL_SECRET_KEY/);
  });
});
