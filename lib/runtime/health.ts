// GET /api/health: database reachability, pending migrations, worker heartbeats and job backlog.
import type { Database } from "../db/client";
import { loadMigrations } from "../db/migrate";

export interface HealthReport {
  status: "ok" | "degraded";
  database: { reachable: boolean; flavour: string; pendingMigrations: string[]; error?: string };
  worker: {
    lastHeartbeat: string | null;
    secondsAgo: number | null;
    workers: number;
    pendingJobs: number;
    failingJobs: number;
  };
}

export async function healthReport(database: Database, now = Date.now()): Promise<HealthReport> {
  try {
    await database.raw.query("SELECT 1 AS ok");
    const applied = await database.raw.query<{ migration_name: string }>(
      `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`,
    );
    const names = new Set(applied.map((a) => a.migration_name));
    const pendingMigrations = loadMigrations(database.flavour)
      .map((m) => m.name)
      .filter((n) => !names.has(n));
    const beats = await database.db.workerHeartbeat.findMany({
      where: { beatAt: { gte: new Date(now - 300_000) } },
    });
    const last = beats.reduce<number | null>((a, b) => Math.max(a ?? 0, b.beatAt.getTime()), null);
    // Due now: recurring jobs waiting for their next slot (scrapes, checks, rule evaluation, retention) are not
    // a backlog.
    const pendingJobs = await database.db.job.count({ where: { notBefore: { lte: new Date(now) } } });
    const failingJobs = await database.db.job.count({ where: { lastError: { not: null } } });
    const workerOk = last !== null && now - last < 60_000;
    return {
      status: pendingMigrations.length === 0 && workerOk ? "ok" : "degraded",
      database: { reachable: true, flavour: database.flavour, pendingMigrations },
      worker: {
        lastHeartbeat: last === null ? null : new Date(last).toISOString(),
        secondsAgo: last === null ? null : Math.round((now - last) / 1000),
        workers: beats.length,
        pendingJobs,
        failingJobs,
      },
    };
  } catch (error) {
    return {
      status: "degraded",
      database: {
        reachable: false,
        flavour: database.flavour,
        pendingMigrations: [],
        error: (error as Error).message,
      },
      worker: { lastHeartbeat: null, secondsAgo: null, workers: 0, pendingJobs: 0, failingJobs: 0 },
    };
  }
}
