// The quality job for one window of one model version. A 5-minute bucket is computed from its raw rows (exact,
// late labels simply included); an hour is merged from its 12 stored buckets and a day from its 24 stored hours,
// so no recompute reads more than one bucket of raw rows however full its hour or day has grown. Each level marks
// the next when it is stored (one writer per window). Hours and days write the vigil_model_* series.
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { markJobStatements, QUALITY_JOB, type QualityWindowPayload, qualityJobKey } from "../jobs/mark";
import { ROLLUP_WINDOWS, type RollupWindow, windowStart } from "../jobs/windows";
import type { QualityMetrics, QualityState, Task } from "../quality";
import {
  addSample,
  boundScoreTables,
  computeQualityMetrics,
  createQualityState,
  inferTask,
  mergeQualityStateInto,
} from "../quality";
import { isFrozen } from "../retention/store";
import { pointStatements } from "../series/store";
import {
  addToSketch,
  emptyQuantileSketch,
  mergeQuantileSketchInto,
  parseQuantileSketch,
  type QuantileSketch,
  sketchQuantile,
} from "./quantile-sketch";
import { loadSamples } from "./samples";

export interface WindowMetrics extends QualityMetrics {
  labelDelayP50Seconds: number | null;
  labelDelayP90Seconds: number | null;
}

/** Series written per window; label `window` tells 1h from 1d points. */
const SERIES: Array<[string, (m: WindowMetrics) => number | null]> = [
  ["vigil_predictions_total", (m) => m.count],
  ["vigil_labels_total", (m) => m.labeled],
  ["vigil_model_accuracy", (m) => m.accuracy],
  ["vigil_model_precision", (m) => m.precision],
  ["vigil_model_recall", (m) => m.recall],
  ["vigil_model_f1", (m) => m.f1],
  ["vigil_model_roc_auc", (m) => m.rocAuc],
  ["vigil_model_log_loss", (m) => m.logLoss],
  ["vigil_model_mae", (m) => m.mae],
  ["vigil_model_rmse", (m) => m.rmse],
  ["vigil_model_r2", (m) => m.r2],
  ["vigil_label_delay_p50_seconds", (m) => m.labelDelayP50Seconds],
];

/** What a window holds: the mergeable quality state, its label delays, and the task the state was filled for. */
interface Part {
  state: QualityState;
  delays: QuantileSketch;
  task: Task;
}

/** The finer window a window is merged from. */
const PARTS_OF: Record<"1h" | "1d", "5m" | "1h"> = { "1h": "5m", "1d": "1h" };

type Version = {
  id: number;
  name: string;
  model: { name: string; task: string | null; positiveClass: string | null };
};

export async function recomputeQualityWindow(
  database: Database,
  job: QualityWindowPayload,
): Promise<WindowMetrics | null> {
  const version = await database.db.modelVersion.findUnique({
    where: { id: job.versionId },
    include: { model: true },
  });
  if (!version) return null; // model deleted since the job was marked
  const from = job.windowStart;
  const to = from + ROLLUP_WINDOWS[job.window];
  if (await isFrozen(database, to)) return null; // raw rows deleted by retention: the rollup stays as it is
  const modelTask = version.model.task as Task | null;
  const part =
    job.window === "5m"
      ? await bucketFromRaw(database, job, modelTask)
      : await mergedWindow(database, job, job.window, modelTask);
  // Buckets are only ever merged, never shown: no metrics (an AUC is a sort) for them.
  const metrics = part && job.window !== "5m" ? metricsOf(part, version.model.positiveClass) : null;
  const points = job.window === "5m" || !metrics ? [] : seriesPoints(version, job.window, from, metrics);
  await database.raw.batch([
    ...storeStatements(database, job, job.window, from, part, metrics),
    ...(await pointStatements(database, points)),
    ...markParent(database, job),
  ]);
  return metrics;
}

/** The next level up (bucket → hour → day), marked with the write so it merges what was just stored. */
function markParent(database: Database, job: QualityWindowPayload): Statement[] {
  if (job.window === "1d") return [];
  const window = job.window === "5m" ? "1h" : "1d";
  const payload = { ...job, window, windowStart: windowStart(job.windowStart, window) } as const;
  return markJobStatements(database.raw, QUALITY_JOB, [{ key: qualityJobKey(payload), payload }]);
}

async function bucketFromRaw(
  database: Database,
  job: { modelId: number; versionId: number; windowStart: number },
  modelTask: Task | null,
): Promise<Part | null> {
  const from = job.windowStart;
  const samples = await loadSamples(database, { ...job, from, to: from + ROLLUP_WINDOWS["5m"] });
  if (samples.length === 0) return null;
  const task = modelTask ?? inferTask(samples);
  const opts = { task, positiveClass: null };
  const state = createQualityState();
  const delays = emptyQuantileSketch();
  for (const s of samples) {
    addSample(state, s, opts);
    if (s.labelDelaySeconds !== null) addToSketch(delays, s.labelDelaySeconds);
  }
  boundScoreTables(state);
  return { state, delays, task };
}

type StoredPart = { windowStart: unknown; state: string; task: string | null; labelDelays: string | null };

/**
 * An hour from its buckets or a day from its hours, in start order (so every run merges alike). A bucket that is
 * missing (never stored, or pruned) or was filled for another task is recomputed from raw rows and stored; an hour
 * filled for another task is re-merged from its buckets. Missing hours are empty or not yet computed: their own
 * job marks the day again once stored.
 */
async function mergedWindow(
  database: Database,
  job: QualityWindowPayload,
  window: "1h" | "1d",
  modelTask: Task | null,
): Promise<Part | null> {
  const partWindow = PARTS_OF[window];
  const size = ROLLUP_WINDOWS[partWindow];
  const from = job.windowStart;
  const to = from + ROLLUP_WINDOWS[window];
  const stored = new Map(
    (await storedParts(database, job, partWindow, from, to)).map((p) => [
      database.raw.readTime(p.windowStart),
      p,
    ]),
  );
  let merged = null as Part | null;
  const repairs: Statement[] = [];
  for (let start = from; start < to; start += size) {
    const row = stored.get(start);
    // Without a model task (not inferred yet), the first part's task decides; later parts are refilled to match.
    const task: Task | null = modelTask ?? merged?.task ?? (row?.task as Task | null) ?? null;
    let part: Part | null = row && row.task === task ? parsePart(row) : null;
    if (!part && (partWindow === "5m" || row)) {
      const child = { ...job, window: partWindow, windowStart: start };
      // A pruned or stale part whose raw rows retention has deleted stays as stored.
      if (row && (await isFrozen(database, start + size))) part = parsePart(row);
      else if (partWindow === "5m") {
        part = await bucketFromRaw(database, child, task);
        // A missing bucket is only filled in: if its own job stored it meanwhile, that (newer) row stays.
        if (part || row) repairs.push(...storeStatements(database, child, "5m", start, part, null, !row));
      } else part = await mergedWindow(database, child, "1h", task);
    }
    if (!part) continue;
    if (!merged) merged = { state: createQualityState(), delays: emptyQuantileSketch(), task: part.task };
    mergeQualityStateInto(merged.state, part.state);
    mergeQuantileSketchInto(merged.delays, part.delays);
  }
  if (repairs.length > 0) await database.raw.batch(repairs);
  return merged;
}

async function storedParts(
  database: Database,
  job: { modelId: number; versionId: number },
  window: RollupWindow,
  from: number,
  to: number,
): Promise<StoredPart[]> {
  const { raw } = database;
  return raw.query<StoredPart>(
    `SELECT "windowStart", "state", "task", "labelDelays" FROM "QualityRollup"
      WHERE "modelId" = ? AND "versionId" = ? AND "window" = ? AND "windowStart" >= ? AND "windowStart" < ?
      ORDER BY "windowStart"`,
    [job.modelId, job.versionId, window, raw.time(from), raw.time(to)],
  );
}

function parsePart(row: StoredPart): Part {
  return {
    state: JSON.parse(row.state) as QualityState,
    delays: parseQuantileSketch(row.labelDelays),
    task: (row.task ?? "multiclass") as Task,
  };
}

function metricsOf(part: Part, positiveClass: string | null): WindowMetrics {
  return {
    ...computeQualityMetrics(part.state, { task: part.task, positiveClass }),
    labelDelayP50Seconds: sketchQuantile(part.delays, 0.5),
    labelDelayP90Seconds: sketchQuantile(part.delays, 0.9),
  };
}

function seriesPoints(version: Version, window: "1h" | "1d", ts: number, metrics: WindowMetrics) {
  const labels = { model: version.model.name, version: version.name, window };
  return SERIES.flatMap(([name, pick]) => {
    const value = pick(metrics);
    return value === null || !Number.isFinite(value) ? [] : [{ name, labels, ts, value }];
  });
}

/**
 * Upserts the window's rollup, or deletes it when the window holds no predictions. `fillOnly`: insert when no row
 * exists, never replace one (a merge filling in a bucket must not overwrite what the bucket's job stored since).
 */
function storeStatements(
  database: Database,
  job: { modelId: number; versionId: number },
  window: RollupWindow,
  start: number,
  part: Part | null,
  metrics: WindowMetrics | null,
  fillOnly = false,
): Statement[] {
  const { raw } = database;
  const key = [job.modelId, job.versionId, window, raw.time(start)];
  if (!part)
    return [
      {
        sql: `DELETE FROM "QualityRollup" WHERE "modelId" = ? AND "versionId" = ? AND "window" = ? AND "windowStart" = ?`,
        params: key,
      },
    ];
  // Buckets are never read for their metrics: only counts are kept there, not a computed AUC.
  const stored = metrics ?? { count: part.state.count, labeled: part.state.labeled };
  return [
    {
      sql: `INSERT INTO "QualityRollup" ("modelId","versionId","window","windowStart","count","labeled","metrics","state","task","labelDelays","computedAt")
            VALUES (?,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT ("modelId","versionId","window","windowStart") DO ${
              fillOnly
                ? "NOTHING"
                : `UPDATE SET "count" = excluded."count",
              "labeled" = excluded."labeled", "metrics" = excluded."metrics", "state" = excluded."state",
              "task" = excluded."task", "labelDelays" = excluded."labelDelays", "computedAt" = excluded."computedAt"`
            }`,
      params: [
        ...key,
        part.state.count,
        part.state.labeled,
        JSON.stringify(stored),
        JSON.stringify(part.state),
        part.task,
        JSON.stringify(part.delays),
        raw.time(Date.now()),
      ],
    },
  ];
}
