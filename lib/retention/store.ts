// Retention settings and sweep state (RetentionState rows): the UI's overrides, and what the last sweep did.
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import {
  cutoffOf,
  DATA_TYPE_INFO,
  DATA_TYPES,
  type DataType,
  effectiveDays,
  envRetention,
  type RetentionPatch,
} from "./policy";

export interface TypeStatus {
  type: DataType;
  covers: string;
  days: number;
  source: "environment" | "ui";
  envVariable: string;
  envDays: number;
  /** rows older than this are deleted by the next sweep (null: kept forever) */
  cutoff: string | null;
  /** every row older than this has been deleted */
  sweptBefore: string | null;
  lastRunAt: string | null;
  lastDeleted: number;
  lastDurationMs: number | null;
  lastError: string | null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function rows(database: Database) {
  const list = await database.db.retentionState.findMany();
  return new Map(list.map((r) => [r.dataType as DataType, r]));
}

/** The days in force per type: the UI's override where set, else the environment's value. */
export async function retentionSettings(
  database: Database,
  source: Record<string, string | undefined> = process.env,
): Promise<{
  days: Record<DataType, number>;
  fromEnv: Record<DataType, number>;
  overrides: Partial<Record<DataType, number | null>>;
}> {
  const fromEnv = envRetention(source);
  const state = await rows(database);
  const overrides = Object.fromEntries(DATA_TYPES.map((t) => [t, state.get(t)?.daysOverride ?? null]));
  return { days: effectiveDays(fromEnv, overrides), fromEnv, overrides };
}

export async function retentionStatus(database: Database, now = Date.now()): Promise<TypeStatus[]> {
  const { days, fromEnv, overrides } = await retentionSettings(database);
  const state = await rows(database);
  return DATA_TYPES.map((type) => {
    const s = state.get(type);
    const cutoff = cutoffOf(days[type], now);
    return {
      type,
      covers: DATA_TYPE_INFO[type].covers,
      days: days[type],
      source: overrides[type] !== null && overrides[type] !== undefined ? "ui" : "environment",
      envVariable: DATA_TYPE_INFO[type].env,
      envDays: fromEnv[type],
      cutoff: cutoff === null ? null : new Date(cutoff).toISOString(),
      sweptBefore: iso(s?.sweptBefore),
      lastRunAt: iso(s?.lastRunAt),
      lastDeleted: s?.lastDeleted ?? 0,
      lastDurationMs: s?.lastDurationMs ?? null,
      lastError: s?.lastError ?? null,
    };
  });
}

/** Saves the UI's overrides (null: back to the environment's value). */
export async function patchRetention(database: Database, patch: RetentionPatch): Promise<void> {
  const entries = Object.entries(patch) as Array<[DataType, number | null | undefined]>;
  if (entries.length === 0) throw new HttpError(400, "body: name at least one data type to change");
  await database.db.$transaction(
    entries
      .filter(([, v]) => v !== undefined)
      .map(([dataType, daysOverride]) =>
        database.db.retentionState.upsert({
          where: { dataType },
          create: { dataType, daysOverride },
          update: { daysOverride },
        }),
      ),
  );
}

/**
 * Windows ending at or before this instant are frozen: their raw predictions or labels may be partly
 * deleted, so recomputing them from raw rows would overwrite a complete rollup with a partial one.
 */
export async function frozenBefore(database: Database): Promise<number | null> {
  const list = await database.db.retentionState.findMany({
    where: { dataType: { in: ["predictions", "labels"] }, sweptBefore: { not: null } },
  });
  const times = list.map((r) => r.sweptBefore?.getTime() ?? 0);
  return times.length ? Math.max(...times) : null;
}

/** Whether a window ending at `windowEnd` lies wholly before the frozen boundary. */
export async function isFrozen(database: Database, windowEnd: number): Promise<boolean> {
  const before = await frozenBefore(database);
  return before !== null && windowEnd <= before;
}
