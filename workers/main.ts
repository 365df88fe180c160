// `npm run worker`: leases jobs and runs them until stopped. `--once` drains the due jobs and exits.
// Only wiring lives here; the work itself is in lib/jobs and the capability folders.
import { env } from "../lib/config/env";
import { heartbeat, runBatch, runUntilIdle, workerId } from "../lib/jobs/runner";
import { getDatabase } from "../lib/runtime/instance";

const once = process.argv.includes("--once");
const settings = env();
const database = await getDatabase();
const owner = workerId();
const startedAt = new Date();
const opts = {
  owner,
  leaseMs: settings.VIGIL_LEASE_SECONDS * 1000,
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
console.log(`[worker] ${owner} started (${database.flavour}, poll ${settings.VIGIL_WORKER_POLL_MS} ms)`);
let lastBeat = 0;
while (!stopping) {
  if (Date.now() - lastBeat > 10_000) {
    await heartbeat(database, owner, startedAt).catch((e) => opts.log(`heartbeat failed: ${e.message}`));
    lastBeat = Date.now();
  }
  const ran = await runBatch(database, opts).catch((e) => {
    opts.log(`claiming jobs failed: ${e.message}`);
    return 0;
  });
  if (ran === 0) await new Promise((r) => setTimeout(r, settings.VIGIL_WORKER_POLL_MS));
}
await database.db.workerHeartbeat.delete({ where: { id: owner } }).catch(() => {});
await database.close();
