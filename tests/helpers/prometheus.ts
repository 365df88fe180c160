// A real Prometheus (Debian's package) on loopback with a throw-away storage directory.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PROMETHEUS_BIN = "/usr/bin/prometheus";
export const hasPrometheus = () => existsSync(PROMETHEUS_BIN);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** TSDB directory (default: a temp dir removed on stop). */
  storagePath?: string;
  /** prometheus.yml text (default: no scrape jobs). */
  config?: string;
}

/** A child process on loopback that is ready when `readyUrl` answers 200. */
async function startDaemon(
  bin: string,
  args: string[],
  readyUrl: string,
  cleanup: () => void,
): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(readyUrl)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      cleanup();
      throw new Error(`${bin} did not start: ${stderr.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          cleanup();
          resolve();
          return;
        }
        child.once("exit", () => {
          cleanup();
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

export async function startPrometheus(options: string | PrometheusOptions = {}): Promise<RunningPrometheus> {
  const opts = typeof options === "string" ? { storagePath: options } : options;
  const dir = mkdtempSync(join(tmpdir(), "vigil-prom-"));
  const config = join(dir, "prometheus.yml");
  writeFileSync(config, opts.config ?? "global:\n  scrape_interval: 1m\nscrape_configs: []\n");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const daemon = await startDaemon(
    PROMETHEUS_BIN,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${opts.storagePath ?? join(dir, "data")}`,
      "--storage.tsdb.retention.time=100y",
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=error",
    ],
    `${url}/-/ready`,
    () => rmSync(dir, { recursive: true, force: true }),
  );
  return { url, stop: daemon.stop };
}

export const NODE_EXPORTER_BIN = "/usr/bin/prometheus-node-exporter";
export const hasNodeExporter = () => existsSync(NODE_EXPORTER_BIN);

/** Debian's node exporter on loopback with a few fast collectors (the host's full set is slow and large). */
export async function startNodeExporter(): Promise<{ address: string; stop(): Promise<void> }> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const daemon = await startDaemon(
    NODE_EXPORTER_BIN,
    [
      `--web.listen-address=${address}`,
      "--collector.disable-defaults",
      "--collector.cpu",
      "--collector.loadavg",
      "--collector.meminfo",
      "--collector.time",
    ],
    `http://${address}/metrics`,
    () => {},
  );
  return { address, stop: daemon.stop };
}
