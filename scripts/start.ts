// `npm start` / `npm run dev`: apply migrations, then run Next.js (and the worker too when
// VIGIL_EMBEDDED_WORKER=1, the single-process embedded setup).
import { type ChildProcess, spawn } from "node:child_process";
import { env } from "../lib/config/env";
import { migrate } from "../lib/db/migrate";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const settings = env();
const result = await migrate(settings.DATABASE_URL);
if (result.applied.length) console.log(`[vigil] applied migrations: ${result.applied.join(", ")}`);

const children: ChildProcess[] = [];
const port = process.env.PORT ?? "3000";
children.push(
  spawn(process.execPath, ["node_modules/next/dist/bin/next", mode, "-p", port], { stdio: "inherit" }),
);
if (settings.VIGIL_EMBEDDED_WORKER === "1")
  children.push(spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], { stdio: "inherit" }));

const stop = () => {
  for (const c of children) c.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const c of children)
  c.on("exit", (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
