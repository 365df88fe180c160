// Starts the production server exactly as `npm start` does (same V8 flags) on a fresh database.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";

export interface RunningServer {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function startServer(
  databaseUrl: string,
  port: number,
  apiKey: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
  const child: ChildProcess = spawn(
    process.execPath,
    ["--max-semi-space-size=64", "--import", "tsx", "scripts/start.ts", "start"],
    {
      env: {
        ...process.env,
        PORT: String(port),
        VIGIL_HOST: "127.0.0.1",
        DATABASE_URL: databaseUrl,
        VIGIL_BOOTSTRAP_API_KEY: apiKey,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        ...extraEnv,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("server did not become healthy within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
