// PromQL bench: the same range queries, over HTTP with the same client code, against Vigil's production
// server and Prometheus 2.42 holding identical samples, in the same run. Sizes: BENCH_PROMQL_SERIES
// (default 1000) × BENCH_PROMQL_DAYS (default 7) at one sample a minute; BENCH_PROMQL=skip leaves it out.
import { mkdirSync, rmSync } from "node:fs";
import { startPrometheus } from "../tests/helpers/prometheus";
import { END_MS, loadPrometheus, loadVigil, METRIC, pointsPerSeries, startMs } from "./promql-data";
import { startServer } from "./server";

export interface BenchRow {
  measure: string;
  vigil: string;
  baseline: string;
  ratio: string;
  target: string;
  pass: boolean;
}

interface Answer {
  ms: number;
  /** Series and points in the result, and the sum of all sample values: both servers must agree. */
  series: number;
  points: number;
  sum: number;
}

/** Counts the result without JSON.parse: 10M points would cost gigabytes of heap as JS arrays. */
function summarize(body: string): Omit<Answer, "ms"> {
  if (!body.startsWith('{"status":"success"')) throw new Error(`query failed: ${body.slice(0, 300)}`);
  let series = 0;
  for (let i = body.indexOf('"metric":'); i >= 0; i = body.indexOf('"metric":', i + 1)) series++;
  // Every sample ends `,"<value>"]`; label values here never contain `"]`.
  let points = 0;
  let sum = 0;
  for (let i = body.indexOf('"]'); i >= 0; i = body.indexOf('"]', i + 2)) {
    points++;
    sum += Number(body.slice(body.lastIndexOf('"', i - 1) + 1, i));
  }
  return { series, points, sum };
}

async function post(base: string, path: string, params: Record<string, string>, apiKey: string) {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${apiKey}` },
    body: new URLSearchParams(params).toString(),
  });
  // The clock stops when the last byte is in, as a client that has to read the whole answer sees it.
  const body = await res.text();
  return { ms: performance.now() - t0, body };
}

/** One warm-up, then the median of three timed runs. */
async function timed(base: string, params: Record<string, string>, apiKey: string): Promise<Answer> {
  const first = await post(base, "/api/v1/query_range", params, apiKey);
  const summary = summarize(first.body);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push((await post(base, "/api/v1/query_range", params, apiKey)).ms);
  times.sort((a, b) => a - b);
  return { ms: times[1]!, ...summary };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");

export async function promqlBench(apiKey: string, port: number, log: (m: string) => void) {
  if (process.env.BENCH_PROMQL === "skip") return [];
  const shape = {
    series: Number(process.env.BENCH_PROMQL_SERIES ?? 1000),
    days: Number(process.env.BENCH_PROMQL_DAYS ?? 7),
  };
  const samples = shape.series * pointsPerSeries(shape);
  const dir = "data/bench/promql";
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const url = `file:${dir}/vigil.db`;

  let t0 = performance.now();
  const loaded = await loadVigil(url, shape);
  log(`promql: loaded ${fmt(loaded)} samples into Vigil's SQLite store in ${fmtS(t0)}`);
  t0 = performance.now();
  await loadPrometheus(`${dir}/data.om`, `${dir}/tsdb`, shape);
  rmSync(`${dir}/data.om`);
  log(`promql: OpenMetrics file + promtool backfill into Prometheus in ${fmtS(t0)}`);

  const prometheus = await startPrometheus(`${dir}/tsdb`);
  const vigil = await startServer(url, port, apiKey);
  const rows: BenchRow[] = [];
  try {
    // Same data on both sides before anything is timed: sample count and value sum over the whole range.
    const check = {
      query: `sum(count_over_time(${METRIC}[${shape.days + 1}d]))`,
      time: String(END_MS / 1000),
    };
    const counts = await Promise.all(
      [vigil.url, prometheus.url].map(
        async (base) => (await post(base, "/api/v1/query", check, apiKey)).body,
      ),
    );
    const held = counts.map((b) => Number(/"value":\[[^,]+,"([^"]+)"/.exec(b)?.[1]));
    log(`promql: samples held — Vigil ${fmt(held[0]!)}, Prometheus ${fmt(held[1]!)}`);
    if (held[0] !== samples || held[1] !== samples)
      throw new Error(`sample counts differ from the ${samples} generated: ${counts.join(" / ")}`);

    const range = { start: String(startMs(shape) / 1000), end: String(END_MS / 1000), step: "60" };
    const queries = [
      { name: "raw series", query: METRIC },
      { name: "aggregated", query: `sum by (model) (rate(${METRIC}[5m]))` },
    ];
    for (const q of queries) {
      log(`promql: timing ${q.query}…`);
      const params = { ...range, query: q.query };
      const p = await timed(prometheus.url, params, apiKey);
      const v = await timed(vigil.url, params, apiKey);
      log(`  Vigil ${v.ms.toFixed(0)} ms, Prometheus ${p.ms.toFixed(0)} ms`);
      // Same work: identical series and point counts, and value sums equal up to float rounding.
      const same =
        v.series === p.series && v.points === p.points && Math.abs(v.sum - p.sum) <= 1e-9 * Math.abs(p.sum);
      if (!same) log(`  results differ: Vigil ${JSON.stringify(v)}, Prometheus ${JSON.stringify(p)}`);
      const ratio = v.ms / p.ms;
      rows.push({
        measure: `query_range \`${q.query}\`, ${fmt(shape.series)} series × ${shape.days} d, step 60s → ${fmt(v.series)} series, ${fmt(v.points)} points${same ? "" : " (RESULTS DIFFER)"}`,
        vigil: `${fmt(v.ms)} ms`,
        baseline: `${fmt(p.ms)} ms (Prometheus 2.42)`,
        ratio: `${ratio.toFixed(2)}×`,
        target: "≤ 2×",
        pass: same && ratio <= 2,
      });
    }
  } finally {
    await vigil.stop();
    await prometheus.stop();
    rmSync(dir, { recursive: true, force: true }); // ~1.3 GB of database and TSDB blocks
  }
  return rows;
}

function fmtS(t0: number) {
  return `${((performance.now() - t0) / 1000).toFixed(1)} s`;
}
