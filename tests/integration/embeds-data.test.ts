// The embed data routes on the real database: /api/embed/query runs only the stored query of a panel the token
// covers, with the locked values; refusals for a tampered, expired, wrong-resource, revoked or rotated-out
// token, a locked parameter in the query string, an expression in the query string; cookies and API keys open
// nothing; a data-source panel's query goes to its data source; /api/embed/builtin is scoped the same way.
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { GET as builtinRoute } from "@/app/api/embed/builtin/route";
import { GET as queryRoute } from "@/app/api/embed/query/route";
import { DELETE as revokeRoute } from "@/app/api/v1/embeds/[id]/route";
import { POST as tokenRoute } from "@/app/api/v1/embeds/[id]/token/route";
import { signEmbedToken } from "@/lib/embeds/token";
import { call } from "../helpers/http";
import {
  createEmbed,
  NOW,
  OLD_SECRET,
  embedQuery as query,
  SECRET,
  setSecrets,
  setUpEmbedsWorld,
} from "./embeds-fixture";

const w = setUpEmbedsWorld();

describe("GET /api/embed/query", () => {
  it("runs the panel's stored query with the locked value", async () => {
    const { token } = await createEmbed({ dashboard: "recsys", panel: "acc", locked: { model: "recsys" } });
    const res = await query(`token=${token}&panel=acc&target=0&step=60`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const result = (res.body.data as { result: Array<{ metric: Record<string, string> }> }).result;
    expect(result.map((s) => s.metric.model)).toEqual(["recsys"]);
    const instant = await query(`token=${token}&panel=acc&target=0&instant=true`);
    expect((instant.body.data as { resultType: string }).resultType).toBe("vector");
  });

  it("refuses a locked parameter in the query string, and any parameter not made editable", async () => {
    const { token } = await createEmbed({
      dashboard: "recsys",
      panel: "acc",
      locked: { model: "recsys" },
      editable: ["from", "to"],
    });
    expect(await query(`token=${token}&panel=acc&target=0&model=fraud`)).toEqual({
      status: 403,
      body: { error: 'parameter "model" is locked by this embed' },
    });
    expect((await query(`token=${token}&panel=acc&target=0&from=now-1h&to=now`)).status).toBe(200);
    expect((await query(`token=${token}&panel=acc&target=0&env=staging`)).status).toBe(403);
    expect((await query(`token=${token}&panel=acc&target=0&from=tomorrow`)).status).toBe(400);
  });

  it("never runs an expression from the request", async () => {
    const { token } = await createEmbed({ dashboard: "recsys", panel: "acc", locked: { model: "recsys" } });
    for (const attempt of [
      "query=vigil_model_accuracy",
      "expr=vigil_model_accuracy",
      `target=${encodeURIComponent('vigil_model_accuracy{model="fraud"}')}`,
    ]) {
      const res = await query(`token=${token}&panel=acc&${attempt}`);
      expect([400, 403], attempt).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain("0.5");
    }
    expect((await query(`token=${token}&panel=acc&target=3`)).status).toBe(400);
  });

  it("refuses another panel of the dashboard for a panel token; a dashboard token reads each panel", async () => {
    const panelToken = (await createEmbed({ dashboard: "recsys", panel: "acc", locked: { model: "recsys" } }))
      .token;
    expect(await query(`token=${panelToken}&panel=secret&target=0`)).toEqual({
      status: 403,
      body: { error: "invalid token" },
    });
    const dashToken = (await createEmbed({ dashboard: "recsys", locked: { model: "recsys" } })).token;
    expect((await query(`token=${dashToken}&panel=secret&target=0`)).status).toBe(200);
    expect((await query(`token=${dashToken}&panel=zzz&target=0`)).status).toBe(403);
  });

  it("refuses a token re-signed for another dashboard or widened, and a tampered one", async () => {
    const made = await createEmbed({ dashboard: "recsys", panel: "acc", locked: { model: "recsys" } });
    const resign = (claims: Record<string, unknown>) =>
      new SignJWT({
        eid: made.embed.id,
        res: { dashboard: "recsys", panel: "acc" },
        locked: { model: "recsys" },
        editable: [],
        theme: "light",
        title: true,
        ...claims,
      })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(new TextEncoder().encode(SECRET));
    const invalid = { status: 403, body: { error: "invalid token" } };
    expect(
      await query(`token=${await resign({ res: { dashboard: "other", panel: "acc" } })}&panel=acc&target=0`),
    ).toEqual(invalid);
    expect(await query(`token=${await resign({ locked: {} })}&panel=acc&target=0`)).toEqual(invalid);
    expect(
      await query(`token=${await resign({ editable: ["model"], locked: {} })}&panel=acc&target=0`),
    ).toEqual(invalid);
    expect(await query(`token=${await resign({ eid: "no-such-embed" })}&panel=acc&target=0`)).toEqual(
      invalid,
    );
    // Per-tenant values signed by the customer's server are fine.
    expect(
      (await query(`token=${await resign({ locked: { model: "fraud" } })}&panel=acc&target=0`)).status,
    ).toBe(200);

    const [h, p, s] = made.token.split(".");
    const payload = JSON.parse(Buffer.from(p!, "base64url").toString());
    const tampered = [
      h,
      Buffer.from(JSON.stringify({ ...payload, locked: { model: "fraud" } })).toString("base64url"),
      s,
    ].join(".");
    expect(await query(`token=${tampered}&panel=acc&target=0`)).toEqual(invalid);
    expect(await query(`token=garbage&panel=acc&target=0`)).toEqual(invalid);
    expect(await query("panel=acc&target=0")).toEqual({
      status: 401,
      body: { error: "embed token required (?token=)" },
    });
  });

  it("refuses an expired token", async () => {
    const made = await createEmbed({ dashboard: "recsys", panel: "acc", locked: { model: "recsys" } });
    const stale = await signEmbedToken(
      {
        eid: made.embed.id,
        res: { dashboard: "recsys", panel: "acc" },
        locked: { model: "recsys" },
        editable: [],
        theme: "light",
        title: true,
      },
      SECRET,
      600,
      NOW - 601_000,
    );
    expect(await query(`token=${stale}&panel=acc&target=0`)).toEqual({
      status: 403,
      body: { error: "expired token" },
    });
  });

  it("refuses every token of a revoked embed, and will not renew it", async () => {
    const made = await createEmbed({ dashboard: "recsys", panel: "acc", locked: { model: "recsys" } });
    const revoked = await call(revokeRoute, {
      method: "DELETE",
      path: `/api/v1/embeds/${made.embed.id}`,
      params: { id: made.embed.id },
    });
    expect(revoked.status).toBe(200);
    expect((revoked.body.embed as { revokedAt: string | null }).revokedAt).not.toBeNull();
    expect(await query(`token=${made.token}&panel=acc&target=0`)).toEqual({
      status: 403,
      body: { error: "revoked token" },
    });
    const renew = await call(tokenRoute, {
      path: `/api/v1/embeds/${made.embed.id}/token`,
      params: { id: made.embed.id },
      method: "POST",
    });
    expect(renew.status).toBe(409);
    expect(
      await w.database.db.auditEvent.count({ where: { action: "embed.revoke", targetId: made.embed.id } }),
    ).toBe(1);
  });

  it("accepts the previous secret's tokens while rotating, and refuses them after", async () => {
    const made = await createEmbed({ dashboard: "recsys", panel: "acc", locked: { model: "recsys" } });
    const grant = {
      eid: made.embed.id,
      res: { dashboard: "recsys", panel: "acc" },
      locked: { model: "recsys" },
      editable: [],
      theme: "light" as const,
      title: true,
    };
    const old = await signEmbedToken(grant, OLD_SECRET, 600);
    try {
      setSecrets(SECRET, OLD_SECRET);
      expect((await query(`token=${old}&panel=acc&target=0`)).status).toBe(200);
      setSecrets(SECRET);
      expect(await query(`token=${old}&panel=acc&target=0`)).toEqual({
        status: 403,
        body: { error: "invalid token" },
      });
      // Rotated: the new secret signs, the old one only verifies.
      setSecrets(OLD_SECRET, SECRET);
      const renewed = await call(tokenRoute, {
        path: `/api/v1/embeds/${made.embed.id}/token`,
        params: { id: made.embed.id },
        method: "POST",
      });
      const token = String(renewed.body.token);
      setSecrets(OLD_SECRET);
      expect((await query(`token=${token}&panel=acc&target=0`)).status).toBe(200);
    } finally {
      setSecrets(SECRET);
    }
  });

  it("answers only to the token: a session cookie or API key opens nothing", async () => {
    const made = await createEmbed({ dashboard: "recsys", panel: "acc", locked: { model: "recsys" } });
    const withCookie = await call(queryRoute, {
      path: "/api/embed/query?panel=acc&target=0",
      key: null,
      headers: { cookie: w.editorCookie },
    });
    expect(withCookie.status).toBe(401);
    const withKey = await call(queryRoute, { path: "/api/embed/query?panel=acc&target=0" });
    expect(withKey.status).toBe(401);
    const res = await queryRoute(
      new Request(`http://localhost/api/embed/query?token=${made.token}&panel=acc&target=0`),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("sends a data-source panel's stored query, interpolated, to its data source", async () => {
    const { token } = await createEmbed({
      dashboard: "recsys",
      panel: "ext",
      locked: { model: "recsys" },
      editable: ["env"],
    });
    expect((await query(`token=${token}&panel=ext&target=0&env=staging`)).status).toBe(200);
    expect(w.externalQueries.at(-1)).toBe('up{env="staging", model="recsys"}');
  });
});

describe("GET /api/embed/builtin", () => {
  it("reads a built-in panel's data with the locked model; refuses panels outside the token", async () => {
    const { token } = await createEmbed({ dashboard: "recsys", locked: { model: "recsys" } });
    const res = await call(builtinRoute, { path: `/api/embed/builtin?token=${token}&panel=cm`, key: null });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.kind).toBe("confusion-matrix");
    expect((res.body.quality as { model: string }).model).toBe("recsys");
    expect(
      (await call(builtinRoute, { path: `/api/embed/builtin?token=${token}&panel=acc`, key: null })).status,
    ).toBe(400);
    const panelToken = (await createEmbed({ dashboard: "recsys", panel: "acc", locked: { model: "recsys" } }))
      .token;
    expect(
      (await call(builtinRoute, { path: `/api/embed/builtin?token=${panelToken}&panel=cm`, key: null }))
        .status,
    ).toBe(403);
  });
});
