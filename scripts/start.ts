// `npm start` / `npm run dev`: apply migrations, then serve the app. Production runs Next.js inside a
// node:http server that answers the ingest endpoints (three JSON ones, remote write, import, drift reference
// uploads) directly (same handlers, without Next's request
// pipeline, which costs more than the insert itself on a 250 KB batch); everything else goes to Next.
// VIGIL_EMBEDDED_WORKER=1 also starts a worker process.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import next from "next";
import { directIngestRoute } from "../lib/api/ingest-routes";
import { env } from "../lib/config/env";
import { migrate } from "../lib/db/migrate";
import { serveWebHandler, streamWebHandler } from "../lib/http/node-adapter";

/**
 * Serve with the configuration the build was made with, as Next's standalone server.js does: it reads
 * .next/required-server-files.json instead of next.config.js (which the container image does not carry).
 */
function applyBuiltConfig(): void {
  const file = ".next/required-server-files.json";
  if (!existsSync(file)) return;
  const { config } = JSON.parse(readFileSync(file, "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

/** The worker next to this file when running bundled (the image's vigil/start.mjs), else from source. */
function workerArgs(): string[] {
  if (import.meta.url.endsWith(".mjs")) return [fileURLToPath(new URL("./worker.mjs", import.meta.url))];
  return ["--import", "tsx", "workers/main.ts"];
}

const mode = process.argv[2] === "dev" ? "dev" : "start";
const settings = env();
const port = Number(process.env.PORT ?? 3000);
// Not HOSTNAME: shells and containers set that to the machine name.
const hostname = process.env.VIGIL_HOST ?? "0.0.0.0";
const result = await migrate(settings.DATABASE_URL);
if (result.applied.length) console.log(`[vigil] applied migrations: ${result.applied.join(", ")}`);

const children: ChildProcess[] = [];
if (settings.VIGIL_EMBEDDED_WORKER === "1")
  children.push(spawn(process.execPath, workerArgs(), { stdio: "inherit" }));

if (mode === "dev") {
  children.push(
    spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-p", String(port)], {
      stdio: "inherit",
    }),
  );
} else {
  applyBuiltConfig();
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const ingest = req.method === "POST" ? directIngestRoute(path, req.headers["content-type"]) : undefined;
    const done = !ingest
      ? nextHandler(req, res)
      : ingest.stream
        ? streamWebHandler(req, res, ingest.handler)
        : serveWebHandler(req, res, ingest.handler, settings.VIGIL_MAX_BODY_BYTES);
    done.catch((error: unknown) => {
      console.error("[vigil] request failed", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "internal error; the server log has the details" }));
    });
  });
  // Idle keep-alive connections outlive the clients' and load balancers' own idle timeouts (60 s on common
  // ones): the client then closes first, and never reuses a connection the server has just dropped.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, hostname, () =>
    console.log(`[vigil] listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`),
  );
  const close = () => server.close(() => process.exit(0));
  process.on("SIGINT", close);
  process.on("SIGTERM", close);
}

const stopChildren = () => {
  for (const c of children) c.kill("SIGTERM");
};
process.on("SIGINT", stopChildren);
process.on("SIGTERM", stopChildren);
for (const c of children)
  c.on("exit", (code) => {
    stopChildren();
    if (mode === "dev") process.exitCode = code ?? 0;
  });
