// Token renewal inside an embed, as pure functions: when to ask the host page for a new token, which messages
// to send and accept, and to which window origin. The component (components/embeds/use-token-renewal.ts) only
// wires these to timers and window events. Protocol: docs/embeds.md.
import { originAllowed } from "./frame-ancestors";

export const TOKEN_REQUEST = "vigil:token-request";
export const TOKEN_REPLY = "vigil:token";

/** Ask at 80 % of the token's lifetime: time for the host's server to sign a new one, and for retries. */
export const RENEW_AT_FRACTION = 0.8;
const MIN_RETRY_MS = 2_000;

export interface TokenTimes {
  eid: string;
  /** seconds since the epoch, as in the JWT */
  iat: number;
  exp: number;
}

/**
 * The claims the renewal logic needs, read without verifying the signature (the server verifies every request).
 * Never for authorisation: only to time the renewal and to match a reply to this embed.
 */
export function peekEmbedClaims(token: string): TokenTimes | null {
  const part = token.split(".")[1];
  if (!part || part.length > 8192) return null;
  try {
    const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
    const json: unknown = JSON.parse(atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4)));
    if (typeof json !== "object" || json === null) return null;
    const { eid, iat, exp } = json as Record<string, unknown>;
    if (typeof eid !== "string" || typeof iat !== "number" || typeof exp !== "number" || exp <= iat)
      return null;
    return { eid, iat, exp };
  } catch {
    return null;
  }
}

/**
 * When the token stops working by this browser's clock. The server's clock decides, and the two may differ:
 * take the earlier of the token's own expiry and "received + lifetime", so a clock running behind never makes
 * the embed wait past the real expiry.
 */
export function localExpiryMs(times: TokenTimes, receivedAtMs: number): number {
  return Math.min(times.exp * 1000, receivedAtMs + (times.exp - times.iat) * 1000);
}

export type RenewalStep =
  | { kind: "wait"; ms: number }
  | { kind: "request"; thenWaitMs: number }
  | { kind: "expired" };

/**
 * What to do now: wait until 80 % of the lifetime, then ask, then ask again every 5 % of the lifetime (at least
 * 2 s) while no new token has come, until the token expires.
 */
export function renewalStep(
  times: TokenTimes,
  receivedAtMs: number,
  nowMs: number,
  lastRequestMs: number | null,
): RenewalStep {
  const lifetimeMs = (times.exp - times.iat) * 1000;
  const expiresMs = localExpiryMs(times, receivedAtMs);
  if (nowMs >= expiresMs) return { kind: "expired" };
  const renewAtMs = expiresMs - (1 - RENEW_AT_FRACTION) * lifetimeMs;
  if (nowMs < renewAtMs) return { kind: "wait", ms: Math.ceil(renewAtMs - nowMs) };
  const retryMs = Math.max(MIN_RETRY_MS, 0.05 * lifetimeMs);
  const untilExpiry = Math.ceil(expiresMs - nowMs);
  if (lastRequestMs === null || nowMs - lastRequestMs >= retryMs)
    return { kind: "request", thenWaitMs: Math.min(retryMs, untilExpiry) };
  return { kind: "wait", ms: Math.min(Math.ceil(lastRequestMs + retryMs - nowMs), untilExpiry) };
}

export function tokenRequestMessage(embedId: string): { type: typeof TOKEN_REQUEST; embedId: string } {
  return { type: TOKEN_REQUEST, embedId };
}

/**
 * The window origin to post the request to: the parent's, when the browser tells it (ancestorOrigins in
 * Chromium and Safari, else the referrer, which the parent's default referrer policy sends as its origin) and
 * it is on the allow-list; otherwise "*". "*" is safe here: the request carries only the embed's id, which is
 * in the token anyway, and frame-ancestors already restricts which pages can be the parent.
 */
export function requestTargetOrigin(input: {
  ancestorOrigins: readonly string[];
  referrer: string;
  allowList: readonly string[];
  selfOrigin: string;
}): string {
  let parent = input.ancestorOrigins[0] ?? null;
  if (!parent && input.referrer) {
    try {
      parent = new URL(input.referrer).origin;
    } catch {
      parent = null;
    }
  }
  if (parent && parent !== "null" && originAllowed(parent, input.allowList, input.selfOrigin)) return parent;
  return "*";
}

/**
 * The new token from a message event, or null when the message must be ignored: not from the parent window,
 * from an origin outside the allow-list, not a `vigil:token` message, or a token of another embed.
 */
export function acceptTokenReply(
  event: { data: unknown; origin: string; fromParent: boolean },
  expected: { embedId: string; allowList: readonly string[]; selfOrigin: string },
): string | null {
  if (!event.fromParent || !originAllowed(event.origin, expected.allowList, expected.selfOrigin)) return null;
  const data = event.data;
  if (typeof data !== "object" || data === null) return null;
  const { type, token } = data as Record<string, unknown>;
  if (type !== TOKEN_REPLY || typeof token !== "string" || token.length > 8192) return null;
  const times = peekEmbedClaims(token);
  return times && times.eid === expected.embedId ? token : null;
}
