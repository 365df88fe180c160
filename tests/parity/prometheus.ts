// The reference side: the generated data backfilled into a throwaway Prometheus 2.42 (promtool
// create-blocks-from openmetrics), queried over its HTTP API exactly as the compliance tester does.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { END_MS, type ParitySeries } from "./data";

const run = promisify(execFile);

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? "/usr/bin/prometheus";
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? "/usr/bin/promtool";

export function prometheusAvailable(): boolean {
  return existsSync(PROMETHEUS_BIN) && existsSync(PROMTOOL_BIN);
}

/** The API's raw answer (data is typed loosely here; compare.ts normalizes it). */
export type ApiAnswer =
  | { status: "success"; data: { resultType: string; result: unknown } }
  | { status: "error"; errorType: string; error: string };

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  // String(v) is the shortest round-trip form, which Go's ParseFloat reads back to the same double.
  return String(v);
}

/** OpenMetrics text: one TYPE line per family, then each series' samples in time order (promtool needs that). */
export function toOpenMetrics(series: ParitySeries[]): string {
  const parts: string[] = [];
  const typed = new Set<string>();
  const byFamily = new Map<string, ParitySeries[]>();
  for (const s of series) byFamily.set(s.family, [...(byFamily.get(s.family) ?? []), s]);
  for (const [family, members] of byFamily) {
    if (!typed.has(family)) parts.push(`# TYPE ${family} ${members[0]!.type}\n`);
    typed.add(family);
    for (const s of members) {
      const { __name__: name, ...rest } = s.labels;
      const labels = Object.entries(rest)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(",");
      const head = `${name}{${labels}} `;
      for (let i = 0; i < s.timestamps.length; i++) {
        parts.push(`${head}${formatValue(s.values[i]!)} ${(s.timestamps[i]! / 1000).toFixed(3)}\n`);
      }
    }
  }
  parts.push("# EOF\n");
  return parts.join("");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class PrometheusServer {
  private constructor(
    private readonly proc: ChildProcess,
    private readonly dir: string,
    readonly url: string,
    private readonly log: string[],
  ) {}

  /** Backfills the series into a temp dir, starts Prometheus on it and waits until the data is queryable. */
  static async start(series: ParitySeries[]): Promise<PrometheusServer> {
    const dir = await mkdtemp(join(tmpdir(), "vigil-parity-"));
    const dataFile = join(dir, "data.om");
    const tsdb = join(dir, "tsdb");
    const config = join(dir, "prometheus.yml");
    await writeFile(dataFile, toOpenMetrics(series));
    // No scrape jobs: the only data is the backfilled blocks. evaluation_interval is the default subquery step
    // of instant queries, spelled out because Vigil's evaluator has to use the same 1m.
    await writeFile(config, "global:\n  evaluation_interval: 1m\nscrape_configs: []\n");
    try {
      await run(PROMTOOL_BIN, ["tsdb", "create-blocks-from", "openmetrics", "--quiet", dataFile, tsdb], {
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`promtool failed: ${(e as Error).message}`);
    }
    const port = await freePort();
    const log: string[] = [];
    const proc = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${tsdb}`,
        "--storage.tsdb.retention.time=100y",
        `--web.listen-address=127.0.0.1:${port}`,
        "--query.lookback-delta=5m",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const keep = (b: Buffer) => {
      log.push(b.toString());
      if (log.length > 200) log.shift();
    };
    proc.stdout?.on("data", keep);
    proc.stderr?.on("data", keep);
    const server = new PrometheusServer(proc, dir, `http://127.0.0.1:${port}`, log);
    try {
      await server.waitReady();
    } catch (e) {
      await server.stop();
      throw e;
    }
    return server;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.proc.exitCode !== null) break;
      try {
        const res = await fetch(`${this.url}/-/ready`);
        if (res.ok) {
          // Ready only means the TSDB opened; make sure the backfilled blocks are the ones being served.
          const probe = await this.instant("count(demo_num_cpus)", END_MS);
          if (probe.status === "success" && JSON.stringify(probe.data.result).includes('"3"')) return;
        }
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
    throw new Error(
      `Prometheus did not become ready with the data loaded:\n${this.log.join("").slice(-3000)}`,
    );
  }

  private async post(path: string, params: Record<string, string>): Promise<ApiAnswer> {
    const res = await fetch(`${this.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString(),
    });
    const text = await res.text();
    try {
      return JSON.parse(text) as ApiAnswer;
    } catch {
      return { status: "error", errorType: `http_${res.status}`, error: text.slice(0, 200) };
    }
  }

  instant(query: string, timeMs: number): Promise<ApiAnswer> {
    return this.post("/api/v1/query", { query, time: (timeMs / 1000).toFixed(3) });
  }

  range(query: string, startMs: number, endMs: number, stepMs: number): Promise<ApiAnswer> {
    return this.post("/api/v1/query_range", {
      query,
      start: (startMs / 1000).toFixed(3),
      end: (endMs / 1000).toFixed(3),
      step: (stepMs / 1000).toFixed(3),
    });
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      const exited = new Promise<void>((r) => this.proc.once("exit", () => r()));
      this.proc.kill("SIGTERM");
      const timer = setTimeout(() => this.proc.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
