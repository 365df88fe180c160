// Embed tokens: HS256 JWTs (jose) that name one dashboard or panel, the parameters the signer locked, those the
// viewer may change, the theme and whether the title shows. Pure: the secrets and the clock are passed in.
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { type EmbedGrant, embedGrant } from "./schemas";

const claimsSchema = embedGrant.extend({ iat: z.number().int(), exp: z.number().int() });
export type EmbedClaims = z.infer<typeof claimsSchema>;

/**
 * Why a token was refused. Each is distinct for logs and tests; the HTTP answer only says invalid, expired or
 * revoked (EmbedTokenError in access.ts), so a prober learns nothing about which check failed.
 */
export type TokenFailure = "malformed" | "bad-signature" | "expired" | "revoked" | "wrong-resource";

export type VerifyResult = { ok: true; claims: EmbedClaims } | { ok: false; reason: TokenFailure };

const key = (secret: string) => new TextEncoder().encode(secret);

/** Signs a grant valid from `nowMs` for `ttlSeconds`. */
export async function signEmbedToken(
  grant: EmbedGrant,
  secret: string,
  ttlSeconds: number,
  nowMs = Date.now(),
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({ ...embedGrant.parse(grant) })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key(secret));
}

async function verifyWith(token: string, secret: string, nowMs: number): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ["HS256"],
      currentDate: new Date(nowMs),
      requiredClaims: ["iat", "exp"],
    });
    const claims = claimsSchema.safeParse(payload);
    return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: "malformed" };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: "bad-signature" };
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
    return { ok: false, reason: "malformed" };
  }
}

/**
 * Verifies with the current secret, then with the previous one (rotation: tokens signed before the switch keep
 * working until they expire). A token that fails both is reported by the first secret's verdict, except that a
 * signature the previous secret accepts reports that secret's verdict (e.g. expired).
 */
export async function verifyEmbedToken(
  token: string,
  secrets: { current: string; previous?: string },
  nowMs = Date.now(),
): Promise<VerifyResult> {
  if (token.length > 8192 || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token))
    return { ok: false, reason: "malformed" };
  const first = await verifyWith(token, secrets.current, nowMs);
  if (first.ok || first.reason !== "bad-signature" || !secrets.previous) return first;
  return verifyWith(token, secrets.previous, nowMs);
}
