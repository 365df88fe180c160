// The audit log: changes made through the routes leave one event each (who, what, which target, a summary and
// details without secrets), and GET /api/v1/audit reads them newest first, filtered by time, actor and target
// type, a page at a time. Admins only.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listAudit } from "@/app/api/v1/audit/route";
import { DELETE as deleteChannel, PUT as replaceChannel } from "@/app/api/v1/channels/[id]/route";
import { POST as createChannel } from "@/app/api/v1/channels/route";
import { POST as createDataSource } from "@/app/api/v1/datasources/route";
import { PATCH as patchRetention } from "@/app/api/v1/retention/route";
import { DELETE as deleteGroup, PATCH as pauseGroup } from "@/app/api/v1/rule-groups/[id]/route";
import { POST as createGroup } from "@/app/api/v1/rule-groups/route";
import { DELETE as expireSilence } from "@/app/api/v1/silences/[id]/route";
import { POST as createSilence } from "@/app/api/v1/silences/route";
import { recordAudit, redactSecrets } from "@/lib/audit/record";
import type { Database } from "@/lib/db/client";
import { createUserWithRole, SAME_ORIGIN, sessionCookie } from "../authz/principals";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
let editorCookie: string;
let adminCookie: string;
beforeAll(async () => {
  database = await useTestDatabase({
    VIGIL_SECRET_KEY: "audit-test-secret-key-0123456789",
    VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1",
  });
  editorCookie = await sessionCookie(database, (await createUserWithRole(database, "editor", "eddie")).id);
  adminCookie = await sessionCookie(database, (await createUserWithRole(database, "admin", "ada")).id);
});

const as = (cookie: string) => ({ key: null, headers: { cookie, ...SAME_ORIGIN } });
type Event = {
  id: number;
  at: string;
  actorKind: string;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  details: unknown;
};

async function read(query = "") {
  const res = await call(listAudit, { path: `/api/v1/audit${query}` });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { events: Event[]; nextCursor: string | null };
}

describe("changes are audited", () => {
  it("rule groups: create, pause, delete — by an editor", async () => {
    const created = await call(createGroup, {
      path: "/api/v1/rule-groups",
      body: { name: "latency", interval: "1m", rules: [{ record: "x:y", expr: "vector(1)" }] },
      ...as(editorCookie),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = String((created.body.group as { id: number }).id);
    expect(
      (
        await call(pauseGroup, {
          method: "PATCH",
          path: "/",
          params: { id },
          body: { paused: true },
          ...as(editorCookie),
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(deleteGroup, { method: "DELETE", path: "/", params: { id }, ...as(editorCookie) })).status,
    ).toBe(200);
    const { events } = await read("?targetType=rule-group");
    expect(events.map((e) => e.action)).toEqual([
      "rule-group.delete",
      "rule-group.pause",
      "rule-group.create",
    ]);
    expect(events[2]).toMatchObject({
      actorKind: "user",
      actorName: "eddie",
      targetId: id,
      summary: 'created rule group "latency"',
    });
  });

  it("silences: create and expire", async () => {
    const res = await call(createSilence, {
      path: "/api/v1/silences",
      body: {
        matchers: '{model="rec"}',
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        comment: "deploy",
      },
      ...as(editorCookie),
    });
    expect(res.status).toBe(201);
    const id = (res.body.silence as { id: string }).id;
    expect(
      (await call(expireSilence, { method: "DELETE", path: "/", params: { id }, ...as(editorCookie) }))
        .status,
    ).toBe(200);
    const { events } = await read("?targetType=silence");
    expect(events.map((e) => [e.action, e.targetId])).toEqual([
      ["silence.expire", id],
      ["silence.create", id],
    ]);
    expect(events[1]!.details).toMatchObject({ comment: "deploy" });
  });

  it("contact points never put a secret or a webhook URL in the log", async () => {
    const secret = "hmac-signing-secret-42";
    const hook = "http://127.0.0.1:9/hooks/super-private-path";
    const res = await call(createChannel, {
      path: "/api/v1/channels",
      body: { name: "ops-hook", kind: "webhook", settings: { url: hook }, secret },
      ...as(adminCookie),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = String((res.body.contactPoint as { id: number }).id);
    const put = await call(replaceChannel, {
      method: "PUT",
      path: "/",
      params: { id },
      body: { name: "ops-hook", kind: "webhook", settings: { url: `${hook}2` }, secret: `${secret}-2` },
      ...as(adminCookie),
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(
      (await call(deleteChannel, { method: "DELETE", path: "/", params: { id }, ...as(adminCookie) })).status,
    ).toBe(200);
    const { events } = await read("?targetType=contact-point");
    expect(events.map((e) => e.action)).toEqual([
      "contact-point.delete",
      "contact-point.update",
      "contact-point.create",
    ]);
    const stored = JSON.stringify(
      await database.db.auditEvent.findMany({ where: { targetType: "contact-point" } }),
    );
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain("super-private-path");
  });

  it("data sources (no credentials) and retention", async () => {
    const ds = await call(createDataSource, {
      path: "/api/v1/datasources",
      body: { name: "prom", url: "http://127.0.0.1:9090", auth: { type: "bearer", token: "prom-token-xyz" } },
      ...as(adminCookie),
    });
    expect(ds.status, JSON.stringify(ds.body)).toBe(201);
    expect(
      (await call(patchRetention, { method: "PATCH", path: "/", body: { series: 30 }, ...as(adminCookie) }))
        .status,
    ).toBe(200);
    const { events } = await read("?actor=ada");
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["data-source.create", "retention.update", "contact-point.create"]),
    );
    expect(JSON.stringify(await database.db.auditEvent.findMany())).not.toContain("prom-token-xyz");
  });

  it("recordAudit redacts secret-looking fields at any depth", async () => {
    expect(
      redactSecrets({
        name: "x",
        password: "p",
        nested: [{ apiKey: "k", token: null, ok: 1 }],
        webhookUrl: "u",
      }),
    ).toEqual({
      name: "x",
      password: "[redacted]",
      nested: [{ apiKey: "[redacted]", token: null, ok: 1 }],
      webhookUrl: "[redacted]",
    });
    await recordAudit(
      database,
      { kind: "system", name: "test" },
      {
        action: "embed.create",
        targetType: "embed",
        targetId: "e1",
        summary: "made an embed",
        details: { secret: "s3cr3t", locked: { model: "rec" } },
      },
    );
    const [event] = (await read("?targetType=embed")).events;
    expect(event).toMatchObject({
      actorKind: "system",
      actorName: "test",
      details: { secret: "[redacted]", locked: { model: "rec" } },
    });
  });
});

describe("GET /api/v1/audit", () => {
  it("pages newest first with a cursor", async () => {
    const all = (await read("?limit=500")).events;
    expect(all.length).toBeGreaterThan(8);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    const seen: number[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = await read(`?limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.events.length).toBeLessThanOrEqual(4);
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it("filters by time range and actor kind", async () => {
    const all = (await read("?limit=500")).events;
    const future = await read(`?from=${Date.now() + 60_000}`);
    expect(future.events).toEqual([]);
    const past = await read(
      `?to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}&limit=500`,
    );
    expect(past.events.length).toBe(all.length);
    expect((await read("?actor=system")).events.map((e) => e.action)).toEqual(["embed.create"]);
  });

  it("names bad parameters and is refused to non-admins", async () => {
    const bad = await call(listAudit, { path: "/api/v1/audit?limit=0&from=yesterday" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/limit must be 1–500/);
    expect(bad.body.error).toMatch(/from: "yesterday" is not ISO-8601/);
    expect((await call(listAudit, { path: "/api/v1/audit", ...as(editorCookie) })).status).toBe(403);
  });
});
