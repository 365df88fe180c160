// "Mark work as needed": one Job row per unit of work (natural key), bumped when marked again.
import type { RawSql, Statement } from "../db/raw";
import { type RollupWindow, windowStart } from "./windows";

export interface QualityWindowPayload {
  modelId: number;
  versionId: number;
  window: RollupWindow;
  windowStart: number;
}

export const QUALITY_JOB = "quality-window";

export function qualityJobKey(p: QualityWindowPayload): string {
  return `${QUALITY_JOB}:${p.modelId}:${p.versionId}:${p.window}:${p.windowStart}`;
}

/**
 * Every 5-minute bucket touched by predictions at `timestamps` of one model version. Only buckets are marked: a
 * bucket's job marks its hour, an hour's job its day (lib/rollups/quality-window.ts).
 */
export function qualityWindowsFor(
  modelId: number,
  versionId: number,
  timestamps: Iterable<number>,
): QualityWindowPayload[] {
  const buckets = new Set<number>();
  for (const ts of timestamps) buckets.add(windowStart(ts, "5m"));
  return [...buckets].map((start) => ({ modelId, versionId, window: "5m", windowStart: start }));
}

/**
 * Upserts jobs: a new row, or generation+1 on an existing one (so a worker busy with the old generation
 * knows to run it again). Same SQL on SQLite and PostgreSQL.
 */
export function markJobStatements(
  raw: RawSql,
  kind: string,
  payloads: Array<{ key: string; payload: unknown }>,
  now = Date.now(),
): Statement[] {
  const statements: Statement[] = [];
  const CHUNK = 200;
  // Key order: concurrent batches then lock the rows they share in the same order (no deadlock on PostgreSQL).
  // One row per key: PostgreSQL refuses an upsert that touches the same row twice in one statement.
  const sorted = [...payloads]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .filter((p, i, all) => i === 0 || all[i - 1]?.key !== p.key);
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const part = sorted.slice(i, i + CHUNK);
    statements.push({
      sql: `INSERT INTO "Job" ("key","kind","payload","generation","notBefore","attempts","createdAt","updatedAt") VALUES ${part
        .map(() => "(?,?,?,1,?,0,?,?)")
        .join(
          ",",
        )} ON CONFLICT ("key") DO UPDATE SET "generation" = "Job"."generation" + 1, "updatedAt" = excluded."updatedAt"`,
      params: part.flatMap((p) => [
        p.key,
        kind,
        JSON.stringify(p.payload),
        raw.time(now),
        raw.time(now),
        raw.time(now),
      ]),
    });
  }
  return statements;
}

export const DRIFT_JOB = "drift-window";

export interface DriftWindowPayload {
  modelId: number;
  versionId: number;
  windowStart: number;
}

export const driftJobKey = (p: DriftWindowPayload) =>
  `${DRIFT_JOB}:${p.modelId}:${p.versionId}:${p.windowStart}`;

export const DRIFT_DAY_JOB = "drift-day";

export interface DriftDayPayload {
  modelId: number;
  versionId: number;
  dayStart: number;
}

/** The day's merged sketch, after one of its hours changed: a job of its own, so one writer per day. */
export function markDriftDay(raw: RawSql, p: DriftDayPayload, now = Date.now()): Statement[] {
  return markJobStatements(
    raw,
    DRIFT_DAY_JOB,
    [{ key: `${DRIFT_DAY_JOB}:${p.modelId}:${p.versionId}:${p.dayStart}`, payload: p }],
    now,
  );
}

export function markDriftWindows(raw: RawSql, windows: DriftWindowPayload[], now = Date.now()): Statement[] {
  return markJobStatements(
    raw,
    DRIFT_JOB,
    windows.map((w) => ({ key: driftJobKey(w), payload: w })),
    now,
  );
}

export const DRIFT_BUCKET_JOB = "drift-bucket";

/** A 5-minute bucket's drift sketches, from raw rows; the bucket's job then marks its hour (drift-window). */
export function markDriftBuckets(raw: RawSql, buckets: DriftWindowPayload[], now = Date.now()): Statement[] {
  return markJobStatements(
    raw,
    DRIFT_BUCKET_JOB,
    buckets.map((b) => ({
      key: `${DRIFT_BUCKET_JOB}:${b.modelId}:${b.versionId}:${b.windowStart}`,
      payload: b,
    })),
    now,
  );
}

/**
 * The jobs new predictions or labels make due: the quality of every touched window, and the drift sketches of
 * the same 5-minute buckets (labels count too: label drift). Hours and days passed in (a task change re-marks
 * them) mark their drift hours directly.
 */
export function markQualityWindows(
  raw: RawSql,
  windows: QualityWindowPayload[],
  now = Date.now(),
): Statement[] {
  const payload = (w: QualityWindowPayload, window: "5m" | "1h") => ({
    modelId: w.modelId,
    versionId: w.versionId,
    windowStart: windowStart(w.windowStart, window),
  });
  return [
    ...markJobStatements(
      raw,
      QUALITY_JOB,
      windows.map((w) => ({ key: qualityJobKey(w), payload: w })),
      now,
    ),
    ...markDriftBuckets(
      raw,
      windows.filter((w) => w.window === "5m").map((w) => payload(w, "5m")),
      now,
    ),
    ...markDriftWindows(
      raw,
      windows.filter((w) => w.window === "1h").map((w) => payload(w, "1h")),
      now,
    ),
  ];
}

export const SHADOW_RUN_JOB = "shadow-run";
export const SHADOW_WINDOW_JOB = "shadow-window";

export interface ShadowRunPayload {
  shadowId: number;
}

export interface ShadowWindowPayload {
  shadowId: number;
  windowStart: number;
}

/**
 * The shadow job of each shadow: it evaluates every production prediction the shadow has not answered yet
 * (lib/shadow/run-job.ts). Marked by prediction ingest (active shadows of the batch's models), when a shadow
 * is created or resumed, and by a backfill request.
 */
export function markShadowRuns(raw: RawSql, shadowIds: Iterable<number>, now = Date.now()): Statement[] {
  const ids = [...new Set(shadowIds)];
  if (ids.length === 0) return [];
  return markJobStatements(
    raw,
    SHADOW_RUN_JOB,
    ids.map((shadowId) => ({ key: `${SHADOW_RUN_JOB}:${shadowId}`, payload: { shadowId } })),
    now,
  );
}

/** One shadow's job; run with `raw.batch(markShadowRun(raw, id))` (routes: create, resume, backfill). */
export function markShadowRun(raw: RawSql, shadowId: number, now = Date.now()): Statement[] {
  return markShadowRuns(raw, [shadowId], now);
}

export const SHADOW_BUCKET_JOB = "shadow-bucket";

/** Jobs keyed `<kind>:<shadowId>:<windowStart>`, one per shadow window. */
function markShadowWindowJobs(
  raw: RawSql,
  kind: typeof SHADOW_BUCKET_JOB | typeof SHADOW_WINDOW_JOB,
  windows: ShadowWindowPayload[],
  now: number,
): Statement[] {
  return markJobStatements(
    raw,
    kind,
    windows.map((w) => ({ key: `${kind}:${w.shadowId}:${w.windowStart}`, payload: w })),
    now,
  );
}

/**
 * The shadow series' state of each touched 5-minute bucket (lib/shadow/window-job.ts); a bucket's job then marks
 * its hour (shadow-window), which writes the series.
 */
export function markShadowBuckets(
  raw: RawSql,
  buckets: ShadowWindowPayload[],
  now = Date.now(),
): Statement[] {
  return markShadowWindowJobs(raw, SHADOW_BUCKET_JOB, buckets, now);
}

/** The shadow series (agreement, score difference, accuracy, latency) of each touched hour. */
export function markShadowWindows(
  raw: RawSql,
  windows: ShadowWindowPayload[],
  now = Date.now(),
): Statement[] {
  return markShadowWindowJobs(raw, SHADOW_WINDOW_JOB, windows, now);
}

export const EXPERIMENT_RESULTS_JOB = "experiment-results";

export interface ExperimentResultsPayload {
  experimentId: number;
}

/**
 * The experiment's results job, due at `notBefore` (default: now). Unlike markJobStatements, marking again
 * also moves the due time: "at once" after a create or PATCH, later when the job schedules its own refresh.
 */
export function markExperimentResults(
  raw: RawSql,
  experimentId: number,
  notBefore = Date.now(),
  now = Date.now(),
): Statement[] {
  return [scheduleJob(raw, EXPERIMENT_RESULTS_JOB, `${experimentId}`, { experimentId }, notBefore, now)];
}

/**
 * One job due at `notBefore`, key `<kind>:<id>`. Unlike markJobStatements, marking again also moves the due
 * time (and bumps the generation, so a worker running the old one runs it again).
 */
function scheduleJob(
  raw: RawSql,
  kind: string,
  id: string,
  payload: unknown,
  notBefore: number,
  now: number,
): Statement {
  return {
    sql: `INSERT INTO "Job" ("key","kind","payload","generation","notBefore","attempts","createdAt","updatedAt")
          VALUES (?,?,?,1,?,0,?,?)
          ON CONFLICT ("key") DO UPDATE SET "generation" = "Job"."generation" + 1,
            "notBefore" = excluded."notBefore", "updatedAt" = excluded."updatedAt"`,
    params: [
      `${kind}:${id}`,
      kind,
      JSON.stringify(payload),
      raw.time(notBefore),
      raw.time(now),
      raw.time(now),
    ],
  };
}

export const ALERT_EVAL_JOB = "alert-eval";

export interface AlertEvalPayload {
  groupId: number;
}

/**
 * A rule group's evaluation job (lib/alerts/eval-job.ts), due at `notBefore`: the group's next evaluation slot,
 * or "at once" after a create, edit or unpause. Marking again moves the due time, as markExperimentResults.
 */
export function markAlertEval(
  raw: RawSql,
  groupId: number,
  notBefore = Date.now(),
  now = Date.now(),
): Statement[] {
  return [scheduleJob(raw, ALERT_EVAL_JOB, `${groupId}`, { groupId }, notBefore, now)];
}

export const ALERT_DISPATCH_JOB = "alert-dispatch";
export const ALERT_SEND_JOB = "alert-send";

/**
 * The one dispatch or send job (lib/alerts/dispatch-job.ts), due at `notBefore`. Marking again keeps the
 * earlier due time, so a "now" from the evaluator is never pushed back by a later one; only the job itself,
 * when nobody marked it while it ran (`ownGeneration` unchanged), moves its due time later (its next flush or
 * retry).
 */
export function markAlertDelivery(
  raw: RawSql,
  kind: typeof ALERT_DISPATCH_JOB | typeof ALERT_SEND_JOB,
  notBefore = Date.now(),
  now = Date.now(),
  ownGeneration = -1,
): Statement[] {
  return [
    {
      sql: `INSERT INTO "Job" ("key","kind","payload","generation","notBefore","attempts","createdAt","updatedAt")
            VALUES (?,?,?,1,?,0,?,?)
            ON CONFLICT ("key") DO UPDATE SET "generation" = "Job"."generation" + 1,
              "notBefore" = CASE WHEN "Job"."generation" = ? OR excluded."notBefore" < "Job"."notBefore"
                THEN excluded."notBefore" ELSE "Job"."notBefore" END,
              "updatedAt" = excluded."updatedAt"`,
      params: [kind, kind, "{}", raw.time(notBefore), raw.time(now), raw.time(now), ownGeneration],
    },
  ];
}

export const SCRAPE_JOB = "scrape";

/**
 * A scrape target's job (lib/cluster/scrape-job.ts), due at `notBefore`: the target's next slot on its own
 * grid, or "at once" after a create or edit. Marking again moves the due time, as markAlertEval.
 */
export function markScrape(
  raw: RawSql,
  targetId: number,
  notBefore = Date.now(),
  now = Date.now(),
): Statement[] {
  return [scheduleJob(raw, SCRAPE_JOB, `${targetId}`, { targetId }, notBefore, now)];
}

export const ENDPOINT_CHECK_JOB = "endpoint-check";

/**
 * A serving endpoint's health check (lib/cluster/endpoint-job.ts), due at `notBefore`: the endpoint's next slot
 * on its own grid, or "at once" after a create or edit. Marking again moves the due time, as markScrape.
 */
export function markEndpointCheck(
  raw: RawSql,
  endpointId: number,
  notBefore = Date.now(),
  now = Date.now(),
): Statement[] {
  return [scheduleJob(raw, ENDPOINT_CHECK_JOB, `${endpointId}`, { endpointId }, notBefore, now)];
}

export const GPU_COLLECT_JOB = "gpu-collect";

/**
 * The nvidia-smi collector of one host (lib/cluster/nvidia-smi-job.ts), key `gpu-collect:<host>`: a worker with
 * VIGIL_NVIDIA_SMI on marks its own host's job at start; the job then marks itself at its next slot.
 */
export function markGpuCollect(
  raw: RawSql,
  host: string,
  notBefore = Date.now(),
  now = Date.now(),
): Statement[] {
  return [scheduleJob(raw, GPU_COLLECT_JOB, host, { host }, notBefore, now)];
}

export const RETENTION_JOB = "retention";

/**
 * The one retention sweep job (lib/retention/job.ts), due at `notBefore`. `ifMissing` (a worker starting) only
 * creates it, so restarting workers do not pull the next sweep forward; the job itself moves its due time.
 */
export function markRetention(
  raw: RawSql,
  notBefore = Date.now(),
  now = Date.now(),
  opts: { ifMissing?: boolean } = {},
): Statement[] {
  const statement = scheduleJob(raw, RETENTION_JOB, "sweep", {}, notBefore, now);
  if (!opts.ifMissing) return [statement];
  return [
    {
      ...statement,
      sql: statement.sql.replace(
        /ON CONFLICT \("key"\) DO UPDATE SET[\s\S]*$/,
        'ON CONFLICT ("key") DO NOTHING',
      ),
    },
  ];
}
