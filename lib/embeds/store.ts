// Embeds in the database: one Embed row per "Share → Embed", whose id is the `eid` claim of its tokens.
// Revoking sets revokedAt (the row stays, listed as revoked): every token of it is refused from then on.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Definition } from "../dashboards/schema";
import { getDashboard } from "../dashboards/store";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import type { EmbedRecord } from "./access";
import { checkParamValues, parameterNames } from "./params";
import type { CreateEmbedBody } from "./schemas";
import { EMBED_THEMES, type EmbedGrant, paramValue } from "./schemas";

type Row = {
  id: string;
  dashboardUid: string;
  panelId: string | null;
  locked: string;
  editable: string;
  theme: string;
  showTitle: boolean;
  createdById: number | null;
  createdAt: Date;
  revokedAt: Date | null;
};

const storedLocked = z.record(z.string(), paramValue);
const storedEditable = z.array(z.string());

function parseJson<T>(text: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

function recordOf(row: Row): EmbedRecord {
  return {
    ...row,
    // A row broken by hand locks nothing and allows no edits: its tokens can only fail the ceiling check.
    locked: parseJson(row.locked, storedLocked, {}),
    editable: parseJson(row.editable, storedEditable, []),
  };
}

/** What a token of this embed grants (Vigil's own tokens copy the row; `locked` may override the values). */
export function grantOf(embed: EmbedRecord, locked?: Record<string, string | string[]>): EmbedGrant {
  return {
    eid: embed.id,
    res: embed.panelId
      ? { dashboard: embed.dashboardUid, panel: embed.panelId }
      : { dashboard: embed.dashboardUid },
    locked: locked ?? embed.locked,
    editable: embed.editable,
    theme: (EMBED_THEMES as readonly string[]).includes(embed.theme)
      ? (embed.theme as EmbedGrant["theme"])
      : "light",
    title: embed.showTitle,
  };
}

/** The checks against the dashboard: the panel exists, each parameter is one of it, none locked and editable. */
export function checkEmbedAgainst(definition: Definition, body: CreateEmbedBody): void {
  if (body.panel !== undefined && !definition.panels.some((p) => p.id === body.panel))
    throw new HttpError(400, `panel: the dashboard has no panel "${body.panel}"`);
  const names = parameterNames(definition);
  for (const name of Object.keys(body.locked)) {
    if (!names.includes(name))
      throw new HttpError(400, `locked.${name}: not a parameter of this dashboard (${names.join(", ")})`);
    const value = body.locked[name]!;
    checkParamValues(name, Array.isArray(value) ? value : [value], definition.variables);
  }
  body.editable.forEach((name, i) => {
    if (!names.includes(name))
      throw new HttpError(
        400,
        `editable[${i}]: "${name}" is not a parameter of this dashboard (${names.join(", ")})`,
      );
    if (Object.hasOwn(body.locked, name))
      throw new HttpError(
        400,
        `editable[${i}]: "${name}" is locked; a parameter is either locked or editable`,
      );
  });
}

export async function createEmbed(
  database: Database,
  body: CreateEmbedBody,
  createdById: number | null,
): Promise<EmbedRecord> {
  const dashboard = await getDashboard(database, body.dashboard);
  checkEmbedAgainst(dashboard.definition, body);
  const row = await database.db.embed.create({
    data: {
      id: randomBytes(12).toString("base64url"),
      dashboardUid: body.dashboard,
      panelId: body.panel ?? null,
      locked: JSON.stringify(body.locked),
      editable: JSON.stringify([...new Set(body.editable)]),
      theme: body.theme,
      showTitle: body.showTitle,
      createdById,
    },
  });
  return recordOf(row);
}

export async function findEmbed(database: Database, id: string): Promise<EmbedRecord | null> {
  const row = await database.db.embed.findUnique({ where: { id } });
  return row ? recordOf(row) : null;
}

export async function getEmbed(database: Database, id: string): Promise<EmbedRecord> {
  const embed = await findEmbed(database, id);
  if (!embed) throw new HttpError(404, `no embed with id "${id}"`);
  return embed;
}

/** Newest first; of one dashboard when `dashboardUid` is given. */
export async function listEmbeds(database: Database, dashboardUid?: string): Promise<EmbedRecord[]> {
  const rows = await database.db.embed.findMany({
    where: dashboardUid ? { dashboardUid } : {},
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 1000,
  });
  return rows.map(recordOf);
}

/** Revokes (idempotent: the first revocation's time is kept). */
export async function revokeEmbed(database: Database, id: string, now = new Date()): Promise<EmbedRecord> {
  const embed = await getEmbed(database, id);
  if (embed.revokedAt) return embed;
  const row = await database.db.embed.update({ where: { id }, data: { revokedAt: now } });
  return recordOf(row);
}
