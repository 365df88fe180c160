// Reading stored sketches of a range: whole days from the 1d rows, the hours at the edges from the 1h rows —
// every window whose start lies in [from, to), the range rounded out to whole hours.
import type { Database } from "../db/client";

const HOUR = 3_600_000;
const DAY = 86_400_000;

type Range = { from: number; to: number; versionId: number | null };
type SketchRow = { role: string; name: string; sketch: string; windowStart: unknown };

/** Rows of one window size whose start lies in [from, to). */
export async function loadWindowRows(
  database: Database,
  modelId: number,
  window: "5m" | "1h" | "1d",
  range: Range,
): Promise<SketchRow[]> {
  if (range.from >= range.to) return [];
  const { raw } = database;
  return raw.query<SketchRow>(
    `SELECT "role", "name", "sketch", "windowStart" FROM "DriftSketch"
      WHERE "modelId" = ? ${range.versionId === null ? "" : `AND "versionId" = ?`}
        AND "window" = ? AND "windowStart" >= ? AND "windowStart" < ?`,
    [
      modelId,
      ...(range.versionId === null ? [] : [range.versionId]),
      window,
      raw.time(range.from),
      raw.time(range.to),
    ],
  );
}

export async function loadSketchRows(
  database: Database,
  modelId: number,
  range: Range,
): Promise<SketchRow[]> {
  const from = Math.floor(range.from / HOUR) * HOUR;
  const to = range.to;
  const firstDay = Math.ceil(from / DAY) * DAY;
  const lastDay = Math.floor(to / DAY) * DAY; // days [firstDay, lastDay) lie wholly inside
  const v = range.versionId;
  if (firstDay >= lastDay) return loadWindowRows(database, modelId, "1h", { from, to, versionId: v });
  return [
    ...(await loadWindowRows(database, modelId, "1d", { from: firstDay, to: lastDay, versionId: v })),
    ...(await loadWindowRows(database, modelId, "1h", { from, to: firstDay, versionId: v })),
    ...(await loadWindowRows(database, modelId, "1h", { from: lastDay, to, versionId: v })),
  ];
}

/** Predictions in [from, to): decides between the exact and the sketch path. */
export async function countRows(
  database: Database,
  modelId: number,
  range: { from: number; to: number; versionId: number | null },
): Promise<number> {
  const { raw } = database;
  const [row] = await raw.query<{ n: number | string }>(
    `SELECT count(*) AS "n" FROM "Prediction"
      WHERE "modelId" = ? ${range.versionId === null ? "" : `AND "versionId" = ?`} AND "ts" >= ? AND "ts" < ?`,
    [
      modelId,
      ...(range.versionId === null ? [] : [range.versionId]),
      raw.time(range.from),
      raw.time(range.to),
    ],
  );
  return Number(row?.n ?? 0);
}
