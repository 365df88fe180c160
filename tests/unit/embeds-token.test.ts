// Embed tokens: sign/verify round trip, expiry, tampering, algorithm confusion, rotation, and the ceiling an
// embed row puts on its tokens.
import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { type EmbedRecord, EmbedTokenError, grantFailure, panelInScope } from "@/lib/embeds/access";
import type { EmbedGrant } from "@/lib/embeds/schemas";
import { type EmbedClaims, signEmbedToken, verifyEmbedToken } from "@/lib/embeds/token";

const SECRET = "s".repeat(40);
const OLD_SECRET = "o".repeat(40);
const NOW = Date.UTC(2025, 0, 1, 12);

const grant: EmbedGrant = {
  eid: "emb1",
  res: { dashboard: "recsys", panel: "acc" },
  locked: { model: "recsys" },
  editable: ["from", "to"],
  theme: "dark",
  title: true,
};

function claimsOf(result: Awaited<ReturnType<typeof verifyEmbedToken>>): EmbedClaims {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.claims;
}

/** Replaces the payload (middle part) of a token, keeping its signature. */
function withPayload(token: string, payload: object): string {
  const [header, , signature] = token.split(".");
  return [header, Buffer.from(JSON.stringify(payload)).toString("base64url"), signature].join(".");
}

describe("signEmbedToken / verifyEmbedToken", () => {
  it("round-trips the claims with iat and exp", async () => {
    const token = await signEmbedToken(grant, SECRET, 600, NOW);
    const claims = claimsOf(await verifyEmbedToken(token, { current: SECRET }, NOW + 1000));
    expect(claims).toEqual({ ...grant, iat: NOW / 1000, exp: NOW / 1000 + 600 });
    const header = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString());
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
  });

  it("refuses an expired token as expired", async () => {
    const token = await signEmbedToken(grant, SECRET, 600, NOW);
    expect(await verifyEmbedToken(token, { current: SECRET }, NOW + 599_000)).toMatchObject({ ok: true });
    expect(await verifyEmbedToken(token, { current: SECRET }, NOW + 601_000)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuses a tampered payload or signature as a bad signature", async () => {
    const token = await signEmbedToken(grant, SECRET, 600, NOW);
    const payload = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
    const widened = withPayload(token, { ...payload, res: { dashboard: "recsys" }, locked: {} });
    expect(await verifyEmbedToken(widened, { current: SECRET }, NOW)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    const flipped = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    expect(await verifyEmbedToken(flipped, { current: SECRET }, NOW)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    expect(await verifyEmbedToken(token, { current: "x".repeat(40) }, NOW)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
  });

  it("refuses garbage, alg none and other algorithms as malformed", async () => {
    for (const bad of ["", "abc", "a.b", "a.b.c.d", "x".repeat(9000), "ey.ey.ey"])
      expect(await verifyEmbedToken(bad, { current: SECRET }, NOW)).toEqual({
        ok: false,
        reason: "malformed",
      });
    const none = new UnsecuredJWT({ ...grant })
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 60)
      .encode();
    expect(await verifyEmbedToken(`${none}AAAA`, { current: SECRET }, NOW)).toMatchObject({ ok: false });
    expect(await verifyEmbedToken(none, { current: SECRET }, NOW)).toMatchObject({ ok: false });
    const hs512 = await new SignJWT({ ...grant })
      .setProtectedHeader({ alg: "HS512" })
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 60)
      .sign(new TextEncoder().encode(SECRET));
    expect(await verifyEmbedToken(hs512, { current: SECRET }, NOW)).toEqual({
      ok: false,
      reason: "malformed",
    });
  });

  it("refuses a correctly signed token whose claims are not an embed grant", async () => {
    const key = new TextEncoder().encode(SECRET);
    const sign = (payload: object) =>
      new SignJWT({ ...payload })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuedAt(NOW / 1000)
        .setExpirationTime(NOW / 1000 + 60)
        .sign(key);
    for (const payload of [
      { ...grant, theme: "neon" },
      { ...grant, locked: { "bad name": "x" } },
      { ...grant, res: {} },
      { eid: "emb1" },
    ])
      expect(await verifyEmbedToken(await sign(payload), { current: SECRET }, NOW)).toEqual({
        ok: false,
        reason: "malformed",
      });
    const noExp = await new SignJWT({ ...grant })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      .sign(key);
    expect(await verifyEmbedToken(noExp, { current: SECRET }, NOW)).toEqual({
      ok: false,
      reason: "malformed",
    });
  });

  it("accepts tokens of the previous secret while rotating, and reports their expiry", async () => {
    const old = await signEmbedToken(grant, OLD_SECRET, 600, NOW);
    expect(await verifyEmbedToken(old, { current: SECRET }, NOW)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    expect(claimsOf(await verifyEmbedToken(old, { current: SECRET, previous: OLD_SECRET }, NOW)).eid).toBe(
      "emb1",
    );
    expect(await verifyEmbedToken(old, { current: SECRET, previous: OLD_SECRET }, NOW + 700_000)).toEqual({
      ok: false,
      reason: "expired",
    });
    const fresh = await signEmbedToken(grant, SECRET, 600, NOW);
    expect(await verifyEmbedToken(fresh, { current: SECRET, previous: OLD_SECRET }, NOW)).toMatchObject({
      ok: true,
    });
    // After the rotation is over (previous unset), the old tokens stop working.
    expect(await verifyEmbedToken(old, { current: SECRET }, NOW)).toMatchObject({ ok: false });
  });
});

describe("grantFailure: the embed row is the ceiling of its tokens", () => {
  const row: EmbedRecord = {
    id: "emb1",
    dashboardUid: "recsys",
    panelId: "acc",
    locked: { model: "recsys" },
    editable: ["from", "to"],
    theme: "dark",
    showTitle: true,
    createdById: null,
    createdAt: new Date(NOW),
    revokedAt: null,
  };
  const claims: EmbedClaims = { ...grant, iat: NOW / 1000, exp: NOW / 1000 + 600 };

  it("accepts the row's own grant, and other locked values (one token per tenant)", () => {
    expect(grantFailure(claims, row)).toBeNull();
    expect(grantFailure({ ...claims, locked: { model: "fraud" } }, row)).toBeNull();
    expect(grantFailure({ ...claims, editable: ["from"] }, row)).toBeNull();
  });

  it("refuses an unknown or revoked embed, another resource, an unlocked or widened parameter", () => {
    expect(grantFailure(claims, null)).toBe("wrong-resource");
    expect(grantFailure(claims, { ...row, revokedAt: new Date(NOW) })).toBe("revoked");
    expect(grantFailure({ ...claims, res: { dashboard: "other", panel: "acc" } }, row)).toBe(
      "wrong-resource",
    );
    expect(grantFailure({ ...claims, res: { dashboard: "recsys", panel: "gpu" } }, row)).toBe(
      "wrong-resource",
    );
    expect(grantFailure({ ...claims, res: { dashboard: "recsys" } }, row)).toBe("wrong-resource");
    expect(grantFailure({ ...claims, locked: {} }, row)).toBe("wrong-resource");
    expect(grantFailure({ ...claims, editable: ["from", "to", "model"] }, row)).toBe("wrong-resource");
  });

  it("lets a dashboard token read each of its panels, a panel token only its own", () => {
    const ids = ["acc", "gpu"];
    expect(panelInScope(claims, "acc", ids)).toBe(true);
    expect(panelInScope(claims, "gpu", ids)).toBe(false);
    const whole = { ...claims, res: { dashboard: "recsys" } };
    expect(panelInScope(whole, "gpu", ids)).toBe(true);
    expect(panelInScope(whole, "nope", ids)).toBe(false);
  });

  it("answers only invalid, expired or revoked over HTTP", () => {
    const messages = (["malformed", "bad-signature", "wrong-resource", "expired", "revoked"] as const).map(
      (r) => {
        const error = new EmbedTokenError(r);
        expect(error.status).toBe(403);
        expect(error.reason).toBe(r);
        return error.message;
      },
    );
    expect(new Set(messages)).toEqual(new Set(["invalid token", "expired token", "revoked token"]));
  });
});
