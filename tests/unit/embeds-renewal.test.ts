// The embed's renewal logic: when it asks its host page for a new token, what it sends where, what it accepts.
import { describe, expect, it } from "vitest";
import {
  acceptTokenReply,
  localExpiryMs,
  peekEmbedClaims,
  renewalStep,
  requestTargetOrigin,
  TOKEN_REPLY,
  TOKEN_REQUEST,
  tokenRequestMessage,
} from "@/lib/embeds/renewal";
import { signEmbedToken } from "@/lib/embeds/token";

const T0 = 1_700_000_000; // seconds
const times = { eid: "emb1", iat: T0, exp: T0 + 600 };
const ms = (s: number) => s * 1000;

describe("renewalStep", () => {
  it("waits until 80 % of the lifetime, then asks", () => {
    expect(renewalStep(times, ms(T0), ms(T0), null)).toEqual({ kind: "wait", ms: 480_000 });
    expect(renewalStep(times, ms(T0), ms(T0 + 479), null)).toEqual({ kind: "wait", ms: 1_000 });
    expect(renewalStep(times, ms(T0), ms(T0 + 480), null)).toEqual({ kind: "request", thenWaitMs: 30_000 });
  });

  it("asks again every 5 % of the lifetime (at least 2 s) until the token expires", () => {
    expect(renewalStep(times, ms(T0), ms(T0 + 490), ms(T0 + 480))).toEqual({ kind: "wait", ms: 20_000 });
    expect(renewalStep(times, ms(T0), ms(T0 + 510), ms(T0 + 480))).toEqual({
      kind: "request",
      thenWaitMs: 30_000,
    });
    expect(renewalStep(times, ms(T0), ms(T0 + 590), ms(T0 + 580))).toEqual({ kind: "wait", ms: 10_000 });
    expect(renewalStep(times, ms(T0), ms(T0 + 600), ms(T0 + 590))).toEqual({ kind: "expired" });
    const short = { eid: "e", iat: T0, exp: T0 + 20 };
    expect(renewalStep(short, ms(T0), ms(T0 + 16), null)).toEqual({ kind: "request", thenWaitMs: 2_000 });
  });

  it("never waits past the real expiry when this browser's clock runs behind the server's", () => {
    // Received when the local clock said T0 - 300 s: the token still has only 600 s to live.
    const received = ms(T0 - 300);
    expect(localExpiryMs(times, received)).toBe(ms(T0 + 300));
    expect(renewalStep(times, received, received, null)).toEqual({ kind: "wait", ms: 480_000 });
    expect(renewalStep(times, received, ms(T0 + 300), null)).toEqual({ kind: "expired" });
    // A clock running ahead makes the embed renew early, never late.
    expect(localExpiryMs(times, ms(T0 + 100))).toBe(ms(T0 + 600));
  });
});

describe("peekEmbedClaims", () => {
  it("reads eid, iat and exp of a real token, and null of anything else", async () => {
    const token = await signEmbedToken(
      { eid: "emb1", res: { dashboard: "d" }, locked: {}, editable: [], theme: "light", title: true },
      "k".repeat(32),
      600,
      ms(T0),
    );
    expect(peekEmbedClaims(token)).toEqual(times);
    for (const bad of [
      "",
      "a.b.c",
      "x.e30.y",
      `x.${Buffer.from('{"eid":1,"iat":1,"exp":2}').toString("base64url")}.y`,
    ])
      expect(peekEmbedClaims(bad)).toBeNull();
  });
});

describe("the postMessage protocol", () => {
  const allowList = ["https://portal.example.com", "https://*.example.org"];
  const self = "https://vigil.example.com";

  it("asks with the embed's id", () => {
    expect(tokenRequestMessage("emb1")).toEqual({ type: TOKEN_REQUEST, embedId: "emb1" });
  });

  it("posts to the parent's origin when the browser names it and it is allowed, else to *", () => {
    const input = { ancestorOrigins: [] as string[], referrer: "", allowList, selfOrigin: self };
    expect(requestTargetOrigin({ ...input, ancestorOrigins: ["https://portal.example.com"] })).toBe(
      "https://portal.example.com",
    );
    expect(requestTargetOrigin({ ...input, referrer: "https://a.example.org/page?x=1" })).toBe(
      "https://a.example.org",
    );
    expect(requestTargetOrigin({ ...input, referrer: `${self}/dashboards/x` })).toBe(self);
    expect(requestTargetOrigin({ ...input, ancestorOrigins: ["https://evil.test"] })).toBe("*");
    expect(requestTargetOrigin(input)).toBe("*");
  });

  it("accepts a token only from the parent window, an allowed origin, for this embed", async () => {
    const token = await signEmbedToken(
      { eid: "emb1", res: { dashboard: "d" }, locked: {}, editable: [], theme: "light", title: true },
      "k".repeat(32),
      600,
    );
    const expected = { embedId: "emb1", allowList, selfOrigin: self };
    const ok = { data: { type: TOKEN_REPLY, token }, origin: "https://portal.example.com", fromParent: true };
    expect(acceptTokenReply(ok, expected)).toBe(token);
    expect(acceptTokenReply({ ...ok, origin: "https://b.example.org" }, expected)).toBe(token);
    expect(acceptTokenReply({ ...ok, fromParent: false }, expected)).toBeNull();
    expect(acceptTokenReply({ ...ok, origin: "https://evil.test" }, expected)).toBeNull();
    expect(acceptTokenReply({ ...ok, origin: "http://portal.example.com" }, expected)).toBeNull();
    expect(acceptTokenReply({ ...ok, data: { type: "other", token } }, expected)).toBeNull();
    expect(acceptTokenReply({ ...ok, data: { type: TOKEN_REPLY, token: 42 } }, expected)).toBeNull();
    expect(acceptTokenReply({ ...ok, data: "vigil:token" }, expected)).toBeNull();
    expect(acceptTokenReply(ok, { ...expected, embedId: "emb2" })).toBeNull();
  });
});
