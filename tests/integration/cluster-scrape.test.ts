// The scraper against real targets: a test HTTP server that misbehaves in every way a target can (500s,
// garbage, a body that never ends, one that trickles bytes, 60 MB), Debian's node exporter, and parity with
// Debian's Prometheus 2.42 scraping the same target: the same series with the same values.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchTarget } from "../../lib/cluster/fetch-target";
import { processScrape, type ScrapeOutcome, seriesKey } from "../../lib/cluster/scrape-samples";
import { parseAllowList } from "../../lib/net/address-policy";
import { hasNodeExporter, hasPrometheus, startNodeExporter, startPrometheus } from "../helpers/prometheus";

const allow = parseAllowList("127.0.0.1");
const PAYLOAD = `# HELP requests_total Requests.
# TYPE requests_total counter
requests_total{code="200",method="post"} 1027
requests_total{code="400",method="post"} 3
# TYPE temperature gauge
temperature{sensor="a"} NaN
temperature{sensor="b"} +Inf
temperature{sensor="c"} -12.5e-3
# TYPE latency_seconds histogram
latency_seconds_bucket{le="0.05"} 24054
latency_seconds_bucket{le="0.1"} 33444
latency_seconds_bucket{le="+Inf"} 144320
latency_seconds_sum 53423
latency_seconds_count 144320
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.5"} 4773
rpc_duration_seconds{quantile="0.99"} 76656
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693
escaped{path="C:\\\\dir\\\\file",quote="say \\"hi\\"",nl="a\\nb"} 1
clashing{job="from-the-app",instance="pod-7"} 42
`;

let server: http.Server;
let base = "";
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    if (path === "/metrics") return res.end(PAYLOAD);
    if (path === "/om") {
      res.setHeader("content-type", "application/openmetrics-text; version=1.0.0; charset=utf-8");
      return res.end("# TYPE a gauge\na 1\n# EOF\n");
    }
    if (path === "/gzip") {
      res.setHeader("content-encoding", "gzip");
      return res.end(gzipSync(PAYLOAD));
    }
    if (path === "/500") {
      res.statusCode = 500;
      return res.end("boom");
    }
    if (path === "/garbage") return res.end("\u0000\u0001 not { an exposition\n");
    if (path === "/hang") return; // never answers
    if (path === "/slow") {
      res.write("a 1\n");
      const timer = setInterval(() => res.write("#\n"), 100);
      res.on("close", () => clearInterval(timer));
      return;
    }
    if (path === "/huge") {
      const line = `${"x".repeat(1000)} 1\n`;
      let sent = 0;
      const pump = () => {
        while (sent < 60_000) {
          sent++;
          if (!res.write(line)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => {
        sent = Number.POSITIVE_INFINITY;
      });
      return pump();
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

async function scrape(
  path: string,
  opts: { timeoutMs?: number; maxBytes?: number } = {},
): Promise<ScrapeOutcome> {
  const url = new URL(`${base}${path}`);
  const started = Date.now();
  const fetched = await fetchTarget(url, {
    timeoutMs: opts.timeoutMs ?? 2000,
    maxBytes: opts.maxBytes ?? 10_000_000,
    allow,
  });
  return processScrape({
    body: fetched.ok ? fetched.body : null,
    format: fetched.ok ? fetched.format : "prometheus",
    target: { job: "test", instance: url.host },
    at: started,
    durationMs: Date.now() - started,
    fetchError: fetched.ok ? null : fetched.error,
    sampleLimit: 100_000,
    previous: new Map(),
  });
}

describe("fetching targets", () => {
  it("reads the text format, OpenMetrics by content type, and gzip", async () => {
    expect((await scrape("/metrics")).up).toBe(1);
    expect((await scrape("/om")).up).toBe(1);
    const zipped = await scrape("/gzip");
    expect(zipped.up).toBe(1);
    expect(zipped.seriesKeys.size).toBe((await scrape("/metrics")).seriesKeys.size);
  });

  it("fails cleanly with up=0 and a reason", async () => {
    const cases: Array<[string, RegExp, { timeoutMs?: number; maxBytes?: number }?]> = [
      ["/500", /HTTP status 500/],
      ["/garbage", /line 1/],
      ["/hang", /deadline exceeded/, { timeoutMs: 300 }],
      ["/slow", /deadline exceeded/, { timeoutMs: 500 }],
      ["/huge", /body size limit exceeded/, { maxBytes: 5_000_000 }],
    ];
    for (const [path, reason, opts] of cases) {
      const started = Date.now();
      const out = await scrape(path, opts);
      expect(out.up, path).toBe(0);
      expect(out.error, path).toMatch(reason);
      expect(Date.now() - started, path).toBeLessThan(3000);
    }
  });

  it("refuses targets the address policy does not allow", async () => {
    const refused = await fetchTarget(new URL("http://169.254.169.254/metrics"), {
      timeoutMs: 500,
      maxBytes: 1000,
      allow,
    });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/metadata/) });
    const other = await fetchTarget(new URL(`${base}/metrics`), {
      timeoutMs: 500,
      maxBytes: 1000,
      allow: parseAllowList(""),
    });
    expect(other).toMatchObject({ ok: false, error: expect.stringMatching(/VIGIL_OUTBOUND_ALLOWLIST/) });
  });
});

// In CI (CI=true) the packages are installed by .ci/run: missing binaries fail there instead of skipping.
const hasBinaries = hasPrometheus() && hasNodeExporter();
describe.skipIf(!hasBinaries && process.env.CI !== "true")(
  "parity with Prometheus 2.42 scraping the same targets",
  () => {
    type Vector = Array<{ metric: Record<string, string>; value: [number, string] }>;
    const query = async (url: string, q: string): Promise<Vector> => {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(q)}`);
      return ((await res.json()) as { data: { result: Vector } }).data.result;
    };
    const goValue = (v: number) =>
      Number.isNaN(v)
        ? "NaN"
        : v === Number.POSITIVE_INFINITY
          ? "+Inf"
          : v === Number.NEGATIVE_INFINITY
            ? "-Inf"
            : String(v);
    const ours = (out: ScrapeOutcome) =>
      new Map(
        out.samples
          .filter((s) => !/^(up|scrape_)/.test(s.labels.__name__ ?? ""))
          .map((s) => [seriesKey(s.labels), goValue(s.value)]),
      );

    it("stores the same series and values as Prometheus", async () => {
      const node = await startNodeExporter();
      const target = new URL(base).host;
      const prom = await startPrometheus({
        config: `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: test\n    static_configs: [{targets: ["${target}"]}]\n  - job_name: node\n    static_configs: [{targets: ["${node.address}"]}]\n`,
      });
      try {
        let theirs: Vector = [];
        for (let i = 0; i < 60 && theirs.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 500));
          theirs = await query(prom.url, '{job="test",__name__!~"up|scrape_.*"}');
        }
        const mine = ours(await scrape("/metrics"));
        const prometheus = new Map(theirs.map((s) => [seriesKey(s.metric), s.value[1]]));
        expect(prometheus).toEqual(mine);
        console.log(`scrape parity: ${mine.size} series, identical labels and values`);

        // Node exporter: values move between the two scrapes; the series must be the same.
        let nodeTheirs: Vector = [];
        for (let i = 0; i < 60 && nodeTheirs.length === 0; i++) {
          nodeTheirs = await query(prom.url, '{job="node",__name__!~"up|scrape_.*"}');
          if (nodeTheirs.length === 0) await new Promise((r) => setTimeout(r, 500));
        }
        const url = new URL(`http://${node.address}/metrics`);
        const fetched = await fetchTarget(url, { timeoutMs: 5000, maxBytes: 50_000_000, allow });
        expect(fetched.ok).toBe(true);
        if (!fetched.ok) return;
        const nodeOurs = processScrape({
          body: fetched.body,
          format: fetched.format,
          target: { job: "node", instance: node.address },
          at: Date.now(),
          durationMs: 0,
          fetchError: null,
          sampleLimit: 1_000_000,
          previous: new Map(),
        });
        const keys = (xs: Iterable<string>) => [...xs].sort();
        expect(keys(ours(nodeOurs).keys())).toEqual(keys(nodeTheirs.map((s) => seriesKey(s.metric))));
        console.log(`node exporter parity: ${nodeTheirs.length} series`);
      } finally {
        await prom.stop();
        await node.stop();
      }
    }, 90_000);
  },
);
