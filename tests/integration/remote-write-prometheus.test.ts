// The real sender: Debian's Prometheus 2.42 scrapes a model server's exposition endpoint and Debian's node
// exporter every second and remote-writes to Vigil twice (bearer and basic auth, so every sample also arrives
// as a duplicate). After a minute, the same PromQL queries over the same range must give identical answers
// from that Prometheus and from Vigil — including staleness after a series vanishes from the scrape.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as queryGet } from "@/app/api/v1/query/route";
import { GET as rangeGet } from "@/app/api/v1/query_range/route";
import { postRemoteWrite } from "@/lib/api/remote-write-route";
import { serveWebHandler } from "@/lib/http/node-adapter";
import { TEST_API_KEY, useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";
import {
  freePort,
  hasNodeExporter,
  hasPrometheus,
  type RunningPrometheus,
  startNodeExporter,
  startPrometheus,
} from "../helpers/prometheus";

const RUN_MS = 60_000;
const VANISH_AFTER_MS = 30_000;
// Skipped where the Debian packages are missing, except in CI (CI=true), which installs them: there it fails.
const available = (hasPrometheus() && hasNodeExporter()) || process.env.CI === "true";

const listen = (server: Server, port: number) =>
  new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A model server's /metrics: counters, gauges with NaN/+Inf, a histogram and a series that vanishes. */
function modelServer(startedAt: number) {
  let scrapes = 0;
  return createServer((_req, res) => {
    scrapes++;
    const elapsed = Date.now() - startedAt;
    const lines = [
      "# TYPE model_requests_total counter",
      `model_requests_total{model="recommender",version="v1"} ${scrapes * 3}`,
      `model_requests_total{model="recommender",version="v2"} ${scrapes * 5 + 0.5}`,
      "# TYPE gpu_utilization gauge",
      `gpu_utilization{gpu="0"} ${(0.5 + 0.4 * Math.sin(scrapes / 5)).toFixed(6)}`,
      `gpu_utilization{gpu="1"} ${scrapes % 7 === 0 ? "NaN" : scrapes % 11 === 0 ? "+Inf" : String(scrapes / 100)}`,
      "# TYPE inference_latency_seconds histogram",
      `inference_latency_seconds_bucket{le="0.05"} ${scrapes * 2}`,
      `inference_latency_seconds_bucket{le="0.1"} ${scrapes * 5}`,
      `inference_latency_seconds_bucket{le="0.5"} ${scrapes * 9}`,
      `inference_latency_seconds_bucket{le="+Inf"} ${scrapes * 10}`,
      `inference_latency_seconds_sum ${(scrapes * 1.234).toFixed(3)}`,
      `inference_latency_seconds_count ${scrapes * 10}`,
    ];
    // Gone after 30 s: Prometheus writes stale markers for it, which both sides must honour.
    if (elapsed < VANISH_AFTER_MS) lines.push(`model_shadow_queue{model="candidate"} ${scrapes % 4}`);
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
    res.end(`${lines.join("\n")}\n`);
  });
}

const QUERIES = [
  "up",
  "model_requests_total",
  "rate(model_requests_total[5s])",
  "gpu_utilization",
  "model_shadow_queue",
  "count_over_time(model_shadow_queue[10s])",
  "histogram_quantile(0.9, rate(inference_latency_seconds_bucket[10s]))",
  "sum by (mode) (rate(node_cpu_seconds_total[5s]))",
  "node_load1",
  "node_memory_MemAvailable_bytes",
  "scrape_samples_scraped",
  "timestamp(gpu_utilization)",
  'count by (job) ({__name__=~"node_.*|model_.*|gpu_.*"})',
];

type Result = Array<{ metric: Record<string, string>; values?: unknown; value?: unknown }>;
const canonical = (result: Result) =>
  result
    .map((r) => JSON.stringify([Object.entries(r.metric).sort(), r.values ?? r.value]))
    .sort()
    .join("\n");

describe.skipIf(!available)("remote write from a real Prometheus", () => {
  let prometheus: RunningPrometheus;
  let stopExporter: () => Promise<void>;
  const servers: Server[] = [];
  const statuses = new Map<number, number>();
  let startedAt = 0;

  beforeAll(async () => {
    await useTestDatabase();
    startedAt = Date.now();
    const vigilPort = await freePort();
    const vigil = createServer((req, res) => {
      serveWebHandler(req, res, postRemoteWrite, 5 * 1024 * 1024)
        .then(() => statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1))
        .catch(() => res.destroy());
    });
    await listen(vigil, vigilPort);
    const targetPort = await freePort();
    const target = modelServer(startedAt);
    await listen(target, targetPort);
    servers.push(vigil, target);
    const exporter = await startNodeExporter();
    stopExporter = exporter.stop;
    const queue = "queue_config: { batch_send_deadline: 1s, min_backoff: 100ms, max_backoff: 1s }";
    prometheus = await startPrometheus({
      config: `global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: model-server
    static_configs: [{ targets: ["127.0.0.1:${targetPort}"] }]
  - job_name: node
    static_configs: [{ targets: ["${exporter.address}"] }]
remote_write:
  - name: vigil-bearer
    url: http://127.0.0.1:${vigilPort}/api/v1/write
    authorization: { credentials: "${TEST_API_KEY}" }
    ${queue}
  - name: vigil-basic
    url: http://127.0.0.1:${vigilPort}/api/v1/write
    basic_auth: { username: prometheus, password: "${TEST_API_KEY}" }
    ${queue}
`,
    });
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await stopExporter?.();
    for (const s of servers) await close(s);
  });

  async function fromPrometheus(path: string, params: Record<string, string>): Promise<Result> {
    const res = await fetch(`${prometheus.url}${path}?${new URLSearchParams(params)}`);
    const body = (await res.json()) as { status: string; data: { result: Result } };
    expect(body.status, `${path} ${params.query}`).toBe("success");
    return body.data.result;
  }

  async function fromVigil(path: string, params: Record<string, string>): Promise<Result> {
    const handler = path.endsWith("query_range") ? rangeGet : queryGet;
    const res = await call(handler, { path: `${path}?${new URLSearchParams(params)}` });
    expect(res.status, `${path} ${params.query}: ${JSON.stringify(res.body)}`).toBe(200);
    return (res.body.data as { result: Result }).result;
  }

  it(
    "answers the same PromQL queries as the Prometheus that sent the samples",
    async () => {
      await new Promise((r) => setTimeout(r, RUN_MS - (Date.now() - startedAt)));
      // Whole seconds, a few behind the latest scrape, so both sides hold every sample of the range.
      const end = Math.floor(Date.now() / 1000) - 3;
      const start = Math.ceil(startedAt / 1000) + 2;
      const ranges = QUERIES.map((query) => ({ query, start: String(start), end: String(end), step: "1" }));
      const instants = ["model_shadow_queue", "up", "gpu_utilization", "model_requests_total"].map(
        (query) => ({
          query,
          time: String(end),
        }),
      );
      // Remote write trails the scrapes by up to its batch deadline: compare until equal, for up to 20 s.
      let mismatches: string[] = [];
      for (const deadline = Date.now() + 20_000; ; ) {
        mismatches = [];
        for (const params of ranges) {
          const [p, v] = [
            await fromPrometheus("/api/v1/query_range", params),
            await fromVigil("/api/v1/query_range", params),
          ];
          expect(p.length, `Prometheus has data for ${params.query}`).toBeGreaterThan(0);
          if (canonical(p) !== canonical(v))
            mismatches.push(
              `${params.query}:\n  prometheus ${canonical(p).slice(0, 600)}\n  vigil      ${canonical(v).slice(0, 600)}`,
            );
        }
        for (const params of instants) {
          const [p, v] = [
            await fromPrometheus("/api/v1/query", params),
            await fromVigil("/api/v1/query", params),
          ];
          if (canonical(p) !== canonical(v))
            mismatches.push(`instant ${params.query}: ${canonical(p)} vs ${canonical(v)}`);
        }
        if (mismatches.length === 0 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      expect(mismatches).toEqual([]);
      // The vanished series is stale at the end on both sides (not just past the 5-minute lookback).
      expect(await fromVigil("/api/v1/query", { query: "model_shadow_queue", time: String(end) })).toEqual(
        [],
      );
      // Every request was stored (204), though each sample arrived twice.
      expect([...statuses.keys()]).toEqual([204]);
      expect(statuses.get(204)).toBeGreaterThan(20);
    },
    RUN_MS + 60_000,
  );
});
