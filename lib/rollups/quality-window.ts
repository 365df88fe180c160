// The quality job for one window of one model version: recompute from raw rows (exact, and late labels are
// simply included), store the rollup, and write the vigil_model_* series.
import type { Database } from "../db/client";
import type { QualityWindowPayload } from "../jobs/mark";
import { WINDOWS } from "../jobs/windows";
import type { QualityMetrics, Task } from "../quality";
import { addSample, computeQualityMetrics, createQualityState, inferTask } from "../quality";
import { isFrozen } from "../retention/store";
import { pointStatements } from "../series/store";
import { loadSamples, percentile } from "./samples";

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

export async function recomputeQualityWindow(
  database: Database,
  job: QualityWindowPayload,
): Promise<WindowMetrics | null> {
  const { db, raw } = database;
  const version = await db.modelVersion.findUnique({
    where: { id: job.versionId },
    include: { model: true },
  });
  if (!version) return null; // model deleted since the job was marked
  const from = job.windowStart;
  const to = from + WINDOWS[job.window];
  if (await isFrozen(database, to)) return null; // raw rows deleted by retention: the rollup stays as it is
  const samples = await loadSamples(database, { modelId: job.modelId, versionId: job.versionId, from, to });
  const key = [job.modelId, job.versionId, job.window, raw.time(from)];
  if (samples.length === 0) {
    await raw.batch([
      {
        sql: `DELETE FROM "QualityRollup" WHERE "modelId" = ? AND "versionId" = ? AND "window" = ? AND "windowStart" = ?`,
        params: key,
      },
    ]);
    return null;
  }
  const task = (version.model.task as Task | null) ?? inferTask(samples);
  const opts = { task, positiveClass: version.model.positiveClass };
  const state = createQualityState();
  for (const s of samples) addSample(state, s, opts);
  const delays = samples.flatMap((s) => (s.labelDelaySeconds === null ? [] : [s.labelDelaySeconds]));
  const metrics: WindowMetrics = {
    ...computeQualityMetrics(state, opts),
    labelDelayP50Seconds: percentile(delays, 0.5),
    labelDelayP90Seconds: percentile(delays, 0.9),
  };

  const labels = { model: version.model.name, version: version.name, window: job.window };
  const points = SERIES.flatMap(([name, pick]) => {
    const value = pick(metrics);
    return value === null || !Number.isFinite(value) ? [] : [{ name, labels, ts: from, value }];
  });
  await raw.batch([
    {
      sql: `INSERT INTO "QualityRollup" ("modelId","versionId","window","windowStart","count","labeled","metrics","state","computedAt")
            VALUES (?,?,?,?,?,?,?,?,?)
            ON CONFLICT ("modelId","versionId","window","windowStart") DO UPDATE SET "count" = excluded."count",
              "labeled" = excluded."labeled", "metrics" = excluded."metrics", "state" = excluded."state",
              "computedAt" = excluded."computedAt"`,
      params: [
        ...key,
        metrics.count,
        metrics.labeled,
        JSON.stringify(metrics),
        JSON.stringify(state),
        raw.time(Date.now()),
      ],
    },
    ...(await pointStatements(database, points)),
  ]);
  return metrics;
}
