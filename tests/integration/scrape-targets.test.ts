// Scrape targets through the API: create with each kind's default URL, list, read, patch, delete; validation
// errors that name the field; 404; a read key cannot write; the outbound address policy at save time; the
// authorization header stored encrypted and never returned; the job marked at once.
import { beforeAll, describe, expect, it } from "vitest";
import {
  DELETE as deleteRoute,
  GET as getRoute,
  PATCH as patchRoute,
} from "@/app/api/v1/scrape-targets/[id]/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/v1/scrape-targets/route";
import { createApiKey } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
let readKey = "";

beforeAll(async () => {
  database = await useTestDatabase({
    VIGIL_SECRET_KEY: "test-secret-key-0123456789",
    // 127.0.0.0/8 is allowed; every other private or loopback address (e.g. 10.x, ::1) is refused
    VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.0/8",
  });
  readKey = (await createApiKey(database.db, { name: "reader", scope: "read" })).key;
});

const create = (body: unknown, key?: string) =>
  call(createRoute, { path: "/api/v1/scrape-targets", body, key });
const byId = (id: unknown) => ({ path: `/api/v1/scrape-targets/${id}`, params: { id: String(id) } });
const target = (res: { body: Record<string, unknown> }) => res.body.target as Record<string, unknown>;

describe("scrape targets API", () => {
  it("fills each kind's default port and path when only a host is given", async () => {
    const cases: Array<[string, string, string]> = [
      ["triton", "127.0.0.1", "http://127.0.0.1:8002/metrics"],
      ["torchserve", "127.0.0.1", "http://127.0.0.1:8082/metrics"],
      ["tfserving", "127.0.0.1", "http://127.0.0.1:8501/monitoring/prometheus/metrics"],
      ["dcgm", "127.0.0.1", "http://127.0.0.1:9400/metrics"],
      ["node", "127.0.0.1", "http://127.0.0.1:9100/metrics"],
      ["generic", "127.0.0.1:7000", "http://127.0.0.1:7000/metrics"],
    ];
    for (const [kind, url, expected] of cases) {
      const res = await create({ kind, url });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(target(res)).toMatchObject({
        kind,
        job: kind,
        url: expected,
        instance: new URL(expected).host,
        intervalSeconds: 15,
        timeoutSeconds: 10,
        sampleLimit: 50_000,
        enabled: true,
        hasAuthorization: false,
        lastScrape: null,
      });
    }
    const full = await create({ kind: "generic", url: "http://127.0.0.2:8080/custom/path", job: "app" });
    expect(target(full)).toMatchObject({
      url: "http://127.0.0.2:8080/custom/path",
      instance: "127.0.0.2:8080",
    });
    const list = await call(listRoute, { path: "/api/v1/scrape-targets", key: readKey });
    expect(list.status).toBe(200);
    expect((list.body.targets as unknown[]).length).toBe(7);
    // each one's job is due at once
    const jobs = await database.db.job.findMany({ where: { kind: "scrape" } });
    expect(jobs.length).toBe(7);
  });

  it("rejects invalid fields, naming them", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ url: "127.0.0.1" }, /kind/],
      [{ kind: "prometheus", url: "127.0.0.1" }, /kind: one of triton/],
      [{ kind: "node" }, /url/],
      [{ kind: "node", url: "ftp://127.0.0.1/x" }, /url: only http and https/],
      [{ kind: "node", url: "127.0.0.3", intervalSeconds: 1 }, /intervalSeconds: at least 5/],
      [
        { kind: "node", url: "127.0.0.3", intervalSeconds: 10, timeoutSeconds: 20 },
        /timeoutSeconds: 20 is longer/,
      ],
      [
        { kind: "node", url: "127.0.0.3", intervalSeconds: 120, timeoutSeconds: 90 },
        /timeoutSeconds: at most 60/,
      ],
      [{ kind: "node", url: "127.0.0.3", sampleLimit: 1.5 }, /sampleLimit/],
      [{ kind: "node", url: "127.0.0.3", colour: "red" }, /colour/],
    ];
    for (const [body, message] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(String(res.body.error)).toMatch(message);
    }
    // a short interval without a timeout gets the interval as its timeout
    const short = await create({ kind: "node", url: "127.0.0.4", intervalSeconds: 5 });
    expect(target(short)).toMatchObject({ intervalSeconds: 5, timeoutSeconds: 5 });
    // the same job and instance twice
    expect((await create({ kind: "node", url: "127.0.0.4:9100" })).status).toBe(409);
  });

  it("refuses a URL the outbound address policy blocks, when it is saved", async () => {
    const blocked = await create({ kind: "node", url: "10.1.2.3" });
    expect(blocked.status).toBe(400);
    expect(String(blocked.body.error)).toMatch(/^url: /);
    const v6 = await create({ kind: "generic", url: "http://[::1]:9000/metrics" });
    expect(v6.status).toBe(400);
    expect(String(v6.body.error)).toMatch(/^url: /);
    const unresolvable = await create({ kind: "node", url: "no-such-host.invalid" });
    expect(unresolvable.status).toBe(400);
    expect(String(unresolvable.body.error)).toMatch(/url: cannot resolve host/);
  });

  it("reads, patches and deletes; 404 for an unknown id; a read key cannot write", async () => {
    const created = await create({ kind: "dcgm", url: "127.0.0.5", authorization: "Bearer s3cret-token" });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain("s3cret");
    const id = target(created).id as number;
    expect(target(created).hasAuthorization).toBe(true);
    const row = await database.db.scrapeTarget.findUniqueOrThrow({ where: { id } });
    expect(row.authEncrypted).not.toContain("s3cret");

    const got = await call(getRoute, { ...byId(id), key: readKey });
    expect(got.status).toBe(200);
    expect(target(got)).toMatchObject({ id, kind: "dcgm", url: "http://127.0.0.5:9400/metrics" });

    const patched = await call(patchRoute, {
      ...byId(id),
      method: "PATCH",
      body: { intervalSeconds: 30, timeoutSeconds: 20, enabled: false, authorization: null },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(target(patched)).toMatchObject({
      intervalSeconds: 30,
      timeoutSeconds: 20,
      enabled: false,
      hasAuthorization: false,
    });
    const badPatch = await call(patchRoute, { ...byId(id), method: "PATCH", body: { sampleLimit: 0 } });
    expect(badPatch.status).toBe(400);
    expect(String(badPatch.body.error)).toMatch(/sampleLimit: at least 1/);

    const denied = [
      await create({ kind: "node", url: "127.0.0.6" }, readKey),
      await call(patchRoute, { ...byId(id), method: "PATCH", body: { enabled: true }, key: readKey }),
      await call(deleteRoute, { ...byId(id), method: "DELETE", key: readKey }),
    ];
    expect(denied.map((r) => r.status)).toEqual([403, 403, 403]);
    expect((await call(listRoute, { path: "/api/v1/scrape-targets", key: null })).status).toBe(401);

    expect((await call(deleteRoute, { ...byId(id), method: "DELETE" })).status).toBe(204);
    expect((await call(getRoute, byId(id))).status).toBe(404);
    const missing = await call(patchRoute, { ...byId(99_999), method: "PATCH", body: { enabled: true } });
    expect(missing.status).toBe(404);
    expect(String(missing.body.error)).toMatch(/no scrape target with id 99999/);
    expect((await call(deleteRoute, { ...byId(99_999), method: "DELETE" })).status).toBe(404);
    const badId = await call(getRoute, byId("abc"));
    expect(badId.status).toBe(400);
    expect(String(badId.body.error)).toMatch(/id/);
  });
});
