// Gauges read from the database when /metrics is scraped, so every web replica reports the same cluster-wide
// state: job backlog and lag per kind, leases held, failing jobs, live workers, the notification outbox, and
// the latest model-quality values (the vigil_model_* series Vigil computes), for an existing Prometheus.
import type { Database } from "../db/client";
import { gauge } from "./registry";

type Db = () => Promise<Database>;

const QUALITY_NAMES = [
  "vigil_model_accuracy",
  "vigil_model_precision",
  "vigil_model_recall",
  "vigil_model_f1",
  "vigil_model_roc_auc",
  "vigil_model_log_loss",
  "vigil_model_mae",
  "vigil_model_rmse",
  "vigil_model_r2",
] as const;

export function registerStateGauges(db: Db): void {
  gauge("vigil_jobs_due", "Jobs whose due time has come, by kind", ["kind"] as const, async (g) => {
    const rows = await (await db()).db.job.groupBy({
      by: ["kind"],
      where: { notBefore: { lte: new Date() } },
      _count: true,
    });
    g.reset();
    for (const r of rows) g.set({ kind: r.kind }, r._count);
  });
  gauge(
    "vigil_job_lag_seconds",
    "How long the oldest due job has waited, by kind",
    ["kind"] as const,
    async (g) => {
      const now = Date.now();
      // Raw SQL: Prisma's SQLite adapter returns aggregates of epoch-ms dates as Invalid Date.
      const { raw } = await db();
      const rows = await raw.query<{ kind: string; oldest: unknown }>(
        `SELECT "kind", MIN("notBefore") AS "oldest" FROM "Job" WHERE "notBefore" <= ? GROUP BY "kind"`,
        [raw.time(now)],
      );
      g.reset();
      for (const r of rows) g.set({ kind: r.kind }, Math.max(0, (now - raw.readTime(r.oldest)) / 1000));
    },
  );
  gauge("vigil_jobs_leased", "Jobs held by a worker right now, by kind", ["kind"] as const, async (g) => {
    const rows = await (await db()).db.job.groupBy({
      by: ["kind"],
      where: { leaseExpiresAt: { gt: new Date() } },
      _count: true,
    });
    g.reset();
    for (const r of rows) g.set({ kind: r.kind }, r._count);
  });
  gauge(
    "vigil_jobs_failing",
    "Jobs whose last attempt failed (retried with backoff), by kind",
    ["kind"] as const,
    async (g) => {
      const rows = await (await db()).db.job.groupBy({
        by: ["kind"],
        where: { lastError: { not: null } },
        _count: true,
      });
      g.reset();
      for (const r of rows) g.set({ kind: r.kind }, r._count);
    },
  );
  gauge("vigil_workers", "Workers that sent a heartbeat in the last 30 s", [] as const, async (g) => {
    g.set(
      await (await db()).db.workerHeartbeat.count({
        where: { beatAt: { gt: new Date(Date.now() - 30_000) } },
      }),
    );
  });
  gauge(
    "vigil_notifications",
    "Notifications in the outbox by status (pending, sent, failed, suppressed)",
    ["status"] as const,
    async (g) => {
      const rows = await (await db()).db.alertNotification.groupBy({ by: ["status"], _count: true });
      g.reset();
      for (const r of rows) g.set({ status: r.status }, r._count);
    },
  );
  gauge(
    "vigil_model_quality",
    "Latest value of each model-quality series (metric = accuracy, f1, …), per model, version and window",
    ["metric", "model", "version", "window"] as const,
    async (g) => {
      const database = await db();
      const rows = await database.raw.query<{ name: string; labels: string; value: number; kind: number }>(
        `SELECT s."name", s."labels", p."value", p."kind" FROM "Series" s
           JOIN "SeriesPoint" p ON p."seriesId" = s."id"
          WHERE s."name" IN (${QUALITY_NAMES.map(() => "?").join(",")})
            AND p."ts" = (SELECT MAX(q."ts") FROM "SeriesPoint" q WHERE q."seriesId" = s."id")`,
        [...QUALITY_NAMES],
      );
      g.reset();
      for (const r of rows) {
        if (Number(r.kind) !== 0) continue; // NaN or a stale marker: no current value
        const labels = JSON.parse(r.labels) as Record<string, string>;
        g.set(
          {
            metric: r.name.replace(/^vigil_model_/, ""),
            model: labels.model ?? "",
            version: labels.version ?? "",
            window: labels.window ?? "",
          },
          Number(r.value),
        );
      }
    },
  );
}
