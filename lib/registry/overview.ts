// GET /api/v1/models: every model with its last-24h volume, latest quality per version and a health verdict.
// Built from the 1h/1d rollups, so it costs O(models × windows), never a scan of raw predictions.
import type {
  Health,
  ModelSummary as ModelOverview,
  ModelVersionSummary as VersionOverview,
} from "../api/types";
import type { Database } from "../db/client";
import { WINDOWS } from "../jobs/windows";
import type { WindowMetrics } from "../rollups/quality-window";

export type {
  Health,
  ModelSummary as ModelOverview,
  ModelVersionSummary as VersionOverview,
} from "../api/types";

export function healthOf(
  lastPredictionAt: number | null,
  predictions24h: number,
  labeled24h: number,
  now: number,
  staleAfterMs: number,
): Health {
  if (lastPredictionAt === null) return "no-data";
  if (now - lastPredictionAt > staleAfterMs) return "stale";
  if (predictions24h > 0 && labeled24h === 0) return "no-labels";
  return "ok";
}

export async function listModelOverviews(
  database: Database,
  now: number,
  staleAfterMs: number,
): Promise<ModelOverview[]> {
  const { db, raw } = database;
  const H = WINDOWS["1h"];
  const firstHour = Math.floor(now / H) * H - 23 * H;
  const models = await db.model.findMany({
    include: { versions: { orderBy: { name: "asc" } } },
    orderBy: { name: "asc" },
  });
  const out: ModelOverview[] = [];
  for (const m of models) {
    const hourly = await raw.query<{
      versionId: number;
      windowStart: unknown;
      count: number;
      labeled: number;
    }>(
      `SELECT "versionId", "windowStart", "count", "labeled" FROM "QualityRollup"
        WHERE "modelId" = ? AND "window" = '1h' AND "windowStart" >= ?`,
      [m.id, raw.time(firstHour)],
    );
    const volume = Array.from({ length: 24 }, (_, i) => ({ ts: firstHour + i * H, count: 0 }));
    let labeled24h = 0;
    const perVersion = new Map<number, number>();
    for (const h of hourly) {
      const slot = Math.round((raw.readTime(h.windowStart) - firstHour) / H);
      if (volume[slot]) volume[slot].count += Number(h.count);
      labeled24h += Number(h.labeled);
      perVersion.set(Number(h.versionId), (perVersion.get(Number(h.versionId)) ?? 0) + Number(h.count));
    }
    const versions: VersionOverview[] = [];
    for (const v of m.versions) {
      // Latest day that has labels: the figure people mean by "current accuracy".
      const latest = await raw.query<{ metrics: string }>(
        `SELECT "metrics" FROM "QualityRollup" WHERE "modelId" = ? AND "versionId" = ? AND "window" = '1d' AND "labeled" > 0
          ORDER BY "windowStart" DESC LIMIT 1`,
        [m.id, v.id],
      );
      const metrics = latest[0] ? (JSON.parse(latest[0].metrics) as WindowMetrics) : null;
      versions.push({
        name: v.name,
        lastPredictionAt: v.lastPredictionAt?.toISOString() ?? null,
        predictions24h: perVersion.get(v.id) ?? 0,
        accuracy: metrics?.accuracy ?? null,
        f1: metrics?.f1 ?? null,
        rocAuc: metrics?.rocAuc ?? null,
        mae: metrics?.mae ?? null,
      });
    }
    const predictions24h = volume.reduce((a, b) => a + b.count, 0);
    const lastTimes = m.versions.flatMap((v) => (v.lastPredictionAt ? [v.lastPredictionAt.getTime()] : []));
    const lastPredictionAt = lastTimes.length ? Math.max(...lastTimes) : null;
    out.push({
      name: m.name,
      displayName: m.displayName,
      description: m.description,
      owner: m.owner,
      task: m.task as ModelOverview["task"],
      taskSource: m.taskSource as ModelOverview["taskSource"],
      positiveClass: m.positiveClass,
      createdAt: m.createdAt.toISOString(),
      lastPredictionAt: lastPredictionAt === null ? null : new Date(lastPredictionAt).toISOString(),
      predictions24h,
      labeled24h,
      labelCoverage: predictions24h > 0 ? labeled24h / predictions24h : null,
      health: healthOf(lastPredictionAt, predictions24h, labeled24h, now, staleAfterMs),
      volume: volume.map((b) => ({ ts: new Date(b.ts).toISOString(), count: b.count })),
      versions,
    });
  }
  return out;
}
