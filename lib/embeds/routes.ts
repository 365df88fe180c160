// The embed endpoints (app/api/v1/embeds/**, app/api/embed/**): thin wrappers over the store, the token and the
// query runner. Changes are audited; tokens never reach the audit log.
import { contract } from "../api/contract";
import { embedDataRoutes } from "../api/contract-embeds";
import { recordAudit } from "../audit/record";
import { env } from "../config/env";
import { getDashboard } from "../dashboards/store";
import type { Database } from "../db/client";
import { readJsonBody } from "../http/body";
import { HttpError } from "../http/errors";
import { handle, json } from "../http/handler";
import type { Principal } from "../http/principal";
import type { EmbedRecord } from "./access";
import { openEmbed } from "./authorize";
import { runEmbedBuiltin } from "./builtin";
import { embedKeys, requireEmbedKeys } from "./config";
import { frameAncestorsDirective } from "./frame-ancestors";
import { readFrameAncestors, saveFrameAncestors } from "./frame-settings";
import { runEmbedQuery } from "./query";
import { createEmbedBody } from "./schemas";
import { embedPath, embedUrl, iframeSnippet, nodeSigningSnippet, pythonSigningSnippet } from "./snippet";
import { createEmbed, getEmbed, grantOf, listEmbeds, revokeEmbed } from "./store";
import { signEmbedToken } from "./token";

const BODY_LIMIT = 64 * 1024;

async function infoOf(database: Database, embed: EmbedRecord) {
  const creator =
    embed.createdById === null
      ? null
      : await database.db.user.findUnique({ where: { id: embed.createdById }, select: { username: true } });
  const grant = grantOf(embed);
  return {
    id: embed.id,
    dashboard: embed.dashboardUid,
    panel: embed.panelId,
    locked: embed.locked,
    editable: embed.editable,
    theme: grant.theme,
    showTitle: embed.showTitle,
    createdBy: creator?.username ?? null,
    createdAt: embed.createdAt.toISOString(),
    revokedAt: embed.revokedAt ? embed.revokedAt.toISOString() : null,
    path: embedPath(grant.res),
  };
}

async function issue(embed: EmbedRecord, locked?: Record<string, string | string[]>, nowMs = Date.now()) {
  const keys = requireEmbedKeys();
  const grant = grantOf(embed, locked);
  const token = await signEmbedToken(grant, keys.current, keys.ttlSeconds, nowMs);
  const expiresAt = new Date((Math.floor(nowMs / 1000) + keys.ttlSeconds) * 1000).toISOString();
  return { grant, token, expiresAt, url: embedUrl(env().VIGIL_PUBLIC_URL, grant.res, token) };
}

const creatorId = (principal: Principal | null) => (principal?.kind === "user" ? principal.id : null);

export const postEmbed = handle(contract.createEmbed, async ({ req, database, principal }) => {
  const keys = requireEmbedKeys();
  const body = createEmbedBody.parse(await readJsonBody(req, BODY_LIMIT));
  const embed = await createEmbed(database, body, creatorId(principal));
  await recordAudit(database, principal, {
    action: "embed.create",
    targetType: "embed",
    targetId: embed.id,
    summary: `embedded ${embed.panelId ? `panel "${embed.panelId}" of ` : ""}dashboard ${embed.dashboardUid}`,
    details: {
      dashboard: embed.dashboardUid,
      panel: embed.panelId,
      locked: embed.locked,
      editable: embed.editable,
    },
  });
  const { grant, token, expiresAt, url } = await issue(embed);
  const publicUrl = env().VIGIL_PUBLIC_URL;
  const { title, definition } = await getDashboard(database, embed.dashboardUid);
  const panelTitle = definition.panels.find((p) => p.id === embed.panelId)?.title;
  return json(
    {
      embed: await infoOf(database, embed),
      token,
      expiresAt,
      url,
      snippet: iframeSnippet({ url, title: panelTitle ? `${panelTitle} — ${title}` : title }),
      signing: {
        node: nodeSigningSnippet(grant, publicUrl, keys.ttlSeconds),
        python: pythonSigningSnippet(grant, publicUrl, keys.ttlSeconds),
      },
    },
    201,
  );
});

export const getEmbeds = handle(contract.listEmbeds, async ({ database, query }) => {
  const embeds = await listEmbeds(database, query.dashboard);
  return {
    embeds: await Promise.all(embeds.map((e) => infoOf(database, e))),
    enabled: embedKeys() !== null,
  };
});

/** An empty body is an empty object: a host server may POST with no body at all. */
async function optionalJsonBody(req: Request): Promise<unknown> {
  const length = req.headers.get("content-length");
  if (!req.body || length === "0") return {};
  return readJsonBody(req, BODY_LIMIT);
}

export const postEmbedToken = handle(contract.renewEmbedToken, async ({ req, database, params }) => {
  requireEmbedKeys();
  const body = contract.renewEmbedToken.body.parse(await optionalJsonBody(req));
  const embed = await getEmbed(database, params.id);
  if (embed.revokedAt) throw new HttpError(409, `embed "${embed.id}" is revoked`);
  if (body.locked) {
    const want = Object.keys(embed.locked).sort();
    const got = Object.keys(body.locked).sort();
    if (want.join(",") !== got.join(","))
      throw new HttpError(
        400,
        `locked: give values for exactly the parameters this embed locks (${want.join(", ") || "none"})`,
      );
  }
  const { token, expiresAt, url } = await issue(embed, body.locked);
  return { token, expiresAt, url };
});

export const deleteEmbed = handle(contract.revokeEmbed, async ({ database, principal, params }) => {
  const before = await getEmbed(database, params.id);
  const embed = await revokeEmbed(database, params.id);
  if (!before.revokedAt)
    await recordAudit(database, principal, {
      action: "embed.revoke",
      targetType: "embed",
      targetId: embed.id,
      summary: `revoked the embed of ${embed.panelId ? `panel "${embed.panelId}" of ` : ""}dashboard ${embed.dashboardUid}`,
    });
  return { embed: await infoOf(database, embed) };
});

export const getFrameAncestors = handle(contract.getFrameAncestors, async ({ database }) => {
  const origins = await readFrameAncestors(database);
  return { origins, directive: frameAncestorsDirective(origins) };
});

export const putFrameAncestors = handle(contract.putFrameAncestors, async ({ req, database, principal }) => {
  const body = contract.putFrameAncestors.body.parse(await readJsonBody(req, BODY_LIMIT));
  const origins = await saveFrameAncestors(database, body.origins);
  await recordAudit(database, principal, {
    action: "embed.frame-ancestors",
    targetType: "embed",
    targetId: null,
    summary: `set the sites allowed to frame embeds: ${origins.join(" ") || "none but Vigil"}`,
    details: { origins },
  });
  return { origins, directive: frameAncestorsDirective(origins) };
});

/** The embed data routes answer only to the token: no cookie is read (proxy.ts strips it), none is set. */
export const getEmbedQuery = handle(embedDataRoutes.embedQuery, async ({ req, database }) => {
  const query = new URL(req.url).searchParams;
  const opened = await openEmbed(database, requireEmbedKeys(), query.get("token"));
  const answer = await runEmbedQuery(database, opened, query);
  return json(answer.body, answer.status);
});

export const getEmbedBuiltin = handle(embedDataRoutes.embedBuiltin, async ({ req, database }) => {
  const query = new URL(req.url).searchParams;
  const opened = await openEmbed(database, requireEmbedKeys(), query.get("token"));
  return runEmbedBuiltin(database, opened, query);
});
