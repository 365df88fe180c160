// The drift job for one 1h window of one model version: summarise every column's values into a sketch
// (stored, so drift over any range merges sketches instead of rescanning rows), then — once the version has a
// complete reference — test the window against it and write the drift series for charts and alerts.
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { type DriftDayPayload, type DriftWindowPayload, markDriftDay } from "../jobs/mark";
import { WINDOWS } from "../jobs/windows";
import { isFrozen } from "../retention/store";
import { type PointInput, pointStatements } from "../series/store";
import { type ColumnSet, columnsFromRows, columnsFromSketches } from "./column-data";
import { loadDriftRows, parseColumnId, SERIES_COLUMN } from "./columns";
import { computeDrift } from "./compute";
import { parseDriftConfig } from "./config";
import { resolveReference } from "./reference";
import { referenceColumns } from "./reference-columns";
import { serializeSketch, sketchSummary } from "./sketch";
import { loadWindowRows } from "./sketch-store";

export async function recomputeDriftWindow(database: Database, job: DriftWindowPayload): Promise<void> {
  const { raw } = database;
  const version = await database.db.modelVersion.findUnique({
    where: { id: job.versionId },
    include: { model: true },
  });
  if (!version) return; // deleted since the job was marked
  const from = job.windowStart;
  const to = from + WINDOWS["1h"];
  if (await isFrozen(database, to)) return; // raw rows deleted by retention: the sketches stay as they are
  const rows = await loadDriftRows(database, { modelId: job.modelId, versionId: job.versionId, from, to });
  const current = columnsFromRows(rows);
  // The day's sketch is merged from its hours by a job of its own (one writer per day), marked with the write.
  const dayStart = Math.floor(from / WINDOWS["1d"]) * WINDOWS["1d"];
  await raw.batch([
    ...replaceSketches(database, job, "1h", from, current),
    ...markDriftDay(raw, { modelId: job.modelId, versionId: job.versionId, dayStart }),
  ]);

  const config = parseDriftConfig(version.model.driftConfig);
  const reference = await resolveReference(database, job.modelId, job.versionId, config);
  // Windows inside the reference are not tested against it (they are it).
  if (!reference || rows.length === 0 || (reference.kind === "window" && from < reference.to)) return;
  const refColumns = await referenceColumns(database, job.modelId, reference, "sketch");
  const result = computeDrift(refColumns, current, config, "sketch", { choice: "reference" });
  const labels = { model: version.model.name, version: version.name };
  const points = result.columns.flatMap((c) => {
    const feature = SERIES_COLUMN[c.role](c.name);
    const out: PointInput[] = [];
    if (c.missingShare !== null)
      out.push({
        name: "vigil_feature_missing_share",
        labels: { ...labels, feature },
        ts: from,
        value: c.missingShare,
      });
    if (c.stattest === null || c.statistic === null || !Number.isFinite(c.statistic)) return out;
    const withTest = { ...labels, feature, stattest: c.stattest };
    out.push({ name: "vigil_feature_drift", labels: withTest, ts: from, value: c.statistic });
    out.push({ name: "vigil_feature_drifted", labels: withTest, ts: from, value: c.drifted ? 1 : 0 });
    return out;
  });
  points.push({ name: "vigil_dataset_drift_share", labels, ts: from, value: result.driftShare });
  await raw.batch(await pointStatements(database, points));
}

/** A day's sketches, merged from its hours, so drift over a month reads ~30 rows per column, not 720. */
export async function recomputeDriftDay(database: Database, job: DriftDayPayload): Promise<void> {
  const hours = await loadWindowRows(database, job.modelId, "1h", {
    from: job.dayStart,
    to: job.dayStart + WINDOWS["1d"],
    versionId: job.versionId,
  });
  await database.raw.batch(replaceSketches(database, job, "1d", job.dayStart, columnsFromSketches(hours)));
}

/** Statements that replace the stored sketches of one window of a version. */
function replaceSketches(
  database: Database,
  job: { modelId: number; versionId: number },
  window: "1h" | "1d",
  start: number,
  columns: ColumnSet,
): Statement[] {
  const { raw } = database;
  const key = [job.modelId, job.versionId, window, raw.time(start)];
  return [
    {
      sql: `DELETE FROM "DriftSketch" WHERE "modelId" = ? AND "versionId" = ? AND "window" = ? AND "windowStart" = ?`,
      params: key,
    },
    ...[...columns].map(([id, data]) => {
      const { role, name } = parseColumnId(id);
      const s = sketchSummary(data.sketch);
      return {
        sql: `INSERT INTO "DriftSketch" ("modelId","versionId","role","name","window","windowStart","count","missing","sketch","computedAt")
              VALUES (?,?,?,?,?,?,?,?,?,?)`,
        params: [
          job.modelId,
          job.versionId,
          role,
          name,
          window,
          key[3],
          s.count + s.missing,
          s.missing,
          serializeSketch(data.sketch),
          raw.time(Date.now()),
        ],
      };
    }),
  ];
}
