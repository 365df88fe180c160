// `npm run scale -- [--minutes 5] [--rate 1000] [--soak] [--database postgresql://…] [--keep]`: Vigil with
// several replicas under load and faults, on this machine's PostgreSQL (docs/deployment.md, "Several replicas
// under load and faults"). Two web processes behind a round-robin proxy and three workers on a fresh
// database; a load generator process ingesting at --rate with 20 dashboard readers; one worker and one web
// process killed with SIGKILL and restarted during the run (not in --soak); then the checks a–d (and the
// soak's), each printed ok/FAIL. Exit code 0 only when all pass; the last line is "scale: N passed, M failed".
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { apiClient } from "./api";
import { parseArgs, type ScaleOptions } from "./args";
import { type Kill, planKills } from "./chaos-plan";
import { checkAlerts, checkEqual, checkLatency, checkProcesses, checkStored } from "./checks";
import { proxySpec, type VigilSettings, webSpec, workerSpec } from "./cluster";
import { configureAlerting, configureModel } from "./configure";
import { createDatabase, dropDatabase, readPool } from "./database";
import { backlog, waitAlertingSettled, waitDrained } from "./drain";
import type { LoadConfig } from "./load";
import { ManagedProcess, startAll } from "./processes";
import { RECENT_MS } from "./readers";
import { startReceiver } from "./receiver";
import { runSingle, type SingleRun } from "./replay";
import { Report } from "./report";
import { parseRecords } from "./request-log";
import { EXPERIMENT_KEY, generate, seededRandom } from "./rows";
import { startSampler } from "./sampler";
import { analyseSoak } from "./soak-analysis";

const RULE_INTERVAL_MS = 10_000;
/** Vigil kept up with the rate when the load's last prediction was acknowledged at most this long after the
 * schedule ended and no row waited longer than MAX_QUEUE_WAIT_MS for a sender (a backlog that builds up around
 * a kill and is caught up again is allowed; one that keeps growing is not). */
const MAX_BEHIND_AT_END_S = 10;
const MAX_QUEUE_WAIT_MS = 30_000;
const began = Date.now();
const log = (m: string) => console.log(`[scale +${((Date.now() - began) / 1000).toFixed(0)}s] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((r) => {
          const s = createServer();
          s.listen(0, "127.0.0.1", () => r(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Kills one process at its planned time, starts it again after its down time; returns what happened. */
async function executeKill(kill: Kill, target: ManagedProcess, loadStart: number): Promise<string> {
  await sleep(Math.max(0, loadStart + kill.atMs - Date.now()));
  const killedAt = Date.now();
  await target.kill9();
  log(
    `kill -9 ${target.spec.name} (pid gone) at +${((killedAt - loadStart) / 1000).toFixed(1)} s of the load`,
  );
  await sleep(kill.downMs);
  await target.start();
  const back = Date.now();
  log(`${target.spec.name} restarted, ready ${((back - killedAt) / 1000).toFixed(1)} s after the kill`);
  return `${target.spec.name} killed at +${((killedAt - loadStart) / 1000).toFixed(1)} s, ready again ${((back - killedAt) / 1000).toFixed(1)} s later`;
}

async function main(
  opts: ScaleOptions,
  report: Report,
  cleanup: Array<() => Promise<unknown>>,
): Promise<void> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
  const durationMs = Math.round(opts.minutes * 60_000);
  const name = `vigil_scale_${Date.now().toString(36)}_${process.pid}`;
  const runDir = resolve("data/scale", name);
  const logDir = join(runDir, "logs");
  const loadDir = join(runDir, "load");
  for (const dir of [logDir, loadDir, join(runDir, "data")]) mkdirSync(dir, { recursive: true });
  const apiKey = `vgl_scale_${randomBytes(16).toString("hex")}`;
  const drainTimeoutMs = Math.min(900_000, Math.max(120_000, durationMs * 0.5));
  log(
    `${opts.soak ? "soak" : "multi-replica run"}: ${opts.minutes} min at ${opts.rate} predictions/s, ${opts.readers} readers; database ${name}; logs in ${logDir}`,
  );

  const databaseUrl = await createDatabase(opts.adminUrl, name);
  cleanup.push(async () => (opts.keep ? log(`kept database ${name}`) : dropDatabase(opts.adminUrl, name)));
  const pool = readPool(databaseUrl);
  cleanup.push(() => pool.end());
  const receiver = await startReceiver();
  cleanup.push(() => receiver.close());

  const [web1, web2, proxyPort, singlePort] = (await freePorts(4)) as [number, number, number, number];
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  const settings: VigilSettings = {
    databaseUrl,
    apiKey,
    dataDir: join(runDir, "data"),
    publicUrl: proxyUrl,
    logDir,
  };
  const webs = [webSpec("web-1", web1, settings), webSpec("web-2", web2, settings)].map(
    (s) => new ManagedProcess(s),
  );
  const workers = [1, 2, 3].map((i) => new ManagedProcess(workerSpec(`worker-${i}`, settings)));
  const proxy = new ManagedProcess(proxySpec(proxyPort, [web1, web2], logDir));
  const cluster = [...webs, ...workers, proxy];
  cleanup.push(() => Promise.all(cluster.map((p) => p.stop())));
  const t = Date.now();
  await startAll(cluster, log);
  log(
    `2 web processes (:${web1}, :${web2}), proxy :${proxyPort}, 3 workers ready in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );

  // Configuration through the proxy.
  const api = apiClient(proxyUrl, apiKey);
  const experimentStart = Date.now() - 60_000;
  const random = seededRandom(Date.now() % 2 ** 31);
  const seed = Array.from({ length: 10 }, (_, i) => generate(`seed-${i}`, Date.now(), random).prediction);
  const { shadowId } = await configureModel(api, seed, experimentStart);
  const totalRows = Math.round(opts.rate * (durationMs / 1000));
  await configureAlerting(api, receiver.url, Math.round(totalRows * 0.4));
  log(
    `configured: model scale (binary), shadow ${shadowId}, experiment ${EXPERIMENT_KEY}, webhook, policy, 3 rules`,
  );

  // The load, in a process of its own.
  const referenceMs = Math.round(durationMs * 0.2);
  const referenceTo = Date.now() + referenceMs;
  const loadConfig: LoadConfig = {
    url: proxyUrl,
    key: apiKey,
    rate: opts.rate,
    seconds: durationMs / 1000,
    outDir: loadDir,
    readers: opts.readers,
    shadowId,
    experimentKey: EXPERIMENT_KEY,
    referenceFrom: experimentStart,
    referenceTo,
    seed: Math.floor(random() * 2 ** 31),
  };
  const load = new ManagedProcess({
    name: "load",
    args: ["--import", "tsx", "scripts/scale/load.ts", JSON.stringify(loadConfig)],
    env: {},
    logFile: join(logDir, "load.log"),
    ready: { output: "[load] started" },
  });
  cleanup.push(() => load.stop());
  await load.start();
  const loadStart = Number(/\[load\] started (\d+)/.exec(load.output)?.[1] ?? Date.now());
  log(`load running for ${opts.minutes} min`);
  const sampler = startSampler({
    processes: () => [...cluster, load],
    databaseName: name,
    shadowBacklog: async () => (await backlog(pool, shadowId)).unanswered,
    url: proxyUrl,
    key: apiKey,
    startedAt: loadStart,
  });
  cleanup.push(() => sampler.stop());
  const kills = opts.soak ? [] : planKills(durationMs, { workers: workers.length, webs: webs.length });
  const chaos = Promise.all(
    kills.map((k) => executeKill(k, (k.role === "worker" ? workers : webs)[k.index]!, loadStart)),
  );
  await load.exited();
  await sampler.stop();
  const chaosLog = await chaos;
  const loadSummary = JSON.parse(readFileSync(join(loadDir, "load-summary.json"), "utf8")) as {
    seconds: number;
    acked: { predictions: number; labels: number; events: number };
    aborted: string | null;
    retries: number;
    retriesByReason: Record<string, number>;
    lostAcks: number;
    givenUp: number;
    givenUpByKind: Record<string, number>;
    maxQueued: number;
    maxQueueWaitMs: number;
    predictionsDoneAt: number;
    largestBatch: number;
  };
  log(
    `load done in ${loadSummary.seconds.toFixed(1)} s: ${loadSummary.acked.predictions} predictions (${(
      loadSummary.acked.predictions / (durationMs / 1000)
    ).toFixed(
      0,
    )}/s), ${loadSummary.acked.labels} labels, ${loadSummary.acked.events} events; ${loadSummary.retries} retries, ${loadSummary.lostAcks} answers lost (retried: duplicates), longest queue wait ${loadSummary.maxQueueWaitMs} ms`,
  );
  if (loadSummary.retries > 0)
    log(
      `retried: ${Object.entries(loadSummary.retriesByReason)
        .map(([k, n]) => `${k} ×${n}`)
        .join(", ")}`,
    );
  if (loadSummary.aborted) log(`the load stopped early: ${loadSummary.aborted}`);
  // Kept up: the last prediction acknowledged soon after the schedule ended, no row held back for long.
  const behindAtEnd = loadSummary.predictionsDoneAt - durationMs / 1000;
  const sustained = behindAtEnd <= MAX_BEHIND_AT_END_S && loadSummary.maxQueueWaitMs <= MAX_QUEUE_WAIT_MS;

  // The seed rows were sent before the shadow existed: a backfill answers them (the single run does the same).
  const backfill = { from: experimentStart, to: Date.now() + 60_000 };
  await api.post(`/api/v1/shadows/${shadowId}/backfill`, {
    from: new Date(backfill.from).toISOString(),
    to: new Date(backfill.to).toISOString(),
  });

  // Drain this run and, meanwhile, make the single-process run.
  const singleName = `${name}_single`;
  const drained = (async () => {
    const ms = await waitDrained(pool, shadowId, drainTimeoutMs, log);
    log(`multi-replica run drained ${(ms / 1000).toFixed(1)} s after the load`);
    const settled = await waitAlertingSettled(pool, { ruleIntervalMs: RULE_INTERVAL_MS, timeoutMs: 180_000 });
    log(`alerting settled ${(settled / 1000).toFixed(1)} s later`);
    return ms;
  })();
  const single = opts.compare
    ? (async (): Promise<SingleRun> => {
        const singleUrl = await createDatabase(opts.adminUrl, singleName);
        cleanup.push(async () =>
          opts.keep ? log(`kept database ${singleName}`) : dropDatabase(opts.adminUrl, singleName),
        );
        const run = await runSingle({
          source: pool,
          databaseUrl: singleUrl,
          port: singlePort,
          settings: { apiKey, dataDir: join(runDir, "data-single"), logDir },
          experimentStart,
          backfill,
          isSeed: (id) => id.startsWith("seed-"),
          // One worker answers every prediction with the shadow again: allow it time by the row count.
          drainTimeoutMs: Math.max(drainTimeoutMs, 120_000 + (loadSummary.acked.predictions / 250) * 1000),
          log,
        });
        cleanup.push(() => run.stop());
        cleanup.push(() => run.pool.end());
        log(`single-process run idle ${(run.drainMs / 1000).toFixed(1)} s after its rows were in`);
        return run;
      })()
    : null;
  const [drainResult, singleResult] = await Promise.allSettled([drained, single ?? Promise.resolve(null)]);

  // ---- checks --------------------------------------------------------------------------------------------
  console.log("");
  report.check(
    "drained: no data job left, the shadow answered every prediction",
    drainResult.status === "fulfilled",
    drainResult.status === "fulfilled"
      ? `${(drainResult.value / 1000).toFixed(1)} s after the load ended (limit ${drainTimeoutMs / 1000} s)`
      : String((drainResult.reason as Error).message),
  );
  report.check(
    `load: ${opts.rate} predictions/s sustained`,
    sustained,
    `the last prediction acknowledged ${behindAtEnd.toFixed(1)} s after the schedule ended (limit ${MAX_BEHIND_AT_END_S} s); the longest a row waited for a sender ${(loadSummary.maxQueueWaitMs / 1000).toFixed(1)} s (limit ${MAX_QUEUE_WAIT_MS / 1000} s); largest batch ${loadSummary.largestBatch} rows`,
  );
  await checkStored(
    report,
    pool,
    loadDir,
    seed.map((s) => s.id),
  );
  if (opts.compare) {
    if (singleResult.status === "rejected" || !singleResult.value)
      report.error(
        "b. single-process run",
        singleResult.status === "rejected" ? singleResult.reason : "no result",
      );
    else
      await checkEqual(report, { pool, api, shadowId }, singleResult.value).catch((e) =>
        report.error("b. comparison", e),
      );
  }
  await checkAlerts(report, pool, receiver.received, kills.filter((k) => k.role === "worker").length);
  const records = parseRecords(readFileSync(join(loadDir, "requests.csv"), "utf8"));
  checkLatency(report, records, {
    webKills: kills.filter((k) => k.role === "web").length,
    load: loadSummary,
  });
  checkProcesses(
    report,
    cluster,
    kills.length,
    singleResult.status === "fulfilled" && singleResult.value ? singleResult.value.crashes() : [],
  );
  for (const line of chaosLog) console.log(`     ${line}`);
  await proxy.stop(); // it writes its counters when stopped
  const proxyStats = existsSync(join(logDir, "proxy-stats.json"))
    ? readFileSync(join(logDir, "proxy-stats.json"), "utf8")
    : null;
  if (proxyStats) console.log(`     proxy: ${proxyStats}`);
  printSamples(sampler.samples);
  writeSamples(join(loadDir, "samples.csv"), sampler.samples);
  printCpu(sampler.cpu());

  if (opts.soak) {
    const ingest = records.filter((r) => r.kind.startsWith("ingest:") && r.outcome === "ok");
    // The load is steady once the drift reference has closed and the readers' ranges after it are full.
    const { windows, verdicts } = analyseSoak(sampler.samples, ingest, durationMs, referenceMs + RECENT_MS);
    console.log(
      `soak: warm-up ${(windows.warmupMs / 60_000).toFixed(1)} min (until the drift reference has closed and the readers' ranges are full); first window ${(windows.first[0] / 60_000).toFixed(1)}–${(windows.first[1] / 60_000).toFixed(1)} min, last ${(windows.last[0] / 60_000).toFixed(1)}–${(windows.last[1] / 60_000).toFixed(1)} min`,
    );
    for (const v of verdicts) report.check(`soak: ${v.name}`, v.ok, v.detail);
  }
  if (report.failed === 0 && !opts.keep) removeAtEnd = runDir;
  else log(`run directory kept: ${runDir}`);
}

function printSamples(samples: ReturnType<typeof startSampler>["samples"]) {
  if (samples.length === 0) return;
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.rssKb)))].sort();
  const mb = (kb: number) => (kb / 1024).toFixed(0);
  const rss = names.map((n) => {
    const v = samples.map((s) => s.rssKb[n]).filter((x): x is number => x !== undefined);
    return `${n} ${mb(Math.min(...v))}–${mb(Math.max(...v))}`;
  });
  const pending = samples.map((s) => s.pendingJobs).filter((x): x is number => x !== null);
  const shadow = samples.map((s) => s.shadowBacklog).filter((x): x is number => x !== null);
  console.log(`     RSS MB (min–max over ${samples.length} samples, 10 s apart): ${rss.join(", ")}`);
  const kinds = [...new Set(samples.flatMap((s) => Object.keys(s.jobLagByKind)))].sort();
  const lag = kinds.map((k) => `${k} ${Math.max(...samples.map((s) => s.jobLagByKind[k] ?? 0)).toFixed(0)}`);
  console.log(
    `     job backlog (pendingJobs) max ${Math.max(...pending)}, last ${pending.at(-1)}; shadow backlog max ${Math.max(...shadow)} rows, last ${shadow.at(-1)}`,
  );
  console.log(`     vigil_job_lag_seconds max by kind: ${lag.join(", ") || "none"}`);
}

/** Every sample as CSV (t in s, RSS in MB per process, backlogs, lag), to see how a run evolved over time. */
function writeSamples(path: string, samples: ReturnType<typeof startSampler>["samples"]) {
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.rssKb)))].sort();
  const header = ["t_s", ...names.map((n) => `rss_mb_${n}`), "pending_jobs", "shadow_backlog", "job_lag_s"];
  const cell = (v: number | null | undefined, digits = 0) =>
    v === null || v === undefined ? "" : v.toFixed(digits);
  const lines = samples.map((s) =>
    [
      cell(s.t / 1000, 1),
      ...names.map((n) => cell(s.rssKb[n] === undefined ? null : s.rssKb[n] / 1024)),
      cell(s.pendingJobs),
      cell(s.shadowBacklog),
      cell(s.jobLagSeconds, 1),
    ].join(","),
  );
  writeFileSync(path, `${[header.join(","), ...lines].join("\n")}\n`);
}

function printCpu(c: ReturnType<ReturnType<typeof startSampler>["cpu"]>) {
  const ours = Object.values(c.byProcess).reduce((a, b) => a + b, 0);
  const parts = Object.entries(c.byProcess)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, s]) => `${name} ${s.toFixed(0)}`);
  console.log(
    `     CPU s during the load: ${parts.join(", ")}; the machine was ${((100 * c.machineBusy) / c.machineTotal).toFixed(0)} % busy (${c.machineBusy.toFixed(0)} of ${c.machineTotal.toFixed(0)} core-seconds), ${((100 * ours) / c.machineBusy).toFixed(0)} % of that by these (the rest: the orchestrator and other programs on the machine)`,
  );
}

const report = new Report();
/** the run directory (logs, acknowledged ids), removed after a run that passed unless --keep */
let removeAtEnd: string | null = null;
const cleanup: Array<() => Promise<unknown>> = [];
async function runCleanup() {
  for (const fn of cleanup.reverse()) await fn().catch((e: Error) => console.error(`cleanup: ${e.message}`));
  cleanup.length = 0;
}
process.on("SIGINT", () => {
  console.error("interrupted: stopping the run's processes");
  void runCleanup().then(() => process.exit(130));
});

let options: ScaleOptions;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`scale: ${(error as Error).message}`);
  console.error(
    "usage: npm run scale -- [--minutes 5] [--rate 1000] [--soak] [--database postgresql://…] [--keep]",
  );
  process.exit(2);
}
try {
  await main(options, report, cleanup);
} catch (error) {
  report.error("run", error);
}
await runCleanup();
if (removeAtEnd) rmSync(removeAtEnd, { recursive: true, force: true });
log(`finished in ${((Date.now() - began) / 1000).toFixed(0)} s`);
console.log(report.final());
process.exit(report.failed === 0 ? 0 : 1);
