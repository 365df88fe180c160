// Opens an embed request: the token from ?token= verified (signature, expiry; the previous secret too while
// rotating), its embed row looked up (exists, not revoked, the token within the row's ceiling), and the
// dashboard it names loaded. Everything an embed page or data route may use comes from here.
import type { DashboardInfo } from "../dashboards/store";
import { getDashboard } from "../dashboards/store";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { type EmbedRecord, EmbedTokenError, grantFailure, panelInScope } from "./access";
import type { EmbedKeys } from "./config";
import { findEmbed } from "./store";
import { type EmbedClaims, verifyEmbedToken } from "./token";

export interface OpenedEmbed {
  claims: EmbedClaims;
  embed: EmbedRecord;
  dashboard: DashboardInfo;
}

export async function openEmbed(
  database: Database,
  keys: EmbedKeys,
  token: string | null,
  nowMs = Date.now(),
): Promise<OpenedEmbed> {
  if (!token) throw new HttpError(401, "embed token required (?token=)");
  const verified = await verifyEmbedToken(token, keys, nowMs);
  if (!verified.ok) throw new EmbedTokenError(verified.reason);
  const embed = await findEmbed(database, verified.claims.eid);
  const failure = grantFailure(verified.claims, embed);
  if (failure) throw new EmbedTokenError(failure);
  let dashboard: DashboardInfo;
  try {
    dashboard = await getDashboard(database, verified.claims.res.dashboard);
  } catch (error) {
    // The dashboard was deleted after the embed was made: the token opens nothing.
    if (error instanceof HttpError && error.status === 404) throw new EmbedTokenError("wrong-resource");
    throw error;
  }
  return { claims: verified.claims, embed: embed!, dashboard };
}

/** The panel of `opened` with id `panelId`, or a refusal when the token does not cover it. */
export function scopedPanel(opened: OpenedEmbed, panelId: string) {
  const panels = opened.dashboard.definition.panels;
  if (
    !panelInScope(
      opened.claims,
      panelId,
      panels.map((p) => p.id),
    )
  )
    throw new EmbedTokenError("wrong-resource");
  return panels.find((p) => p.id === panelId)!;
}
