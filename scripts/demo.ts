// `npm run demo`: a full dashboard on a fresh machine in one command. Applies migrations to a demo database,
// starts the web server and a worker, backfills a week of simulated shop traffic over the public API, then
// keeps sending live traffic until Ctrl-C. The simulator never touches the database directly.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { migrate } from "../lib/db/migrate";
import { ApiRejection, createSender, fetchTransport } from "../lib/simulator/client";
import { exporterHistory, startDemoExporters } from "../lib/simulator/cluster";
import { installDemoDashboard } from "../lib/simulator/dashboard";
import { DEMO_EXPERIMENT_KEY, demoExperiment } from "../lib/simulator/experiment";
import { DEMO_USAGE, type DemoOptions, parseDemoOptions } from "../lib/simulator/options";
import { type Progress, runLive, Simulation } from "../lib/simulator/runner";
import { BASKET, demoScenario, RECOMMENDER, ROUTER, type Scenario } from "../lib/simulator/scenario";
import { demoServingEndpoint, startDemoTriton } from "../lib/simulator/serving";

const CREDENTIALS_FILE = "data/demo-credentials.json";
const say = (message: string) => console.log(`[demo] ${message}`);

interface Credentials {
  password: string;
  apiKey: string;
}

/** Reuses the demo's credentials across runs so a browser session and scripts keep working. */
function loadCredentials(): Credentials {
  const fromEnv = { password: process.env.VIGIL_ADMIN_PASSWORD, apiKey: process.env.VIGIL_BOOTSTRAP_API_KEY };
  let saved: Partial<Credentials> = {};
  if (existsSync(CREDENTIALS_FILE)) saved = JSON.parse(readFileSync(CREDENTIALS_FILE, "utf8"));
  const creds: Credentials = {
    password: fromEnv.password ?? saved.password ?? randomBytes(12).toString("base64url"),
    apiKey: fromEnv.apiKey ?? saved.apiKey ?? `vgl_demo_${randomBytes(24).toString("base64url")}`,
  };
  if (creds.password !== saved.password || creds.apiKey !== saved.apiKey) {
    mkdirSync("data", { recursive: true });
    writeFileSync(CREDENTIALS_FILE, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  }
  return creds;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .once("listening", () => probe.close(() => resolve(true)))
      .listen(port);
  });
}

const children: ChildProcess[] = [];
let shuttingDown = false;

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    // The worker already tags its own lines; don't print "[worker] [worker] …".
    createInterface({ input: stream! }).on("line", (line) =>
      console.log(line.startsWith(`[${name}]`) ? line : `[${name}] ${line}`),
    );
  }
  child.on("exit", (code, signal) => {
    if (shuttingDown) return;
    console.error(`[demo] ${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping`);
    void shutdown(1);
  });
  children.push(child);
  return child;
}

async function shutdown(code: number): Promise<never> {
  shuttingDown = true;
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.map(
      (c) =>
        new Promise<void>((resolve) => {
          // Give each process time to finish its current job; kill it if it hangs.
          const force = setTimeout(() => c.kill("SIGKILL"), 10_000);
          c.once("exit", () => {
            clearTimeout(force);
            resolve();
          });
          c.kill("SIGTERM");
        }),
    ),
  );
  process.exit(code);
}

interface Health {
  worker?: { pendingJobs?: number; failingJobs?: number; workers?: number };
}

async function health(baseUrl: string): Promise<Health | null> {
  try {
    const res = await fetch(new URL("/api/health", baseUrl));
    return res.ok ? ((await res.json()) as Health) : null;
  } catch {
    return null;
  }
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function printBox(baseUrl: string, creds: Credentials): void {
  const lines = [
    "Vigil demo is running",
    "",
    `URL:       ${baseUrl}`,
    `Username:  ${process.env.VIGIL_ADMIN_USERNAME ?? "admin"}`,
    `Password:  ${creds.password}`,
    `API key:   ${creds.apiKey}`,
    "",
    `(saved in ${CREDENTIALS_FILE})`,
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  console.log(`\n┌${"─".repeat(width)}┐`);
  for (const l of lines) console.log(`│ ${l.padEnd(width - 1)}│`);
  console.log(`└${"─".repeat(width)}┘`);
  console.log(`Try the API:\n  curl -H "Authorization: Bearer ${creds.apiKey}" ${baseUrl}/api/v1/models\n`);
}

function progressPrinter(): (p: Progress) => void {
  let lastPrint = 0;
  return (p) => {
    if (p.fraction < 1 && Date.now() - lastPrint < 3000) return;
    lastPrint = Date.now();
    const rows = p.sent.predictions + p.sent.labels + p.sent.events;
    const perSecond = Math.round(rows / Math.max(0.001, p.elapsedMs / 1000));
    say(
      `backfill ${(p.fraction * 100).toFixed(0).padStart(3)}%  ${p.sent.predictions} predictions, ` +
        `${p.sent.labels} labels, ${p.sent.events} events  (${perSecond} rows/s)`,
    );
  };
}

async function main(options: DemoOptions): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? "file:./data/demo.db";
  const port = Number(process.env.PORT ?? 3000);
  const baseUrl = `http://localhost:${port}`;
  const creds = loadCredentials();

  if (!(await portIsFree(port)))
    throw new Error(`port ${port} is in use; free it or run with PORT=<other port>`);
  const result = await migrate(databaseUrl);
  say(
    `database ${databaseUrl} (${result.applied.length} migrations applied now, ${result.alreadyApplied} before)`,
  );

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    VIGIL_ADMIN_PASSWORD: creds.password,
    VIGIL_BOOTSTRAP_API_KEY: creds.apiKey,
    // The demo's fake exporters listen on loopback: the scraper must be allowed to reach them.
    VIGIL_OUTBOUND_ALLOWLIST: process.env.VIGIL_OUTBOUND_ALLOWLIST ?? "127.0.0.1",
  };
  if (!existsSync(".next/BUILD_ID")) {
    // A production build makes every page fast from the first click; it takes well under a minute, once.
    say("no production build yet: building the dashboard once (npm run build)…");
    const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) {
      say("the build failed (see above); stopping");
      process.exit(1);
    }
  }
  say("starting the production server (npm start)");
  startChild("web", ["--max-semi-space-size=64", "--import", "tsx", "scripts/start.ts", "start"], env);
  startChild("worker", ["--import", "tsx", "workers/main.ts"], env);
  await waitFor("GET /api/health", 240_000, () => health(baseUrl));
  say(`web server is up at ${baseUrl}`);

  const nowMs = Date.now();
  // Without a backfill the scenario still has its history (so "now" is past the price drift); only
  // generation starts at now.
  const scenario = demoScenario({ nowMs, days: options.days });
  const send = createSender(fetchTransport(baseUrl, creds.apiKey), { log: say });
  const sim = new Simulation(scenario, options.seed, send, { startMs: options.backfill ? undefined : nowMs });
  if (options.backfill) {
    say(`backfilling ${options.days} days of history (seed ${options.seed})`);
    const sent = await sim.backfill(nowMs, progressPrinter());
    say(
      `backfill done: ${sent.predictions + sent.labels + sent.events} rows in ${((Date.now() - nowMs) / 1000).toFixed(1)}s`,
    );
  }
  if (options.backfill) {
    await pinDriftReferences(baseUrl, creds.apiKey, scenario);
    await startCandidateShadow(baseUrl, creds.apiKey, scenario, nowMs);
  }
  await startExperiment(baseUrl, creds.apiKey, scenario);
  await installDemoDashboard(baseUrl, creds.apiKey, say);
  await startCluster(baseUrl, creds.apiKey, scenario, nowMs, options.backfill);
  printBox(baseUrl, creds);

  if (options.backfillOnly) {
    say("waiting for the worker to process the backfill");
    const drainStart = Date.now();
    const drained = await waitFor("the worker to drain its jobs", 900_000, async () => {
      const h = await health(baseUrl);
      return h?.worker?.pendingJobs === 0 ? h : null;
    });
    say(
      `worker drained in ${((Date.now() - drainStart) / 1000).toFixed(1)}s (${drained.worker?.failingJobs ?? 0} failing jobs); exiting`,
    );
    await shutdown(0);
  }

  sim.setSpeed(options.speed, Date.now());
  say(`live traffic at ×${options.speed}; press Ctrl-C to stop`);
  let window = { predictions: 0, labels: 0, events: 0, since: Date.now() };
  await runLive(sim, {
    signal: live.signal,
    onTick: (b) => {
      window = {
        ...window,
        predictions: window.predictions + b.predictions,
        labels: window.labels + b.labels,
        events: window.events + b.events,
      };
      if (Date.now() - window.since < 60_000) return;
      say(
        `live: sent ${window.predictions} predictions, ${window.labels} labels, ${window.events} events in the last minute`,
      );
      window = { predictions: 0, labels: 0, events: 0, since: Date.now() };
    },
  });
}

const live = new AbortController();
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    // A second Ctrl-C while stopping means "now".
    if (interrupted) process.exit(130);
    interrupted = true;
    live.abort();
    say(`${signal}: stopping web and worker`);
    void shutdown(0);
  });

try {
  const options = parseDemoOptions(process.argv.slice(2));
  if (options.help) {
    console.log(DEMO_USAGE);
    process.exit(0);
  }
  await main(options);
} catch (error) {
  const message =
    error instanceof ApiRejection
      ? `the API refused simulated data: ${error.message}`
      : (error as Error).message;
  console.error(`[demo] ${message}`);
  await shutdown(1);
}

/**
 * The scenario's prices drift from day 3 of 7: the first 7 days (the default reference) would hold the drift
 * itself, so the demo pins each model's reference to the calm days before it.
 */
async function pinDriftReferences(baseUrl: string, apiKey: string, scenario: Scenario): Promise<void> {
  const reference = {
    from: new Date(scenario.originMs).toISOString(),
    to: new Date(scenario.driftStartMs).toISOString(),
  };
  for (const model of [RECOMMENDER, BASKET, ROUTER]) {
    const res = await fetch(`${baseUrl}/api/v1/models/${model}/drift/config`, {
      method: "PUT",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ reference }),
    });
    if (!res.ok) say(`could not pin the drift reference of ${model}: ${res.status} ${await res.text()}`);
  }
}

/**
 * The recommender's retrained candidate (a committed ONNX model, tests/fixtures/shadow) runs as a shadow on
 * the production traffic, backfilled over the history, so the Shadows tab is full at first sight.
 */
async function startCandidateShadow(baseUrl: string, apiKey: string, scenario: Scenario, nowMs: number) {
  const dir = "tests/fixtures/shadow";
  const form = new FormData();
  form.set(
    "file",
    new Blob([readFileSync(`${dir}/recommender-candidate.onnx`)]),
    "recommender-candidate.onnx",
  );
  form.set("config", readFileSync(`${dir}/recommender.config.json`, "utf8"));
  const headers = { authorization: `Bearer ${apiKey}` };
  const created = await fetch(`${baseUrl}/api/v1/models/${RECOMMENDER}/shadows`, {
    method: "POST",
    headers,
    body: form,
  });
  const body = (await created.json()) as { shadow?: { id: number }; error?: string };
  if (!created.ok || !body.shadow) {
    say(`could not start the candidate shadow: ${created.status} ${body.error ?? ""}`);
    return;
  }
  const backfill = await fetch(`${baseUrl}/api/v1/shadows/${body.shadow.id}/backfill`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ from: scenario.originMs, to: nowMs }),
  });
  if (!backfill.ok)
    say(`could not backfill the candidate shadow: ${backfill.status} ${await backfill.text()}`);
  else say("shadow 'candidate' (ONNX) runs on the recommender's traffic, backfilling the history");
}

/**
 * The A/B test the recommender's traffic already runs (A = v1, B = v2), as a Vigil experiment, with its results
 * computed once now so the Experiments page is full at first sight (the worker refreshes them afterwards).
 */
async function startExperiment(baseUrl: string, apiKey: string, scenario: Scenario): Promise<void> {
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  const created = await fetch(`${baseUrl}/api/v1/experiments`, {
    method: "POST",
    headers,
    body: JSON.stringify(demoExperiment(scenario)),
  });
  // 409: a previous run of the demo on this database created it already.
  if (!created.ok && created.status !== 409) {
    say(`could not create the experiment: ${created.status} ${await created.text()}`);
    return;
  }
  const started = Date.now();
  const results = await fetch(`${baseUrl}/api/v1/experiments/${DEMO_EXPERIMENT_KEY}/results?refresh=true`, {
    headers,
  });
  if (!results.ok)
    say(`could not compute the experiment's results: ${results.status} ${await results.text()}`);
  else
    say(
      `experiment '${DEMO_EXPERIMENT_KEY}' (A = v1, B = v2) computed in ${((Date.now() - started) / 1000).toFixed(1)}s: ${((await results.json()) as { decision: string }).decision}`,
    );
}

/**
 * The simulated serving cluster: two DCGM exporters and Triton's metrics on loopback, whose GPU load follows
 * the simulated traffic, registered as scrape targets (every 15 s); with a backfill, their week of history is
 * imported first (5-minute steps) so the GPU series are full at first sight. Triton's inference API (health,
 * model metadata) is the recommender's serving endpoint.
 */
async function startCluster(
  baseUrl: string,
  apiKey: string,
  scenario: Scenario,
  nowMs: number,
  backfill: boolean,
): Promise<void> {
  const running = await startDemoExporters(scenario);
  const auth = { authorization: `Bearer ${apiKey}` };
  for (const r of running) {
    if (backfill) {
      const body = exporterHistory(scenario, r, scenario.originMs, nowMs, 5 * 60_000);
      const imported = await fetch(`${baseUrl}/api/v1/import/prometheus`, {
        method: "POST",
        headers: { ...auth, "content-type": "text/plain; version=0.0.4" },
        body,
      });
      if (!imported.ok)
        say(`could not import ${r.exporter.job} history: ${imported.status} ${await imported.text()}`);
    }
    const created = await fetch(`${baseUrl}/api/v1/scrape-targets`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ kind: r.exporter.kind, url: r.url, job: r.exporter.job, intervalSeconds: 15 }),
    });
    // 409: a previous run of the demo on this database registered the same exporter.
    if (!created.ok && created.status !== 409)
      say(`could not register the ${r.exporter.job} exporter: ${created.status} ${await created.text()}`);
  }
  say(`cluster: ${running.length} fake exporters (DCGM on 2 GPU nodes, Triton) scraped every 15 s`);
  const triton = await startDemoTriton();
  // In the background: without a backfill, the recommender exists only once live traffic reaches it.
  void registerServingEndpoint(baseUrl, apiKey, triton.url).catch((e: Error) =>
    say(`could not register the serving endpoint: ${e.message}`),
  );
}

/**
 * Registers the fake Triton (lib/simulator/serving.ts) as the recommender's serving endpoint, checked every 30 s.
 * A previous run's endpoint (409, same name) is pointed at this run's server, whose port may differ.
 */
async function registerServingEndpoint(baseUrl: string, apiKey: string, tritonUrl: string): Promise<void> {
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  const body = demoServingEndpoint(tritonUrl);
  for (let attempt = 0; attempt < 60; attempt++) {
    const created = await fetch(`${baseUrl}/api/v1/serving-endpoints`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    if (created.ok) {
      say(`serving endpoint '${body.name}': a fake Triton at ${tritonUrl}, checked every 30 s`);
      return;
    }
    if (created.status === 409) {
      const list = await fetch(`${baseUrl}/api/v1/serving-endpoints`, { headers });
      const { endpoints } = (await list.json()) as { endpoints: Array<{ id: number; name: string }> };
      const existing = endpoints.find((e) => e.name === body.name);
      if (!existing) return;
      const patched = await fetch(`${baseUrl}/api/v1/serving-endpoints/${existing.id}`, {
        method: "PATCH",
        headers,
        body: JSON.stringify({ baseUrl: tritonUrl, enabled: true }),
      });
      if (!patched.ok)
        say(`could not update the serving endpoint: ${patched.status} ${await patched.text()}`);
      return;
    }
    const text = await created.text();
    if (created.status !== 400 || !text.includes("no model named")) {
      say(`could not register the serving endpoint: ${created.status} ${text}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 5000)); // the recommender has no predictions yet
  }
  say("could not register the serving endpoint: the recommender got no predictions within 5 minutes");
}
