// Whether a verified token still opens its embed, and the errors embed requests answer with. The reasons stay
// distinct here (for tests and logs); the HTTP message only says invalid, expired or revoked. Pure.
import { HttpError } from "../http/errors";
import type { EmbedClaims, TokenFailure } from "./token";

/** An Embed row with its JSON columns parsed. */
export interface EmbedRecord {
  id: string;
  dashboardUid: string;
  panelId: string | null;
  locked: Record<string, string | string[]>;
  editable: string[];
  theme: string;
  showTitle: boolean;
  createdById: number | null;
  createdAt: Date;
  revokedAt: Date | null;
}

const PUBLIC_MESSAGE: Record<TokenFailure, string> = {
  malformed: "invalid token",
  "bad-signature": "invalid token",
  "wrong-resource": "invalid token",
  expired: "expired token",
  revoked: "revoked token",
};

/** A refused token: 403 with only "invalid/expired/revoked token"; `reason` says which check failed. */
export class EmbedTokenError extends HttpError {
  constructor(readonly reason: TokenFailure) {
    super(403, PUBLIC_MESSAGE[reason]);
    this.name = "EmbedTokenError";
  }
}

/**
 * Why a token whose signature and expiry are fine must still be refused, or null. The embed row is the ceiling
 * of what its tokens may grant: a token signed elsewhere (by a customer's server holding the secret) must name
 * the same resource, keep every parameter the embed locks locked, and make editable no parameter the embed does
 * not. Locked values may differ: a customer's server may sign one token per tenant.
 */
export function grantFailure(claims: EmbedClaims, embed: EmbedRecord | null): TokenFailure | null {
  if (!embed) return "wrong-resource";
  if (embed.revokedAt) return "revoked";
  if (claims.res.dashboard !== embed.dashboardUid) return "wrong-resource";
  if ((claims.res.panel ?? null) !== embed.panelId) return "wrong-resource";
  if (Object.keys(embed.locked).some((name) => !Object.hasOwn(claims.locked, name))) return "wrong-resource";
  if (claims.editable.some((name) => !embed.editable.includes(name))) return "wrong-resource";
  if (claims.editable.some((name) => Object.hasOwn(claims.locked, name))) return "wrong-resource";
  return null;
}

/** The panel ids a token may read: its one panel, or every panel of its dashboard. */
export function panelInScope(claims: EmbedClaims, panelId: string, dashboardPanelIds: readonly string[]) {
  if (!dashboardPanelIds.includes(panelId)) return false;
  return claims.res.panel === undefined || claims.res.panel === panelId;
}
