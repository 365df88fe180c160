// The checks after the load (a–d, and the processes' own record), each printed as ok/FAIL with its numbers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";
import type { Api } from "./api";
import { compareKeyed, describeComparison, experimentFigures, keyedEqual } from "./compare";
import { latencyFigures } from "./latency";
import { checkNotifications, notificationsOk, type Transition } from "./notifications-check";
import type { ManagedProcess } from "./processes";
import type { Received } from "./receiver";
import type { Report } from "./report";
import type { RequestRecord } from "./request-log";
import { EXPERIMENT_KEY } from "./rows";
import { driftSketches, qualityRollups, shadowRows, storedIds } from "./stored-rows";

const readIds = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean);

/** a. Every acknowledged id stored exactly once, nothing stored that was never acknowledged. */
export async function checkStored(
  report: Report,
  pool: pg.Pool,
  loadDir: string,
  seedIds: readonly string[],
) {
  for (const [kind, table] of [
    ["predictions", "Prediction"],
    ["labels", "Label"],
    ["events", "BusinessEvent"],
  ] as const) {
    const acked = readIds(join(loadDir, `acked-${kind}.txt`));
    if (kind === "predictions") acked.push(...seedIds);
    const ackedSet = new Set(acked);
    const stored = await storedIds(pool, table);
    const missing = [...ackedSet].filter((id) => !stored.ids.has(id));
    const extra = [...stored.ids].filter((id) => !ackedSet.has(id));
    const twiceAcked = acked.length - ackedSet.size;
    report.check(
      `a. ${kind} stored exactly once`,
      missing.length === 0 &&
        extra.length === 0 &&
        stored.rows === stored.ids.size &&
        twiceAcked === 0 &&
        acked.length > 0,
      `${ackedSet.size} acknowledged, ${stored.rows} stored (${stored.ids.size} distinct), ${missing.length} missing${
        missing.length ? ` (${missing.slice(0, 3).join(", ")})` : ""
      }, ${extra.length} never acknowledged${twiceAcked ? `, ${twiceAcked} acknowledged twice` : ""}`,
    );
  }
}

/** b. The multi-replica run's results equal the single-process run's on the same rows. */
export async function checkEqual(
  report: Report,
  multi: { pool: pg.Pool; api: Api; shadowId: number },
  single: { pool: pg.Pool; api: Api; shadowId: number },
) {
  const quality = compareKeyed(await qualityRollups(multi.pool), await qualityRollups(single.pool), 1e-9);
  report.check(
    "b. quality rollups equal (count, labeled, metrics to 1e-9)",
    keyedEqual(quality) && quality.compared > 0,
    describeComparison(quality, "windows"),
  );
  const drift = compareKeyed(await driftSketches(multi.pool), await driftSketches(single.pool), 0);
  report.check(
    "b. drift sketches equal (count, missing per window and column)",
    keyedEqual(drift) && drift.compared > 0,
    describeComparison(drift, "sketches"),
  );
  const a = await shadowRows(multi.pool, multi.shadowId);
  const b = await shadowRows(single.pool, single.shadowId);
  const shadow = compareKeyed(a, b, 1e-9);
  const statuses = new Map<string, number>();
  for (const row of a.values()) {
    const s = (row as { status: string }).status;
    statuses.set(s, (statuses.get(s) ?? 0) + 1);
  }
  report.check(
    "b. shadow predictions equal (per row: status, class, score, scores)",
    keyedEqual(shadow) && shadow.compared > 0,
    `${describeComparison(shadow, "rows")} (${[...statuses].map(([s, n]) => `${s} ${n}`).join(", ")})`,
  );
  type Results = Parameters<typeof experimentFigures>[0];
  const [ra, rb] = await Promise.all([
    multi.api.get<Results>(`/api/v1/experiments/${EXPERIMENT_KEY}/results?refresh=true`),
    single.api.get<Results>(`/api/v1/experiments/${EXPERIMENT_KEY}/results?refresh=true`),
  ]);
  const fa = experimentFigures(ra);
  const fb = experimentFigures(rb);
  const experiment = compareKeyed(fa, fb, 1e-9);
  const units = [...fa].filter(([k]) => k.endsWith(" units")).map(([k, v]) => `${k.split(" ")[1]} ${v}`);
  report.check(
    "b. experiment results equal (units and metric values per variant)",
    keyedEqual(experiment) && experiment.compared > 0,
    `${describeComparison(experiment, "figures")}; units ${units.join(", ")}`,
  );
}

/** c. Each alert's firing and resolution notified exactly once; none the evaluator recorded lost. */
export async function checkAlerts(
  report: Report,
  pool: pg.Pool,
  received: readonly Received[],
  workerKills: number,
) {
  const { rows } = await pool.query(
    `SELECT "labels", "fromState", "toState" FROM "AlertTransition" ORDER BY "id"`,
  );
  const transitions: Transition[] = rows.map((r) => ({
    labels: JSON.parse(r.labels),
    fromState: r.fromState,
    toState: r.toState,
  }));
  const c = checkNotifications(received, transitions);
  const problems = [
    ...c.duplicates.map((d) => `duplicate ${d}`),
    ...c.lost.map((l) => `lost ${l}`),
    ...c.unexpected.map((u) => `unexpected ${u}`),
  ];
  report.check(
    "c. notifications: each alert firing/resolved exactly once, none lost",
    notificationsOk(c, workerKills),
    `${c.alerts} alerts, ${c.expectedFiring} fired and ${c.expectedResolved} resolved per AlertTransition; ${c.notifications} notifications (${c.deliveries} deliveries, ${c.redeliveries} redelivered with the same id; limit ${workerKills}, one per worker crash)${
      problems.length ? `; ${problems.slice(0, 4).join("; ")}` : ""
    }`,
  );
}

/** d. Latency table; reader 5xx none, requests cut by the web kill counted apart. */
export function checkLatency(
  report: Report,
  records: readonly RequestRecord[],
  opts: {
    webKills: number;
    load: {
      givenUp: number;
      givenUpByKind: Record<string, number>;
      aborted: string | null;
      retriesByReason: Record<string, number>;
    };
  },
) {
  const f = latencyFigures(records);
  console.log(f.table);
  report.check(
    "d. readers: no 5xx, no 4xx",
    // Without a web kill nothing may be cut: resets and cut connections then count as failures.
    f.reader5xx === 0 &&
      f.reader4xx === 0 &&
      (opts.webKills > 0 || f.resets.read + f.resets.ingest + f.network === 0),
    `${f.reader5xx} 5xx, ${f.reader4xx} 4xx; connection resets (in flight to a killed web process): ${f.resets.read} reads and ${f.resets.ingest} ingest requests answered 502 by the proxy, ${f.network} requests cut mid-answer`,
  );
  const { load } = opts;
  const retried = Object.entries(load.retriesByReason)
    .map(([k, n]) => `${k} ×${n}`)
    .join(", ");
  report.check(
    "d. ingest: every batch acknowledged",
    load.givenUp === 0 && !load.aborted,
    `${load.givenUp} batches given up (${Object.entries(load.givenUpByKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(
        ", ",
      )})${load.aborted ? `, load stopped early: ${load.aborted}` : ""}; ${f.ingest5xx} ingest 5xx answers from Vigil${retried ? ` (retried: ${retried})` : ""}`,
  );
}

/** The processes: the planned kills happened, every restart came back, nothing else died. */
export function checkProcesses(
  report: Report,
  processes: readonly ManagedProcess[],
  plannedKills: number,
  otherCrashes: readonly string[] = [],
) {
  const kills = processes.reduce((s, p) => s + p.kills, 0);
  const crashed = [...processes.flatMap((p) => p.unexpectedExits), ...otherCrashes];
  const down = processes.filter((p) => !p.running).map((p) => p.spec.name);
  report.check(
    "processes: kills done, restarted, no other exit",
    kills === plannedKills && crashed.length === 0 && down.length === 0,
    `${kills} of ${plannedKills} kills; unexpected exits: ${crashed.join(", ") || "none"}; down now: ${down.join(", ") || "none"}`,
  );
}
