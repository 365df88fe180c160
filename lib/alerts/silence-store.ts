// Silences saved and listed, as Alertmanager keeps them: matchers (at least one that does not match the empty
// string, so a silence cannot mute everything by accident), a start and an end, and — Vigil's addition — an
// optional weekly schedule that makes it recurring. Deleting expires it now, so it stays in the list.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import type { SilenceInfo, silenceBody, WeeklyScheduleBody } from "./api-schemas";
import { formatMatchers, type Matcher, matches, parseMatcher, parseMatchers } from "./matchers";
import { checkSchedule, type WeeklySchedule } from "./schedule";
import { type Silence, silencedBy, silenceState } from "./silences";

export type SilenceInput = z.output<typeof silenceBody>;

/** A current alert, as far as a silence needs it. */
export interface AlertForSilence {
  groupId: number;
  rule: string;
  fingerprint: string;
  labels: Record<string, string>;
}

type SilenceRow = NonNullable<Awaited<ReturnType<Database["db"]["silence"]["findUnique"]>>>;

function parseInputMatchers(input: string | string[]): Matcher[] {
  try {
    const list = typeof input === "string" ? parseMatchers(input) : input.map((m) => parseMatcher(m));
    if (list.length === 0) throw new Error("list at least one matcher");
    if (list.every((m) => matches(m, {})))
      throw new Error("at least one matcher must not match the empty string (it would silence every alert)");
    return list;
  } catch (error) {
    throw new HttpError(400, `matchers: ${(error as Error).message}`);
  }
}

function checkedSchedule(schedule: WeeklyScheduleBody | null | undefined): WeeklySchedule | null {
  if (!schedule) return null;
  try {
    checkSchedule(schedule);
  } catch (error) {
    throw new HttpError(400, `schedule.${(error as Error).message}`);
  }
  return schedule;
}

function rowData(input: SilenceInput, now: number) {
  const startsAt = input.startsAt ?? now;
  if (input.endsAt <= startsAt) throw new HttpError(400, "endsAt: must be after startsAt");
  if (input.endsAt <= now) throw new HttpError(400, "endsAt: must be in the future");
  return {
    matchers: JSON.stringify(parseInputMatchers(input.matchers)),
    startsAt: new Date(startsAt),
    endsAt: new Date(input.endsAt),
    schedule: (() => {
      const s = checkedSchedule(input.schedule);
      return s ? JSON.stringify(s) : null;
    })(),
    comment: input.comment,
  };
}

export function silenceOf(row: SilenceRow): Silence {
  return {
    id: row.id,
    matchers: JSON.parse(row.matchers) as Matcher[],
    startsAt: row.startsAt.getTime(),
    endsAt: row.endsAt.getTime(),
    schedule: row.schedule ? (JSON.parse(row.schedule) as WeeklySchedule) : null,
  };
}

export function silenceInfo(row: SilenceRow, alerts: readonly AlertForSilence[], now: number): SilenceInfo {
  const silence = silenceOf(row);
  const state = silenceState(silence, now);
  return {
    id: row.id,
    matchers: silence.matchers,
    matchersText: formatMatchers(silence.matchers),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    schedule: silence.schedule ?? null,
    comment: row.comment,
    createdBy: row.createdBy,
    state,
    mutes: state === "active" ? alerts.filter((a) => silencedBy([silence], a.labels, now).length > 0) : [],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function createSilence(
  database: Database,
  input: SilenceInput,
  createdBy: string,
  now = Date.now(),
): Promise<SilenceRow> {
  return database.db.silence.create({
    data: { id: randomUUID(), ...rowData(input, now), createdBy: input.createdBy ?? createdBy },
  });
}

export async function silenceRow(database: Database, id: string): Promise<SilenceRow> {
  const row = await database.db.silence.findUnique({ where: { id } });
  if (!row) throw new HttpError(404, `no silence with id "${id}"`);
  return row;
}

export async function updateSilence(
  database: Database,
  id: string,
  input: SilenceInput,
  now = Date.now(),
): Promise<SilenceRow> {
  const row = await silenceRow(database, id);
  const data = rowData(input, now);
  return database.db.silence.update({
    where: { id },
    data: { ...data, createdBy: input.createdBy ?? row.createdBy },
  });
}

/** Expires the silence now (Alertmanager's DELETE): a pending one ends before it started. */
export async function expireSilence(database: Database, id: string, now = Date.now()): Promise<SilenceRow> {
  const row = await silenceRow(database, id);
  if (row.endsAt.getTime() <= now) return row;
  const at = new Date(now);
  return database.db.silence.update({
    where: { id },
    data: { endsAt: at, startsAt: row.startsAt.getTime() > now ? at : row.startsAt },
  });
}

export async function listSilenceRows(database: Database): Promise<SilenceRow[]> {
  return database.db.silence.findMany({ orderBy: [{ endsAt: "desc" }, { id: "asc" }] });
}

/** The silences in force at `at` (a recurring one only inside its weekly window). */
export async function activeSilences(database: Database, at: number): Promise<Silence[]> {
  const rows = await database.db.silence.findMany({
    where: { endsAt: { gt: new Date(at) }, startsAt: { lte: new Date(at) } },
  });
  return rows.map(silenceOf).filter((s) => silenceState(s, at) === "active");
}
