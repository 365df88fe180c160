// Signed embeds through the v1 API on the real database: create (token, URL, snippet, signing code, audit),
// field errors, permissions, listing, renewal with an admin key (other locked values per tenant), revocation,
// the framing allow-list, and "embeds are disabled" without a secret. The data routes: embeds-data.test.ts.
import { describe, expect, it } from "vitest";
import { POST as tokenRoute } from "@/app/api/v1/embeds/[id]/token/route";
import { GET as getAncestors, PUT as putAncestors } from "@/app/api/v1/embeds/frame-ancestors/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/v1/embeds/route";
import { call } from "../helpers/http";
import { createEmbed, embedQuery as query, SECRET, setSecrets, setUpEmbedsWorld } from "./embeds-fixture";

const w = setUpEmbedsWorld();

describe("POST /api/v1/embeds", () => {
  it("makes an embed of one panel with a token, URL, iframe snippet and signing snippets, audited", async () => {
    const made = await createEmbed({
      dashboard: "recsys",
      panel: "acc",
      locked: { model: "recsys" },
      editable: ["from", "to"],
      theme: "dark",
      showTitle: false,
    });
    expect(made.embed).toMatchObject({
      dashboard: "recsys",
      panel: "acc",
      locked: { model: "recsys" },
      editable: ["from", "to"],
      theme: "dark",
      showTitle: false,
      revokedAt: null,
      path: "/embed/d/recsys/p/acc",
    });
    expect(made.url).toBe(`https://vigil.example.com/embed/d/recsys/p/acc?token=${made.token}`);
    expect(made.snippet).toContain('<iframe src="https://vigil.example.com/embed/d/recsys/p/acc?token=');
    expect(made.snippet).toContain('title="Panel acc — Dashboard recsys"');
    const audit = await w.database.db.auditEvent.findFirst({
      where: { action: "embed.create", targetId: made.embed.id },
    });
    expect(audit?.summary).toContain("recsys");
    expect(audit?.details ?? "").not.toContain(made.token);
  });

  it("refuses a panel, parameter or value the dashboard does not have, and locked + editable", async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ dashboard: "nope" }, 404, "nope"],
      [{ dashboard: "recsys", panel: "zzz" }, 400, "panel"],
      [{ dashboard: "recsys", locked: { region: "eu" } }, 400, "locked.region"],
      [{ dashboard: "recsys", editable: ["region"] }, 400, "editable[0]"],
      [{ dashboard: "recsys", locked: { model: "x" }, editable: ["model"] }, 400, "editable[0]"],
      [{ dashboard: "recsys", locked: { env: "dev" } }, 400, 'parameter "env"'],
      [{ dashboard: "recsys", theme: "neon" }, 400, "theme"],
    ];
    for (const [body, status, text] of cases) {
      const res = await call(createRoute, { path: "/api/v1/embeds", body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(String(res.body.error)).toContain(text);
    }
  });

  it("needs edit permission: a read key and a viewer cannot, an editor can", async () => {
    const body = { dashboard: "recsys", panel: "acc" };
    expect((await call(createRoute, { path: "/api/v1/embeds", body, key: w.readKey })).status).toBe(403);
    const asEditor = await call(createRoute, {
      path: "/api/v1/embeds",
      body,
      key: null,
      headers: { cookie: w.editorCookie, origin: "http://localhost", host: "localhost" },
    });
    expect(asEditor.status).toBe(201);
    expect((asEditor.body.embed as { createdBy: string }).createdBy).toBe("ed");
    const list = await call(listRoute, { path: "/api/v1/embeds?dashboard=recsys", key: w.readKey });
    expect(list.status).toBe(200);
    expect(list.body.enabled).toBe(true);
    expect((list.body.embeds as unknown[]).length).toBeGreaterThan(0);
  });
});

describe("POST /api/v1/embeds/{id}/token", () => {
  it("gives an admin key a fresh token; a read key gets 403; locked values only for the embed's parameters", async () => {
    const made = await createEmbed({ dashboard: "recsys", panel: "acc", locked: { model: "recsys" } });
    const at = {
      path: `/api/v1/embeds/${made.embed.id}/token`,
      params: { id: made.embed.id },
      method: "POST",
    };
    const renewed = await call(tokenRoute, at);
    expect(renewed.status).toBe(200);
    expect((await query(`token=${renewed.body.token}&panel=acc&target=0`)).status).toBe(200);
    expect((await call(tokenRoute, { ...at, key: w.readKey })).status).toBe(403);
    const tenant = await call(tokenRoute, { ...at, body: { locked: { model: "fraud" } } });
    expect(tenant.status).toBe(200);
    const series = await query(`token=${tenant.body.token}&panel=acc&target=0`);
    expect(
      (series.body.data as { result: Array<{ metric: { model: string } }> }).result[0]?.metric.model,
    ).toBe("fraud");
    expect((await call(tokenRoute, { ...at, body: { locked: { env: "prod" } } })).status).toBe(400);
    expect(
      (await call(tokenRoute, { ...at, params: { id: "nope" }, path: "/api/v1/embeds/nope/token" })).status,
    ).toBe(404);
  });
});

describe("the framing allow-list", () => {
  it("is read by anyone who reads, replaced by an admin, validated", async () => {
    expect(
      (await call(getAncestors, { path: "/api/v1/embeds/frame-ancestors", key: w.readKey })).body,
    ).toEqual({
      origins: [],
      directive: "'self'",
    });
    const put = await call(putAncestors, {
      method: "PUT",
      path: "/api/v1/embeds/frame-ancestors",
      body: { origins: ["https://portal.example.com/", "http://127.0.0.1:3101"] },
    });
    expect(put).toEqual({
      status: 200,
      body: {
        origins: ["https://portal.example.com", "http://127.0.0.1:3101"],
        directive: "'self' https://portal.example.com http://127.0.0.1:3101",
      },
    });
    const bad = await call(putAncestors, {
      method: "PUT",
      path: "/api/v1/embeds/frame-ancestors",
      body: { origins: ["https://ok.example.com", "https://x.com; script-src *"] },
    });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toContain("origins.1");
    const asEditor = await call(putAncestors, {
      method: "PUT",
      path: "/api/v1/embeds/frame-ancestors",
      body: { origins: [] },
      key: null,
      headers: { cookie: w.editorCookie, origin: "http://localhost", host: "localhost" },
    });
    expect(asEditor.status).toBe(403);
    expect((await call(getAncestors, { path: "/api/v1/embeds/frame-ancestors" })).body.origins).toEqual([
      "https://portal.example.com",
      "http://127.0.0.1:3101",
    ]);
  });
});

describe("without VIGIL_EMBED_SECRET", () => {
  it("says embeds are disabled when no secret is set", async () => {
    const made = await createEmbed({ dashboard: "recsys", panel: "acc" });
    try {
      setSecrets(undefined);
      const res = await query(`token=${made.token}&panel=acc&target=0`);
      expect(res.status).toBe(503);
      expect(String(res.body.error)).toContain("VIGIL_EMBED_SECRET");
      expect(
        (await call(createRoute, { path: "/api/v1/embeds", body: { dashboard: "recsys" } })).status,
      ).toBe(503);
      expect((await call(listRoute, { path: "/api/v1/embeds" })).body.enabled).toBe(false);
    } finally {
      setSecrets(SECRET);
    }
  });
});
