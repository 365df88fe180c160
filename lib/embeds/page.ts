// What an embed page renders, decided on the server: the token opened (lib/embeds/authorize.ts), the page's
// dashboard/panel matched against it, and only what the viewer may see handed to the browser — the panels the
// token covers, without their queries (the data route runs them by index), the editable parameters' choices.
import type { Panel, Variable } from "../dashboards/schema";
import type { TimeRange } from "../dashboards/time";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { EmbedTokenError, panelInScope } from "./access";
import { openEmbed } from "./authorize";
import { EMBEDS_DISABLED_MESSAGE, embedKeys } from "./config";
import { cachedFrameAncestors } from "./frame-settings";
import { resolveEmbedParams } from "./params";
import type { EmbedTheme } from "./schemas";

export interface EmbedPageData {
  token: string;
  embedId: string;
  theme: EmbedTheme;
  showTitle: boolean;
  dashboard: { uid: string; title: string; refresh: string };
  /** the panels shown: one on a panel page, every panel on a dashboard page */
  panels: Panel[];
  /** the variables the viewer may change (others are fixed and not listed) */
  editableVariables: Variable[];
  /** the time range and variable values in force before the viewer changes anything */
  time: TimeRange;
  values: Record<string, string[]>;
  editable: string[];
  /** origins the embed accepts a renewed token from (with its own) */
  allowList: string[];
  single: boolean;
}

export type EmbedPage =
  | { kind: "ok"; data: EmbedPageData }
  | { kind: "refused"; title: string; message: string; theme: EmbedTheme };

const REFUSED: Record<string, { title: string; message: string }> = {
  "expired token": {
    title: "This embed has expired",
    message: "Reload the page that shows it to get a fresh link.",
  },
  "revoked token": { title: "This embed has been revoked", message: "Its owner no longer shares it." },
  "invalid token": { title: "This embed link is not valid", message: "Ask its owner for a new embed link." },
};

/** The panels' queries stay on the server: the browser gets each target without its expression. */
function withoutQueries(panel: Panel): Panel {
  return { ...panel, targets: panel.targets.map((t) => ({ ...t, expr: "" })) };
}

export async function loadEmbedPage(
  database: Database,
  input: { uid: string; panelId?: string; token: string | null },
  nowMs = Date.now(),
): Promise<EmbedPage> {
  const keys = embedKeys();
  if (!keys)
    return {
      kind: "refused",
      title: "Embeds are disabled",
      message: EMBEDS_DISABLED_MESSAGE,
      theme: "light",
    };
  try {
    const opened = await openEmbed(database, keys, input.token, nowMs);
    const { claims, dashboard } = opened;
    if (claims.res.dashboard !== input.uid) throw new EmbedTokenError("wrong-resource");
    const all = dashboard.definition.panels;
    if (input.panelId === undefined && claims.res.panel !== undefined)
      throw new EmbedTokenError("wrong-resource");
    if (
      input.panelId !== undefined &&
      !panelInScope(
        claims,
        input.panelId,
        all.map((p) => p.id),
      )
    )
      throw new EmbedTokenError("wrong-resource");
    const panels = input.panelId === undefined ? all : all.filter((p) => p.id === input.panelId);
    const { time, values } = resolveEmbedParams(claims, dashboard.definition, new URLSearchParams(), nowMs);
    return {
      kind: "ok",
      data: {
        token: input.token!,
        embedId: claims.eid,
        theme: claims.theme,
        showTitle: claims.title,
        dashboard: { uid: dashboard.uid, title: dashboard.title, refresh: dashboard.definition.refresh },
        panels: panels.map(withoutQueries),
        editableVariables: dashboard.definition.variables.filter((v) => claims.editable.includes(v.name)),
        time,
        values,
        editable: claims.editable,
        allowList: await cachedFrameAncestors(database, nowMs),
        single: input.panelId !== undefined,
      },
    };
  } catch (error) {
    if (error instanceof HttpError && error.status < 500) {
      const known = REFUSED[error.message];
      return {
        kind: "refused",
        title: known?.title ?? "This embed cannot be shown",
        message: known?.message ?? error.message,
        theme: "light",
      };
    }
    throw error;
  }
}
