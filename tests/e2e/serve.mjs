// Web server for the browser tests: a fresh SQLite database and the production build on port 3100.
// Requires `npm run build` first.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { E2E_PORT, e2eEnv } from "./env.mjs";

if (!existsSync(".next/BUILD_ID")) {
  console.error("[e2e] no production build found: run `npm run build` before `npm run test:e2e`");
  process.exit(1);
}

mkdirSync("data", { recursive: true });
for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`data/e2e.db${suffix}`, { force: true });

// The production server exactly as `npm start` runs it (Next.js behind Vigil's node:http front).
const child = spawn(
  process.execPath,
  ["--max-semi-space-size=64", "--import", "tsx", "scripts/start.ts", "start"],
  {
    stdio: "inherit",
    // Loopback receivers started by the alerting specs must pass the outbound address policy.
    env: {
      ...process.env,
      ...e2eEnv,
      PORT: String(E2E_PORT),
      VIGIL_HOST: "127.0.0.1",
      VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1",
    },
  },
);

const stop = () => child.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => process.exit(code ?? 0));
