// `npm run image:check` (after `npm run build:image`): runs the container image's contents the way the image
// runs them, without a Docker engine (none exists on the CI machines; the image itself is built in the user's
// CI from the Dockerfile). The standalone folder is copied to an empty directory outside the project — as
// the Dockerfile's COPY does — so a file the tracer missed cannot be found in the project's node_modules by
// Node's upward module lookup. Then, with the image's commands and working directory:
//   migrate job → `node vigil/cli.mjs migrate`; web → `node vigil/start.mjs`; worker → `node vigil/worker.mjs`
// it checks the health check, the login page, an ingest round trip with an API key made by the CLI, quality
// computed by the worker, and that only linux-x64 onnxruntime binaries and no TypeScript source are present.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IMAGE_COMMANDS } from "../lib/deploy/image";

const STANDALONE = ".next/standalone";
const port = Number(process.env.IMAGE_CHECK_PORT ?? 3947);
const base = `http://127.0.0.1:${port}`;
const results: Array<{ check: string; ok: boolean; detail: string }> = [];

function record(check: string, ok: boolean, detail = ""): void {
  results.push({ check, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${check}${detail ? ` — ${detail}` : ""}`);
}

if (!existsSync(join(STANDALONE, "vigil/start.mjs"))) {
  console.error("[image-check] run `npm run build && npm run build:image` first");
  process.exit(1);
}

const root = mkdtempSync(join(tmpdir(), "vigil-image-"));
const app = join(root, "app");
cpSync(STANDALONE, app, { recursive: true });
// The image's environment: production, a data directory, no source tree, no dev tools.
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: root,
  NODE_ENV: "production",
  // IMAGE_CHECK_DATABASE_URL runs the check against PostgreSQL (an empty database) instead.
  DATABASE_URL: process.env.IMAGE_CHECK_DATABASE_URL ?? `file:${join(root, "data/vigil.db")}`,
  VIGIL_DATA_DIR: join(root, "data"),
  PORT: String(port),
  VIGIL_HOST: "127.0.0.1",
  VIGIL_SECRET_KEY: "image-check-secret-key-0123456789abcdef",
  NEXT_TELEMETRY_DISABLED: "1",
};
const children: ChildProcess[] = [];
const run = (command: readonly string[]) => {
  const [bin, ...args] = command;
  if (bin !== "node") throw new Error(`image commands start with node, not ${bin}`);
  const child = spawn(process.execPath, args, { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => process.stdout.write(`  | ${d}`));
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`  | ${d}`));
  children.push(child);
  return child;
};
const cli = (...args: string[]) => {
  const [, ...cliArgs] = IMAGE_COMMANDS.cli;
  return execFileSync(process.execPath, [...cliArgs, ...args], { cwd: app, env, encoding: "utf8" }).trim();
};

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(path, out);
    else out.push(path);
  }
  return out;
}

try {
  const all = filesUnder(app).map((f) => f.slice(app.length + 1));
  const onnx = all.filter((f) => /onnxruntime-node\/bin\/.*\.(node|so[.\d]*|dylib|dll)$/.test(f));
  record(
    "onnxruntime: only linux-x64 binaries",
    onnx.length > 0 && onnx.every((f) => f.includes("/linux/x64/")),
    onnx.join(", "),
  );
  const source = all.filter((f) => /^(lib|app|components|workers|scripts)\/.*\.tsx?$/.test(f));
  record("no TypeScript source in the image", source.length === 0, source.slice(0, 3).join(", "));
  record("no tsx in the image", !all.some((f) => f.startsWith("node_modules/tsx/")));

  // onnxruntime loads in the image (its binding and the shared library the binding needs) and runs a model.
  const model = join(root, "model.onnx");
  cpSync("tests/fixtures/shadow/recommender-prod.onnx", model);
  const ort = execFileSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import ort from "onnxruntime-node"; const s = await ort.InferenceSession.create(${JSON.stringify(model)}); console.log(s.inputNames.join(","));`,
    ],
    { cwd: app, env, encoding: "utf8" },
  ).trim();
  record("onnxruntime: a model loads (CPU provider)", ort.length > 0, `inputs ${ort}`);

  cli("migrate");
  record("migrate job (vigil/cli.mjs migrate)", true);

  run(IMAGE_COMMANDS.web);
  const health = await waitFor(
    "the web server",
    async () => {
      const res = await fetch(`${base}/api/health`);
      return res.status < 500 ? ((await res.json()) as { database: { reachable: boolean } }) : null;
    },
    60_000,
  );
  record("web: /api/health answers, database reachable", health.database.reachable === true);

  const login = await fetch(`${base}/login`);
  const html = await login.text();
  record("web: /login renders", login.status === 200 && html.includes("<html"), `HTTP ${login.status}`);
  const css = html.match(/\/_next\/static\/[^"]+\.css/)?.[0];
  const asset = css ? await fetch(`${base}${css}`) : null;
  record("web: static assets served", asset?.status === 200, css ?? "no stylesheet link");

  const ingestKey = cli("apikey", "create", "--name", "image-check", "--scope", "ingest").split("\n").pop();
  const readKey = cli("apikey", "create", "--name", "image-check-read", "--scope", "read").split("\n").pop();
  const now = Date.now();
  const predictions = Array.from({ length: 40 }, (_, i) => ({
    id: `img-${i}`,
    model: "image-check",
    version: "v1",
    // all in the previous hour: one hourly window
    timestamp: new Date(Math.floor(now / 3_600_000) * 3_600_000 - 1_800_000 + i * 1000).toISOString(),
    features: { x: i },
    prediction: i % 2,
    score: i % 2 ? 0.8 : 0.2,
  }));
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { accepted?: number } }));
  const ingested = await post("/api/v1/predictions", { predictions });
  record("web: ingest (direct route)", ingested.body.accepted === 40, JSON.stringify(ingested.body));
  const labels = predictions.map((p, i) => ({
    id: p.id,
    model: "image-check",
    label: i < 30 ? p.prediction : 1 - p.prediction,
  }));
  const labeled = await post("/api/v1/labels", { labels });
  record("web: labels", labeled.body.accepted === 40, JSON.stringify(labeled.body));

  run(IMAGE_COMMANDS.worker);
  const accuracy = await waitFor(
    "quality from the worker",
    async () => {
      const res = await fetch(`${base}/api/v1/models/image-check/quality?window=1h`, {
        headers: { authorization: `Bearer ${readKey}` },
      });
      // Hourly windows are read from rollups, which only the worker writes.
      const body = (await res.json()) as { windows?: Array<{ accuracy?: number | null }> };
      const value = body.windows?.[0]?.accuracy;
      return typeof value === "number" ? value : null;
    },
    90_000,
  );
  record("worker: quality computed (accuracy 30/40)", Math.abs(accuracy - 0.75) < 1e-12, String(accuracy));
  const alive = await waitFor(
    "a worker heartbeat",
    async () => {
      const res = await fetch(`${base}/api/health`);
      const body = (await res.json()) as { status: string; worker: { workers: number } };
      return body.worker.workers > 0 ? body : null;
    },
    30_000,
  );
  record("health: worker heartbeat seen", alive.worker.workers > 0, `status ${alive.status}`);
} catch (error) {
  record("image check ran to the end", false, error instanceof Error ? error.message : String(error));
} finally {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok).length;
console.log(`[image-check] ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
