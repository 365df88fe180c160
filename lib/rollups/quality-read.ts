// Read path of GET /api/v1/models/{model}/quality. Reads rollups, never raw rows for completed windows;
// window=all merges the stored states of whole days/hours and scans raw rows only for partial hours at the edges.
import type { QualityResponse, QualityWindowRow } from "../api/types";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { WINDOWS, type WindowName } from "../jobs/windows";
import type { QualityState, Task } from "../quality";
import { addSample, computeQualityMetrics, createQualityState, mergeQualityStateInto } from "../quality";
import type { WindowMetrics } from "./quality-window";
import { loadSamples } from "./samples";

export type QualityWindowParam = WindowName | "all";
export type { QualityResponse };

type QualityWindow = QualityWindowRow;

const MAX_WINDOWS = 10_000;
const iso = (ms: number) => new Date(ms).toISOString();

export async function readQuality(
  database: Database,
  q: { model: string; from: number; to: number; window: QualityWindowParam; version?: string },
): Promise<QualityResponse> {
  const model = await database.db.model.findUnique({
    where: { name: q.model },
    include: { versions: { orderBy: { name: "asc" } } },
  });
  if (!model) throw new HttpError(404, `model "${q.model}" not found`);
  const versions = q.version ? model.versions.filter((v) => v.name === q.version) : model.versions;
  if (q.version && versions.length === 0)
    throw new HttpError(404, `model "${q.model}" has no version "${q.version}"`);
  if (q.window !== "all" && (q.to - q.from) / WINDOWS[q.window] > MAX_WINDOWS)
    throw new HttpError(
      400,
      `window: ${q.window} over this range gives more than ${MAX_WINDOWS} windows; use window=1d or a shorter range`,
    );

  const task = model.task as Task | null;
  const base = {
    model: model.name,
    task,
    positiveClass: model.positiveClass,
    from: iso(q.from),
    to: iso(q.to),
    window: q.window,
  };
  const windows: QualityWindow[] = [];
  for (const v of versions) {
    if (q.window === "all") {
      const state = await stateOverRange(database, {
        modelId: model.id,
        versionId: v.id,
        from: q.from,
        to: q.to,
        task,
        positiveClass: model.positiveClass,
      });
      if (state.count === 0) continue;
      const metrics = computeQualityMetrics(state, {
        task: task ?? "binary",
        positiveClass: model.positiveClass,
      });
      windows.push({
        version: v.name,
        start: iso(q.from),
        end: iso(q.to),
        ...metrics,
        labelDelayP50Seconds: null,
        labelDelayP90Seconds: null,
      });
    } else {
      const size = WINDOWS[q.window];
      const rows = await database.raw.query<{ windowStart: unknown; metrics: string }>(
        `SELECT "windowStart", "metrics" FROM "QualityRollup"
          WHERE "modelId" = ? AND "versionId" = ? AND "window" = ? AND "windowStart" >= ? AND "windowStart" < ?
          ORDER BY "windowStart"`,
        [
          model.id,
          v.id,
          q.window,
          database.raw.time(Math.floor(q.from / size) * size),
          database.raw.time(q.to),
        ],
      );
      for (const r of rows) {
        const start = database.raw.readTime(r.windowStart);
        windows.push({
          version: v.name,
          start: iso(start),
          end: iso(start + size),
          ...(JSON.parse(r.metrics) as WindowMetrics),
        });
      }
    }
  }
  return { ...base, versions: model.versions.map((v) => v.name), windows };
}

/** Splits [from, to) into whole days, whole hours around them, and partial hours at the edges. */
export function planRange(
  from: number,
  to: number,
): { raw: Array<[number, number]>; rollups: Array<[WindowName, number, number]> } {
  const H = WINDOWS["1h"];
  const D = WINDOWS["1d"];
  const hourStart = Math.ceil(from / H) * H;
  const hourEnd = Math.floor(to / H) * H;
  if (hourStart >= hourEnd) return { raw: from < to ? [[from, to]] : [], rollups: [] };
  const raw: Array<[number, number]> = [];
  if (from < hourStart) raw.push([from, hourStart]);
  if (hourEnd < to) raw.push([hourEnd, to]);
  const dayStart = Math.ceil(hourStart / D) * D;
  const dayEnd = Math.floor(hourEnd / D) * D;
  if (dayStart >= dayEnd) return { raw, rollups: [["1h", hourStart, hourEnd]] };
  const rollups: Array<[WindowName, number, number]> = [["1d", dayStart, dayEnd]];
  if (hourStart < dayStart) rollups.push(["1h", hourStart, dayStart]);
  if (dayEnd < hourEnd) rollups.push(["1h", dayEnd, hourEnd]);
  return { raw, rollups };
}

async function stateOverRange(
  database: Database,
  q: {
    modelId: number;
    versionId: number;
    from: number;
    to: number;
    task: Task | null;
    positiveClass: string | null;
  },
): Promise<QualityState> {
  const plan = planRange(q.from, q.to);
  const state = createQualityState();
  for (const [window, start, end] of plan.rollups) {
    const rows = await database.raw.query<{ state: string }>(
      `SELECT "state" FROM "QualityRollup" WHERE "modelId" = ? AND "versionId" = ? AND "window" = ? AND "windowStart" >= ? AND "windowStart" < ?`,
      [q.modelId, q.versionId, window, database.raw.time(start), database.raw.time(end)],
    );
    for (const r of rows) mergeQualityStateInto(state, JSON.parse(r.state) as QualityState);
  }
  const opts = { task: q.task ?? "binary", positiveClass: q.positiveClass };
  for (const [from, to] of plan.raw) {
    for (const s of await loadSamples(database, { modelId: q.modelId, versionId: q.versionId, from, to }))
      addSample(state, s, opts);
  }
  return state;
}
