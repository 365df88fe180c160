// Dashboards in the database: the Dashboard row keeps the title and version beside the JSON definition.
// Saves are optimistic: an update names the version it was made on and fails (409) when someone saved since,
// with who and when. Bodies arrive parsed and checked (validate.ts).
import { randomBytes } from "node:crypto";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import type { Principal } from "../http/principal";
import {
  type CreateBody,
  type Definition,
  definitionSchema,
  EXPORT_SCHEMA_VERSION,
  type ExportFile,
} from "./schema";

export interface DashboardInfo {
  uid: string;
  title: string;
  version: number;
  definition: Definition;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DashboardSummary {
  uid: string;
  title: string;
  version: number;
  panels: number;
  variables: number;
  createdAt: string;
  updatedAt: string;
}

type Row = {
  id: number;
  uid: string;
  title: string;
  definition: string;
  version: number;
  createdById: number | null;
  createdAt: Date;
  updatedAt: Date;
};

export const EMPTY_DEFINITION: Definition = {
  panels: [],
  variables: [],
  time: { from: "now-24h", to: "now" },
  refresh: "off",
};

export function newUid(): string {
  return randomBytes(9).toString("base64url");
}

/** The stored JSON, read back through the schema (defaults filled); a row broken by hand reads as empty. */
function definitionOf(row: Row): Definition {
  try {
    const parsed = definitionSchema.safeParse(JSON.parse(row.definition));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: fall through
  }
  console.error(`[vigil] dashboard ${row.uid}: stored definition does not parse; shown empty`);
  return EMPTY_DEFINITION;
}

async function userName(database: Database, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const user = await database.db.user.findUnique({ where: { id }, select: { username: true } });
  return user?.username ?? null;
}

async function infoOf(database: Database, row: Row): Promise<DashboardInfo> {
  return {
    uid: row.uid,
    title: row.title,
    version: row.version,
    definition: definitionOf(row),
    createdBy: await userName(database, row.createdById),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function rowOf(database: Database, uid: string): Promise<Row> {
  const row = await database.db.dashboard.findUnique({ where: { uid } });
  if (!row) throw new HttpError(404, `no dashboard with uid "${uid}"`);
  return row;
}

export async function getDashboard(database: Database, uid: string): Promise<DashboardInfo> {
  return infoOf(database, await rowOf(database, uid));
}

/** Every dashboard, newest change first; `search` matches the title, case-insensitively, on both databases. */
export async function listDashboards(database: Database, search?: string): Promise<DashboardSummary[]> {
  const rows = await database.db.dashboard.findMany({ orderBy: [{ updatedAt: "desc" }, { id: "desc" }] });
  const needle = search?.trim().toLowerCase() ?? "";
  return rows
    .filter((r) => !needle || r.title.toLowerCase().includes(needle) || r.uid.toLowerCase() === needle)
    .map((r) => {
      const d = definitionOf(r);
      return {
        uid: r.uid,
        title: r.title,
        version: r.version,
        panels: d.panels.length,
        variables: d.variables.length,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
}

const creatorId = (principal: Principal | null) => (principal?.kind === "user" ? principal.id : null);

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export async function createDashboard(
  database: Database,
  principal: Principal | null,
  body: CreateBody,
): Promise<DashboardInfo> {
  const uid = body.uid ?? newUid();
  try {
    const row = await database.db.dashboard.create({
      data: {
        uid,
        title: body.title,
        definition: JSON.stringify(body.definition ?? EMPTY_DEFINITION),
        createdById: creatorId(principal),
      },
    });
    return infoOf(database, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, `a dashboard with uid "${uid}" exists`);
    throw error;
  }
}

/** Who saved the dashboard last, from the audit log (the row keeps only its creator). */
async function lastEditor(database: Database, row: Row): Promise<string | null> {
  const event = await database.db.auditEvent.findFirst({
    where: { targetType: "dashboard", targetId: row.uid },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { actorName: true },
  });
  if (event?.actorName) return event.actorName;
  return row.version === 1 ? userName(database, row.createdById) : null;
}

/** The 409 for a save made on an old version: who changed it and when, so the user knows what to reload. */
async function staleVersion(database: Database, row: Row, version: number): Promise<HttpError> {
  const who = await lastEditor(database, row);
  const when = row.updatedAt.toISOString();
  return new HttpError(
    409,
    `dashboard "${row.title}" was changed by ${who ?? "someone else"} at ${when} (now version ${row.version}, your change was made on version ${version}); reload it and apply your change again`,
    { current: { version: row.version, updatedAt: when, updatedBy: who } },
  );
}

export async function updateDashboard(
  database: Database,
  uid: string,
  body: { title: string; version: number; definition: Definition },
): Promise<DashboardInfo> {
  const changed = await database.db.dashboard.updateMany({
    where: { uid, version: body.version },
    data: { title: body.title, definition: JSON.stringify(body.definition), version: { increment: 1 } },
  });
  const row = await rowOf(database, uid);
  if (changed.count === 0) throw await staleVersion(database, row, body.version);
  return infoOf(database, row);
}

export async function deleteDashboard(database: Database, uid: string): Promise<DashboardInfo> {
  const row = await rowOf(database, uid);
  await database.db.dashboard.deleteMany({ where: { uid } });
  return infoOf(database, row);
}

/** The export file: everything needed to import the dashboard elsewhere (no ids, no authors). */
export function exportOf(info: DashboardInfo, now = new Date()): ExportFile {
  return {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    uid: info.uid,
    title: info.title,
    version: info.version,
    exportedAt: now.toISOString(),
    definition: info.definition,
  };
}

/**
 * Import: the file's uid is kept (a new uid when it has none). An existing uid is a conflict unless
 * `overwrite`, which replaces title and definition and bumps the version.
 */
export async function importDashboard(
  database: Database,
  principal: Principal | null,
  file: ExportFile,
  overwrite: boolean,
): Promise<{ dashboard: DashboardInfo; created: boolean }> {
  if (file.uid) {
    const existing = await database.db.dashboard.findUnique({ where: { uid: file.uid } });
    if (existing) {
      if (!overwrite)
        throw new HttpError(
          409,
          `a dashboard with uid "${file.uid}" exists ("${existing.title}"); import with ?overwrite=true to replace it, or without a uid to import a copy`,
        );
      const dashboard = await updateDashboard(database, file.uid, {
        title: file.title,
        version: existing.version,
        definition: file.definition,
      });
      return { dashboard, created: false };
    }
  }
  const dashboard = await createDashboard(database, principal, {
    uid: file.uid,
    title: file.title,
    definition: file.definition,
  });
  return { dashboard, created: true };
}
