// "Drained": no data job left (quality, drift, shadow runs and windows) and the shadow has answered every
// prediction; then, for the multi-replica run, alerting settled on the final data (two rule intervals and a
// flush later, no notification pending, nothing new in the outbox for a while). With a timeout and the
// backlog named when it passes.
import type pg from "pg";
import { MODEL } from "./rows";

const DATA_JOB_KINDS = [
  "quality-window",
  "drift-bucket",
  "drift-window",
  "drift-day",
  "shadow-run",
  "shadow-bucket",
  "shadow-window",
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Backlog {
  jobs: Record<string, number>;
  unanswered: number;
}

export async function backlog(pool: pg.Pool, shadowId: number): Promise<Backlog> {
  const jobs = await pool.query(
    `SELECT "kind", count(*)::int AS n FROM "Job" WHERE "kind" = ANY($1) GROUP BY "kind"`,
    [DATA_JOB_KINDS],
  );
  const unanswered = await pool.query(
    `SELECT count(*)::int AS n FROM "Prediction" p JOIN "Model" m ON m."id" = p."modelId"
      WHERE m."name" = $1 AND NOT EXISTS
        (SELECT 1 FROM "ShadowPrediction" s WHERE s."shadowId" = $2 AND s."predictionId" = p."id")`,
    [MODEL, shadowId],
  );
  return {
    jobs: Object.fromEntries(jobs.rows.map((r) => [r.kind, r.n])),
    unanswered: unanswered.rows[0].n,
  };
}

export const describeBacklog = (b: Backlog) =>
  `${
    Object.entries(b.jobs)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ") || "no data jobs"
  }; ${b.unanswered} predictions without a shadow answer`;

/** Waits until drained; returns how long it took, or throws naming the backlog at the timeout. */
export async function waitDrained(
  pool: pg.Pool,
  shadowId: number,
  timeoutMs: number,
  log: (m: string) => void,
): Promise<number> {
  const began = Date.now();
  let lastLog = began;
  for (;;) {
    const b = await backlog(pool, shadowId);
    if (Object.keys(b.jobs).length === 0 && b.unanswered === 0) return Date.now() - began;
    if (Date.now() - began > timeoutMs)
      throw new Error(`not drained after ${Math.round(timeoutMs / 1000)} s: ${describeBacklog(b)}`);
    if (Date.now() - lastLog > 10_000) {
      log(`draining (${Math.round((Date.now() - began) / 1000)} s): ${describeBacklog(b)}`);
      lastLog = Date.now();
    }
    await sleep(1000);
  }
}

/** After the data drained: waits until alerting has evaluated the final series and sent what that caused. */
export async function waitAlertingSettled(
  pool: pg.Pool,
  opts: { ruleIntervalMs: number; timeoutMs: number },
): Promise<number> {
  const began = Date.now();
  await sleep(2 * opts.ruleIntervalMs + 4000);
  let last = "";
  let stableSince = Date.now();
  for (;;) {
    const { rows } = await pool.query(
      `SELECT (SELECT count(*) FROM "AlertNotification") AS notifications,
              (SELECT count(*) FROM "AlertNotification" WHERE "status" = 'pending') AS pending,
              (SELECT count(*) FROM "AlertTransition") AS transitions`,
    );
    const now = `${rows[0].notifications}/${rows[0].transitions}`;
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
    if (Number(rows[0].pending) === 0 && Date.now() - stableSince >= 6000) return Date.now() - began;
    if (Date.now() - began > opts.timeoutMs)
      throw new Error(
        `alerting not settled after ${Math.round(opts.timeoutMs / 1000)} s: ${rows[0].pending} pending`,
      );
    await sleep(1000);
  }
}
