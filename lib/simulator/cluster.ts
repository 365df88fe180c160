// The demo's serving cluster, for the dashboard's cluster and GPU views: two DCGM exporters (one per GPU node)
// and Triton's metrics endpoint, served on loopback from the simulated traffic (exporters.ts), plus their
// history as exposition text with timestamps so a fresh demo shows a week of GPU load at first sight. The
// history carries the same job/instance labels as the live scrapes, so both join into one series.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ExpositionParser } from "../import/exposition";
import { dcgmExposition, tritonExposition } from "./exporters";
import type { Scenario } from "./scenario";

export interface DemoExporter {
  /** scrape target kind and job label */
  kind: "dcgm" | "triton";
  job: string;
  node: string | null;
  /** preferred loopback port (a free one is used when it is taken) */
  port: number;
  body: (s: Scenario, t: number) => string;
}

export const DEMO_EXPORTERS: readonly DemoExporter[] = [
  {
    kind: "dcgm",
    job: "dcgm",
    node: "gpu-node-1",
    port: 19400,
    body: (s, t) => dcgmExposition(s, t, "gpu-node-1"),
  },
  {
    kind: "dcgm",
    job: "dcgm",
    node: "gpu-node-2",
    port: 19401,
    body: (s, t) => dcgmExposition(s, t, "gpu-node-2"),
  },
  { kind: "triton", job: "triton", node: null, port: 18002, body: (s, t) => tritonExposition(s, t) },
];

export interface RunningExporter {
  exporter: DemoExporter;
  url: string;
  instance: string;
  close(): Promise<void>;
}

/** Listens on loopback at `port`, or on a free port when that one is taken; resolves to the port. */
export function listenOnLoopback(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE" || port === 0) return reject(error);
      listenOnLoopback(server, 0).then(resolve, reject);
    });
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts the exporters on loopback; each answers GET /metrics with the scenario's state at request time. */
export async function startDemoExporters(s: Scenario): Promise<RunningExporter[]> {
  const running: RunningExporter[] = [];
  for (const exporter of DEMO_EXPORTERS) {
    const server = http.createServer((req, res) => {
      if (req.url !== "/metrics") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
      res.end(exporter.body(s, Date.now()));
    });
    const port = await listenOnLoopback(server, exporter.port);
    running.push({
      exporter,
      url: `http://127.0.0.1:${port}/metrics`,
      instance: `127.0.0.1:${port}`,
      close: () => new Promise((r) => server.close(() => r())),
    });
  }
  return running;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/**
 * The exporters' samples from `fromMs` to `toMs` every `stepMs`, in the text format with millisecond
 * timestamps and the scrape's job/instance labels: a body for POST /api/v1/import/prometheus.
 */
export function exporterHistory(
  s: Scenario,
  running: RunningExporter,
  fromMs: number,
  toMs: number,
  stepMs: number,
): string {
  const lines: string[] = [];
  for (let t = fromMs; t < toMs; t += stepMs) {
    const parser = new ExpositionParser("prometheus", { defaultTimestampMs: t });
    const parsed = [
      ...parser.push(new TextEncoder().encode(running.exporter.body(s, t))).samples,
      ...parser.end().samples,
    ];
    for (const sample of parsed) {
      const labels = { ...sample.labels, job: running.exporter.job, instance: running.instance };
      const text = Object.entries(labels)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(",");
      lines.push(`${sample.name}{${text}} ${sample.value} ${t}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
