// Shadow models: their .onnx files, stored content-addressed at <VIGIL_DATA_DIR>/models/<sha256>.onnx (written
// to a temporary file and renamed into place, so a reader never sees half a file; the same bytes uploaded twice
// are one file), and their Shadow rows. A file goes when the last shadow using it is deleted.

import { createHash, randomUUID } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { env } from "../config/env";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { backfillOf } from "./backfill";
import type { BackfillInfo } from "./backfill-schemas";
import type { ShadowConfig } from "./config";
import type { Signature } from "./signature";

export const SHADOW_STATUSES = ["active", "paused"] as const;
export type ShadowStatus = (typeof SHADOW_STATUSES)[number];

/** <VIGIL_DATA_DIR>/models, absolute. */
export function modelsDir(): string {
  return resolve(env().VIGIL_DATA_DIR, "models");
}

/** Where the file with this sha256 is (or would be) stored. */
export function modelFilePath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
  return join(modelsDir(), `${sha256}.onnx`);
}

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Stores the bytes under their sha256 unless a complete copy is already there; atomic (temp + rename). */
export async function storeModelFile(
  bytes: Uint8Array,
): Promise<{ sha256: string; bytes: number; path: string; created: boolean }> {
  const sha256 = sha256Hex(bytes);
  const path = modelFilePath(sha256);
  const existing = await stat(path).catch(() => null);
  if (existing?.isFile() && existing.size === bytes.byteLength)
    return { sha256, bytes: bytes.byteLength, path, created: false };
  await mkdir(modelsDir(), { recursive: true });
  const temp = join(modelsDir(), `.${sha256}.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, bytes, { flag: "wx" });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  return { sha256, bytes: bytes.byteLength, path, created: true };
}

/** Deletes the file unless a shadow still uses it; true when it was removed. */
export async function removeFileIfUnused(database: Database, sha256: string): Promise<boolean> {
  const users = await database.db.shadow.count({ where: { fileSha256: sha256 } });
  if (users > 0) return false;
  await rm(modelFilePath(sha256), { force: true });
  return true;
}

export interface ShadowInfo {
  id: number;
  model: string;
  name: string;
  status: ShadowStatus;
  file: { sha256: string; bytes: number };
  config: ShadowConfig;
  signature: Signature;
  backfill: BackfillInfo;
  /** Why the last run could not evaluate anything (model file missing, config no longer fits). */
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

type ShadowRow = {
  id: number;
  modelId: number;
  name: string;
  fileSha256: string;
  fileBytes: number;
  config: string;
  signature: string;
  status: string;
  backfillFrom: Date | null;
  backfillTo: Date | null;
  backfillState: string | null;
  backfillTotal: number;
  backfillDone: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function toInfo(row: ShadowRow, model: string): ShadowInfo {
  return {
    id: row.id,
    model,
    name: row.name,
    status: row.status as ShadowStatus,
    file: { sha256: row.fileSha256, bytes: row.fileBytes },
    config: JSON.parse(row.config) as ShadowConfig,
    signature: JSON.parse(row.signature) as Signature,
    backfill: backfillOf(row),
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const nameTaken = (model: string, name: string) =>
  new HttpError(409, `model "${model}" already has a shadow named "${name}"`);

export async function modelNamed(database: Database, name: string) {
  const model = await database.db.model.findUnique({ where: { name } });
  if (!model) throw new HttpError(404, `model "${name}" not found`);
  return model;
}

/** 409 when the model already has a shadow of that name. */
export async function assertNameFree(database: Database, model: { id: number; name: string }, name: string) {
  const existing = await database.db.shadow.findUnique({
    where: { modelId_name: { modelId: model.id, name } },
    select: { id: true },
  });
  if (existing) throw nameTaken(model.name, name);
}

export async function insertShadow(
  database: Database,
  model: { id: number; name: string },
  q: { name: string; sha256: string; bytes: number; config: ShadowConfig; signature: Signature },
): Promise<ShadowInfo> {
  try {
    const row = await database.db.shadow.create({
      data: {
        modelId: model.id,
        name: q.name,
        fileSha256: q.sha256,
        fileBytes: q.bytes,
        config: JSON.stringify(q.config),
        signature: JSON.stringify(q.signature),
        status: "active",
      },
    });
    return toInfo(row, model.name);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw nameTaken(model.name, q.name);
    throw error;
  }
}

export async function listShadows(database: Database, model: { id: number; name: string }) {
  const rows = await database.db.shadow.findMany({ where: { modelId: model.id }, orderBy: { id: "asc" } });
  return rows.map((r) => toInfo(r, model.name));
}

async function rowById(database: Database, id: number): Promise<{ row: ShadowRow; model: string }> {
  const row = await database.db.shadow.findUnique({ where: { id } });
  if (!row) throw new HttpError(404, `shadow ${id} not found`);
  const model = await database.db.model.findUnique({ where: { id: row.modelId }, select: { name: true } });
  return { row, model: model?.name ?? "" };
}

export async function getShadow(database: Database, id: number): Promise<ShadowInfo> {
  const { row, model } = await rowById(database, id);
  return toInfo(row, model);
}

export async function setShadowStatus(database: Database, id: number, status: ShadowStatus) {
  const { model } = await rowById(database, id);
  const row = await database.db.shadow.update({ where: { id }, data: { status } });
  return toInfo(row, model);
}

/** Removes the shadow, its recorded predictions and their rollups; the file too unless another shadow uses it. */
export async function deleteShadow(database: Database, id: number): Promise<{ fileRemoved: boolean }> {
  const { row } = await rowById(database, id);
  await database.raw.batch([
    { sql: `DELETE FROM "ShadowPrediction" WHERE "shadowId" = ?`, params: [id] },
    { sql: `DELETE FROM "ShadowRollup" WHERE "shadowId" = ?`, params: [id] },
    { sql: `DELETE FROM "Shadow" WHERE "id" = ?`, params: [id] },
  ]);
  return { fileRemoved: await removeFileIfUnused(database, row.fileSha256) };
}
