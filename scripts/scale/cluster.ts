// How the run starts Vigil's processes: the web server exactly as `npm start` does and the worker as
// `npm run worker` (same V8 flags), each with the run's database, data directory and keys.
import { join } from "node:path";
import type { ProcessSpec } from "./processes";

export interface VigilSettings {
  databaseUrl: string;
  apiKey: string;
  dataDir: string;
  publicUrl: string;
  logDir: string;
}

/** Settings every process gets. Pool sizes keep the run (7 processes, two databases) within PostgreSQL's default
 * 100 connections, next to whatever else uses the server. */
function baseEnv(s: VigilSettings, poolSize: number): Record<string, string> {
  return {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: s.databaseUrl,
    VIGIL_BOOTSTRAP_API_KEY: s.apiKey,
    VIGIL_SECRET_KEY: "scale-run-secret-key-0123456789",
    VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1",
    VIGIL_DATA_DIR: s.dataDir,
    VIGIL_PUBLIC_URL: s.publicUrl,
    VIGIL_PG_POOL_SIZE: String(poolSize),
    // Experiment results are recomputed during the run, not only at the end (default 300 s).
    VIGIL_EXPERIMENT_REFRESH_SECONDS: "60",
  };
}

export function webSpec(name: string, port: number, s: VigilSettings): ProcessSpec {
  return {
    name,
    args: ["--max-semi-space-size=64", "--import", "tsx", "scripts/start.ts", "start"],
    env: { ...baseEnv(s, 8), PORT: String(port), VIGIL_HOST: "127.0.0.1" },
    logFile: join(s.logDir, `${name}.log`),
    ready: { url: `http://127.0.0.1:${port}/api/health` },
  };
}

export function workerSpec(name: string, s: VigilSettings): ProcessSpec {
  return {
    name,
    args: ["--max-semi-space-size=64", "--import", "tsx", "workers/main.ts"],
    env: baseEnv(s, 5),
    logFile: join(s.logDir, `${name}.log`),
    ready: { output: "started (" },
  };
}

export function proxySpec(port: number, backends: number[], logDir: string): ProcessSpec {
  const statsFile = join(logDir, "proxy-stats.json");
  return {
    name: "proxy",
    args: ["--import", "tsx", "scripts/scale/proxy-main.ts", JSON.stringify({ port, backends, statsFile })],
    env: {},
    logFile: join(logDir, "proxy.log"),
    ready: { output: "listening" },
  };
}
