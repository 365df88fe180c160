// `npm run worker`: leases jobs and runs them until stopped. `--once` drains the due jobs and exits.
// Only wiring lives here; the work itself is in lib/jobs and the capability folders.
import { laneKinds, runLaneBatch } from "../lib/alerts/worker-lane";
import { scheduleGpuCollector } from "../lib/cluster/nvidia-smi-job";
import { env } from "../lib/config/env";
import { heartbeat, runUntilIdle, workerId } from "../lib/jobs/runner";
import { ensureRetentionJob } from "../lib/retention/job";
import { getDatabase } from "../lib/runtime/instance";

const once = process.argv.includes("--once");
const settings = env();
const database = await getDatabase();
const owner = workerId();
const startedAt = new Date();
const opts = {
  owner,
  leaseMs: settings.VIGIL_LEASE_SECONDS * 1000,
  // Not in `--once` runs: they drain everything due, re-marked work included, and exit.
  recomputeIntervalMs: once ? 0 : settings.VIGIL_RECOMPUTE_INTERVAL_MS,
  log: (m: string) => console.error(`[worker] ${m}`),
};

await heartbeat(database, owner, startedAt);
if (once) {
  const ran = await runUntilIdle(database, opts);
  console.log(`[worker] ran ${ran} jobs`);
  await database.db.workerHeartbeat.delete({ where: { id: owner } }).catch(() => {});
  await database.close();
  process.exit(0);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.log(`[worker] ${signal}: finishing the current job, then stopping`);
    stopping = true;
  });
}
// Retention sweeps (docs/retention.md) run on whichever worker claims the one job; not in `--once` runs,
// which only drain what is due.
await ensureRetentionJob(database);
// The GPU collector (VIGIL_NVIDIA_SMI) runs on this host's own job; off, a job left from before is removed.
const nvidiaSmi = await scheduleGpuCollector(database);
if (nvidiaSmi) console.log(`[worker] collecting GPU metrics with ${nvidiaSmi}`);
console.log(
  `[worker] ${owner} started (${database.flavour}, poll ${settings.VIGIL_WORKER_POLL_MS} ms, alerting lane ${settings.VIGIL_ALERT_POLL_MS} ms)`,
);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One lane: claims due jobs of its kinds until stopped, resting `pollMs` whenever none is due. */
async function lane(kinds: string[], pollMs: number) {
  while (!stopping) {
    const ran = await runLaneBatch(database, kinds, opts).catch((e) => {
      opts.log(`claiming jobs failed: ${e.message}`);
      return 0;
    });
    if (ran === 0) await sleep(pollMs);
  }
}

async function beat() {
  for (let last = 0; !stopping; await sleep(500)) {
    if (Date.now() - last < 10_000) continue;
    await heartbeat(database, owner, startedAt).catch((e) => opts.log(`heartbeat failed: ${e.message}`));
    last = Date.now();
  }
}

// Three lanes: rule evaluation and notifications, and scrapes, never wait behind a long general job.
const { alerting, scraping, general } = laneKinds({ collectGpus: nvidiaSmi !== null });
await Promise.all([
  lane(general, settings.VIGIL_WORKER_POLL_MS),
  lane(alerting, settings.VIGIL_ALERT_POLL_MS),
  lane(scraping, settings.VIGIL_ALERT_POLL_MS),
  beat(),
]);
await database.db.workerHeartbeat.delete({ where: { id: owner } }).catch(() => {});
await database.close();
