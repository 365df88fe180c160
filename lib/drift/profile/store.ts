// DriftProfile rows: uploads in progress, failed ones, and ready profiles with one DriftProfileColumn sketch
// per column.
//
// Atomic replacement: an upload writes to an *attempt* row of its own, stored under the name
// "<name>\u001f<token>" (names cannot contain control characters), so the ready profile of that name — the
// one drift reads, by its plain name — stays untouched while the upload runs and when it fails. Success is one
// transaction: the old profile and its columns go, the attempt takes the plain name, status ready, with its
// columns. Listings show an attempt under its plain name, next to the ready profile if there is one.
import { randomUUID } from "node:crypto";
import type { Database } from "../../db/client";
import { HttpError } from "../../http/errors";
import { parseSketch, serializeSketch, sketchSummary } from "../sketch";
import type { BuiltColumn } from "./builder";
import type { ProfileColumnInfo, ProfileFormat, ProfileInfo } from "./schemas";

const ATTEMPT_SEPARATOR = "\u001f";
/** An attempt still "uploading" with no progress for this long belongs to a server that went away. */
export const STALE_ATTEMPT_MS = 60 * 60 * 1000;

/** The plain name of a stored row (an attempt's name without its token). */
export const plainName = (stored: string) => stored.split(ATTEMPT_SEPARATOR, 1)[0]!;
const isAttempt = (stored: string) => stored.includes(ATTEMPT_SEPARATOR);

/** The upload was deleted (DELETE …/reference/{name}) while it ran. */
export const cancelled = (name: string) =>
  new HttpError(409, `the upload of "${name}" was cancelled: the profile was deleted while it ran`);

type ProfileRow = {
  id: number;
  name: string;
  status: string;
  updatedAt: Date;
};

async function rowsNamed(database: Database, modelId: number, name: string): Promise<ProfileRow[]> {
  const rows = await database.db.driftProfile.findMany({
    where: { modelId },
    select: { id: true, name: true, status: true, updatedAt: true },
  });
  return rows.filter((r) => plainName(r.name) === name);
}

function deleteStatements(ids: number[]) {
  if (ids.length === 0) return [];
  const marks = ids.map(() => "?").join(",");
  return [
    { sql: `DELETE FROM "DriftProfileColumn" WHERE "profileId" IN (${marks})`, params: ids },
    { sql: `DELETE FROM "DriftProfile" WHERE "id" IN (${marks})`, params: ids },
  ];
}

/** Starts an upload: a new attempt row (status uploading); earlier failed or abandoned attempts go. */
export async function startAttempt(
  database: Database,
  modelId: number,
  name: string,
  format: ProfileFormat,
): Promise<number> {
  const stale = Date.now() - STALE_ATTEMPT_MS;
  const old = (await rowsNamed(database, modelId, name)).filter(
    (r) =>
      isAttempt(r.name) &&
      (r.status === "failed" || (r.status === "uploading" && r.updatedAt.getTime() < stale)),
  );
  if (old.length) await database.raw.batch(deleteStatements(old.map((r) => r.id)));
  const row = await database.db.driftProfile.create({
    data: {
      modelId,
      name: `${name}${ATTEMPT_SEPARATOR}${randomUUID()}`,
      format,
      status: "uploading",
    },
    select: { id: true },
  });
  return row.id;
}

/** Records bytes and rows so far; false when the attempt is gone (deleted meanwhile). */
export async function recordProgress(
  database: Database,
  id: number,
  progress: { bytes: number; rows: number },
): Promise<boolean> {
  const { raw } = database;
  const [changed] = await raw.batch([
    {
      sql: `UPDATE "DriftProfile" SET "bytes" = ?, "rows" = ?, "updatedAt" = ? WHERE "id" = ? AND "status" = 'uploading'`,
      params: [progress.bytes, progress.rows, raw.time(Date.now()), id],
    },
  ]);
  return (changed ?? 0) > 0;
}

/** Marks the attempt failed with the reason; the ready profile of the name, if any, is untouched. */
export async function failAttempt(
  database: Database,
  id: number,
  reason: string,
  progress: { bytes: number; rows: number },
): Promise<void> {
  const { raw } = database;
  await raw.batch([
    {
      sql: `UPDATE "DriftProfile" SET "status" = 'failed', "error" = ?, "bytes" = ?, "rows" = ?, "updatedAt" = ? WHERE "id" = ?`,
      params: [reason.slice(0, 2000), progress.bytes, progress.rows, raw.time(Date.now()), id],
    },
  ]);
}

/**
 * Makes the attempt the profile of its name, in one transaction: the previous profile and failed attempts go,
 * the attempt gets the plain name, status ready and its columns. 409 when the attempt was deleted meanwhile.
 */
export async function commitAttempt(
  database: Database,
  q: { modelId: number; id: number; name: string; bytes: number; rows: number; columns: BuiltColumn[] },
): Promise<void> {
  const { raw } = database;
  const failed = (await rowsNamed(database, q.modelId, q.name)).filter(
    (r) => r.id !== q.id && isAttempt(r.name) && r.status === "failed",
  );
  if (!(await database.db.driftProfile.findUnique({ where: { id: q.id }, select: { id: true } })))
    throw cancelled(q.name);
  const columns = q.columns.map((c) => {
    const s = sketchSummary(c.sketch);
    // As DriftSketch: count is every row of the column, missing ones included.
    return [q.id, c.role, c.name, s.count + s.missing, s.missing, serializeSketch(c.sketch)];
  });
  try {
    await raw.batch([
      // The ready profile by its name inside the transaction, so a concurrent commit cannot slip in between.
      {
        sql: `DELETE FROM "DriftProfileColumn" WHERE "profileId" IN
                (SELECT "id" FROM "DriftProfile" WHERE "modelId" = ? AND "name" = ?)`,
        params: [q.modelId, q.name],
      },
      { sql: `DELETE FROM "DriftProfile" WHERE "modelId" = ? AND "name" = ?`, params: [q.modelId, q.name] },
      ...deleteStatements(failed.map((r) => r.id)),
      // The attempt must still be there: 0 rows changed here makes the column inserts fail on the foreign key.
      {
        sql: `UPDATE "DriftProfile" SET "name" = ?, "status" = 'ready', "error" = NULL, "bytes" = ?, "rows" = ?, "updatedAt" = ?
               WHERE "id" = ? AND "status" = 'uploading'`,
        params: [q.name, q.bytes, q.rows, raw.time(Date.now()), q.id],
      },
      {
        sql: `INSERT INTO "DriftProfileColumn" ("profileId","role","name","count","missing","sketch") VALUES (?,?,?,?,?,?)`,
        params: columns[0]!,
        many: columns,
      },
    ]);
  } catch (error) {
    // Deleted between the check and the transaction (a foreign-key failure rolled everything back).
    if (!(await database.db.driftProfile.findUnique({ where: { id: q.id }, select: { id: true } })))
      throw cancelled(q.name);
    throw error;
  }
}

const ROLE_ORDER: Record<string, number> = { feature: 0, prediction: 1, score: 2, label: 3 };
const STATUS_ORDER: Record<string, number> = { ready: 0, uploading: 1, failed: 2 };

function columnInfo(c: { role: string; name: string; sketch: string }): ProfileColumnInfo {
  const s = sketchSummary(parseSketch(c.sketch));
  return {
    role: c.role as ProfileColumnInfo["role"],
    name: c.name,
    type: s.type,
    count: s.count,
    missing: s.missing,
    unique: s.unique,
  };
}

type StoredProfile = {
  name: string;
  format: string;
  status: string;
  bytes: bigint;
  rows: number;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  columns: Array<{ role: string; name: string; sketch: string }>;
};

function profileInfo(p: StoredProfile): ProfileInfo {
  return {
    name: plainName(p.name),
    format: p.format as ProfileInfo["format"],
    status: p.status as ProfileInfo["status"],
    bytes: Number(p.bytes),
    rows: p.rows,
    error: p.error,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    columns: p.columns
      .map(columnInfo)
      .sort((a, b) =>
        a.role !== b.role
          ? ROLE_ORDER[a.role]! - ROLE_ORDER[b.role]!
          : a.name < b.name
            ? -1
            : a.name > b.name
              ? 1
              : 0,
      ),
  };
}

const profileSelect = {
  name: true,
  format: true,
  status: true,
  bytes: true,
  rows: true,
  error: true,
  createdAt: true,
  updatedAt: true,
  columns: { select: { role: true, name: true, sketch: true } },
} as const;

/** Every profile and upload attempt of a model: by name, the ready one first, then the newest attempt. */
export async function listProfiles(database: Database, modelId: number): Promise<ProfileInfo[]> {
  const rows = await database.db.driftProfile.findMany({ where: { modelId }, select: profileSelect });
  return rows
    .map(profileInfo)
    .sort((a, b) =>
      a.name !== b.name
        ? a.name < b.name
          ? -1
          : 1
        : STATUS_ORDER[a.status]! - STATUS_ORDER[b.status]! || b.createdAt.localeCompare(a.createdAt),
    );
}

export async function profileById(database: Database, id: number): Promise<ProfileInfo | null> {
  const row = await database.db.driftProfile.findUnique({ where: { id }, select: profileSelect });
  return row ? profileInfo(row) : null;
}

/** Removes the profile of that name and every attempt at it (one in progress then fails with 409). */
export async function deleteProfile(database: Database, modelId: number, name: string): Promise<boolean> {
  const rows = await rowsNamed(database, modelId, name);
  if (rows.length === 0) return false;
  await database.raw.batch(deleteStatements(rows.map((r) => r.id)));
  return true;
}
