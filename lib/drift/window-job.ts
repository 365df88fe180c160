// The drift jobs of one model version. A 5-minute bucket summarises every column's values into a sketch from its
// raw rows; its hour merges the 12 stored bucket sketches (so no run reads more than a bucket of raw rows, however
// full the hour is), stores them, and — once the version has a complete reference — tests the hour against it and
// writes the drift series for charts and alerts; the day merges its hours. Drift over any range merges stored
// sketches instead of rescanning rows.
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { type DriftDayPayload, type DriftWindowPayload, markDriftDay, markDriftWindows } from "../jobs/mark";
import { ROLLUP_WINDOWS, WINDOWS, windowStart } from "../jobs/windows";
import { isFrozen } from "../retention/store";
import { type PointInput, pointStatements } from "../series/store";
import { type ColumnSet, columnsFromRows, columnsFromSketches, mergeBucketColumns } from "./column-data";
import { loadDriftRows, parseColumnId, SERIES_COLUMN } from "./columns";
import { computeDrift } from "./compute";
import { parseDriftConfig } from "./config";
import { resolveReference } from "./reference";
import { referenceColumns } from "./reference-columns";
import { serializeSketch, sketchSummary } from "./sketch";
import { loadWindowRows } from "./sketch-store";

const BUCKET = ROLLUP_WINDOWS["5m"];

/** A bucket's sketches from its raw rows; then its hour is due. */
export async function recomputeDriftBucket(database: Database, job: DriftWindowPayload): Promise<void> {
  const from = job.windowStart;
  if (await isFrozen(database, from + BUCKET)) return; // raw rows deleted by retention: the sketches stay
  const rows = await loadDriftRows(database, {
    modelId: job.modelId,
    versionId: job.versionId,
    from,
    to: from + BUCKET,
  });
  const hour = windowStart(from, "1h");
  await database.raw.batch([
    ...replaceSketches(database, job, "5m", from, columnsFromRows(rows)),
    ...markDriftWindows(database.raw, [
      { modelId: job.modelId, versionId: job.versionId, windowStart: hour },
    ]),
  ]);
}

/**
 * The hour's columns from its buckets, in start order. A bucket without stored sketches (never computed, or
 * pruned after 48 hours) is computed from raw rows and stored when it has any.
 */
async function hourFromBuckets(database: Database, job: DriftWindowPayload): Promise<ColumnSet> {
  const from = job.windowStart;
  const stored = await loadWindowRows(database, job.modelId, "5m", {
    from,
    to: from + WINDOWS["1h"],
    versionId: job.versionId,
  });
  const byBucket = new Map<number, typeof stored>();
  for (const r of stored) {
    const start = database.raw.readTime(r.windowStart);
    byBucket.set(start, [...(byBucket.get(start) ?? []), r]);
  }
  const buckets: ColumnSet[] = [];
  const repairs: Statement[] = [];
  for (let start = from; start < from + WINDOWS["1h"]; start += BUCKET) {
    const rows = byBucket.get(start);
    if (rows) {
      buckets.push(columnsFromSketches(rows));
      continue;
    }
    const raw = await loadDriftRows(database, { ...job, from: start, to: start + BUCKET });
    if (raw.length === 0) continue;
    const columns = columnsFromRows(raw);
    repairs.push(...replaceSketches(database, job, "5m", start, columns, true));
    buckets.push(columns);
  }
  if (repairs.length > 0) await database.raw.batch(repairs);
  return mergeBucketColumns(buckets);
}

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
  const current = await hourFromBuckets(database, job);
  // The day's sketch is merged from its hours by a job of its own (one writer per day), marked with the write.
  const dayStart = Math.floor(from / WINDOWS["1d"]) * WINDOWS["1d"];
  await raw.batch([
    ...replaceSketches(database, job, "1h", from, current),
    ...markDriftDay(raw, { modelId: job.modelId, versionId: job.versionId, dayStart }),
  ]);

  const config = parseDriftConfig(version.model.driftConfig);
  const reference = await resolveReference(database, job.modelId, job.versionId, config);
  // Windows inside the reference are not tested against it (they are it).
  if (!reference || current.size === 0 || (reference.kind === "window" && from < reference.to)) return;
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

/**
 * Statements that replace the stored sketches of one window of a version. `fillOnly`: insert the columns that have
 * no row, replace none (an hour filling in a missing bucket must not overwrite what the bucket's job stored since;
 * a column stored from an older read is replaced when that bucket's job runs again for the rows it missed).
 */
function replaceSketches(
  database: Database,
  job: { modelId: number; versionId: number },
  window: "5m" | "1h" | "1d",
  start: number,
  columns: ColumnSet,
  fillOnly = false,
): Statement[] {
  const { raw } = database;
  const key = [job.modelId, job.versionId, window, raw.time(start)];
  const clear = {
    sql: `DELETE FROM "DriftSketch" WHERE "modelId" = ? AND "versionId" = ? AND "window" = ? AND "windowStart" = ?`,
    params: key,
  };
  return [
    ...(fillOnly ? [] : [clear]),
    ...[...columns].map(([id, data]) => {
      const { role, name } = parseColumnId(id);
      const s = sketchSummary(data.sketch);
      return {
        sql: `INSERT INTO "DriftSketch" ("modelId","versionId","role","name","window","windowStart","count","missing","sketch","computedAt")
              VALUES (?,?,?,?,?,?,?,?,?,?)${fillOnly ? ` ON CONFLICT DO NOTHING` : ""}`,
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
