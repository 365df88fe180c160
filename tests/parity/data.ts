// Deterministic demo-like data shared by both engines. Modeled on the PromLabs demo service that the PromQL
// compliance tester queries, plus a few Vigil-style series. Same seed, same samples, on every run and machine.
import { mulberry32 } from "../../lib/simulator/random";

export type MetricType = "counter" | "gauge" | "histogram";

export interface ParitySeries {
  /** OpenMetrics family name (counters without `_total`, histograms without `_bucket`/`_sum`/`_count`). */
  family: string;
  type: MetricType;
  /** All labels, including __name__. */
  labels: Record<string, string>;
  /** Ascending epoch ms; all multiples of 125 ms so `seconds * 1000` is exact in promtool's float parsing. */
  timestamps: number[];
  values: number[];
}

/** Fixed end of the data: 2026-11-01T00:00:00Z (in the past for any realistic run). */
export const END_MS = Date.UTC(2026, 10, 1, 0, 0, 0);
export const SCRAPE_MS = 15_000;
export const POINTS = 480;
/** Two hours of data before END_MS. */
export const START_MS = END_MS - POINTS * SCRAPE_MS;

export const INSTANCES = ["demo.promlabs.com:10000", "demo.promlabs.com:10001", "demo.promlabs.com:10002"];
const JOB = "demo";
export const BUCKETS = [
  0.0002, 0.0004, 0.0008, 0.0016, 0.0032, 0.0064, 0.0128, 0.0256, 0.0512, 0.1024, 0.2048,
];

/** Seeded (mulberry32), so every run generates the same data; Math.random would not. */
const rng = (seed: number) => mulberry32(seed >>> 0);

/** Round to 3 decimals: keeps the text small and values exactly representable as printed. */
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

interface Builder {
  series: ParitySeries[];
  rand: () => number;
}

/**
 * Scrape times of one target: a fixed per-series offset (real targets are scraped at a phase) plus a
 * little per-sample jitter, so rate extrapolation and lookback boundaries are exercised off the grid.
 */
function times(b: Builder, skip: (i: number) => boolean = () => false): number[] {
  const offset = Math.floor(b.rand() * 96) * 125;
  const out: number[] = [];
  for (let i = 0; i < POINTS; i++) {
    if (skip(i)) continue;
    const jitter = b.rand() < 0.2 ? 125 : 0;
    out.push(START_MS + i * SCRAPE_MS + offset + jitter);
  }
  return out;
}

function add(
  b: Builder,
  family: string,
  type: MetricType,
  name: string,
  labels: Record<string, string>,
  ts: number[],
  value: (i: number, t: number) => number,
): void {
  b.series.push({
    family,
    type,
    labels: { __name__: name, ...labels },
    timestamps: ts,
    values: ts.map((t, i) => value(i, t)),
  });
}

function counters(b: Builder): void {
  const modes = ["idle", "user", "system"];
  INSTANCES.forEach((instance, n) => {
    for (const [m, mode] of modes.entries()) {
      const ts = times(b);
      let total = 1000 * (n + 1) + 100 * m;
      // Two resets (process restarts) so rate/increase/resets must handle them.
      const resetAt = n === 1 && mode === "user" ? 200 : n === 2 && mode === "idle" ? 350 : -1;
      const vals = ts.map((_, i) => {
        if (i === resetAt) total = 0;
        total = r3(total + (mode === "idle" ? 10 : 2 + m) * b.rand());
        return total;
      });
      add(
        b,
        "demo_cpu_usage_seconds",
        "counter",
        "demo_cpu_usage_seconds_total",
        { instance, job: JOB, mode },
        ts,
        (i) => vals[i]!,
      );
    }
  });
}

function gauges(b: Builder): void {
  const types = ["free", "used", "buffers", "cached"];
  INSTANCES.forEach((instance, n) => {
    types.forEach((type, k) => {
      // A gap longer than the 5m lookback in one series: it must vanish from instant results inside the gap.
      const gap = n === 2 && type === "buffers" ? (i: number) => i >= 300 && i < 330 : undefined;
      const ts = times(b, gap);
      const base = [3e9, 5e9, 2e8, 1.5e9][k]! * (1 + n / 10);
      add(
        b,
        "demo_memory_usage_bytes",
        "gauge",
        "demo_memory_usage_bytes",
        { instance, job: JOB, type },
        ts,
        (_, t) => Math.round(base * (1 + 0.1 * Math.sin(t / 600_000 + k)) + 1e6 * b.rand()),
      );
    });
    const dts = times(b);
    add(b, "demo_disk_usage_bytes", "gauge", "demo_disk_usage_bytes", { instance, job: JOB }, dts, (i) =>
      Math.round(2e10 + 1e10 * n + 3e5 * i + 1e5 * b.rand()),
    );
    const tts = times(b);
    add(
      b,
      "demo_disk_total_bytes",
      "gauge",
      "demo_disk_total_bytes",
      { instance, job: JOB },
      tts,
      () => 1e11,
    );
    const cts = times(b);
    add(b, "demo_num_cpus", "gauge", "demo_num_cpus", { instance, job: JOB }, cts, () => [4, 8, 6][n]!);
    // The batch job succeeds every ~5 minutes; the gauge holds the success time in seconds.
    const bts = times(b);
    let last = START_MS / 1000 - 120;
    add(
      b,
      "demo_batch_last_success_timestamp_seconds",
      "gauge",
      "demo_batch_last_success_timestamp_seconds",
      { instance, job: JOB },
      bts,
      (i, t) => {
        if (i % (18 + n) === 0) last = Math.floor(t / 1000) - 3;
        return last;
      },
    );
  });
  // Present 10 minutes, absent 10 minutes: staleness by lookback only (backfilled data has no stale markers).
  const its = times(b, (i) => Math.floor(i / 40) % 2 === 1);
  add(
    b,
    "demo_intermittent_metric",
    "gauge",
    "demo_intermittent_metric",
    { instance: INSTANCES[0]!, job: JOB },
    its,
    (i) => i % 7,
  );
}

function histograms(b: Builder): void {
  const groups: [string, string, string][] = [
    ["GET", "/api/foo", "200"],
    ["POST", "/api/foo", "200"],
    ["GET", "/api/bar", "200"],
    ["POST", "/api/bar", "200"],
    ["GET", "/api/bar", "500"],
  ];
  const name = "demo_api_request_duration_seconds";
  INSTANCES.forEach((instance, n) => {
    for (const [method, path, status] of groups) {
      const ts = times(b);
      const les = [...BUCKETS.map(String), "+Inf"];
      const cum = new Array<number>(les.length).fill(0);
      let sum = 0;
      const bucketVals: number[][] = les.map(() => []);
      const sums: number[] = [];
      const counts: number[] = [];
      ts.forEach((_, i) => {
        // One restart of instance 0 resets all buckets, _sum and _count together.
        if (n === 0 && i === 300) {
          cum.fill(0);
          sum = 0;
        }
        const requests = Math.floor(b.rand() * (status === "500" ? 3 : 40));
        for (let r = 0; r < requests; r++) {
          const d = 0.0001 * 2 ** (b.rand() * 12);
          sum += d;
          for (let k = 0; k < les.length; k++) if (k === les.length - 1 || d <= BUCKETS[k]!) cum[k]! += 1;
        }
        for (let k = 0; k < les.length; k++) bucketVals[k]!.push(cum[k]!);
        sums.push(r3(sum * 1000) / 1000);
        counts.push(cum[les.length - 1]!);
      });
      const labels = { instance, job: JOB, method, path, status };
      for (const [k, le] of les.entries()) {
        add(b, name, "histogram", `${name}_bucket`, { ...labels, le }, ts, (i) => bucketVals[k]![i]!);
      }
      add(b, name, "histogram", `${name}_sum`, labels, ts, (i) => sums[i]!);
      add(b, name, "histogram", `${name}_count`, labels, ts, (i) => counts[i]!);
    }
  });
}

function vigil(b: Builder): void {
  for (const model of ["fraud", "churn"]) {
    for (const version of ["v1", "v2"]) {
      for (const window of ["1h", "1d"]) {
        const nan = model === "churn" && version === "v2";
        // One series stops for 8 minutes (a model paused), another ends 20 minutes early (a retired version).
        const skip =
          model === "fraud" && version === "v2" && window === "1h"
            ? (i: number) => i >= 100 && i < 132
            : model === "fraud" && version === "v1" && window === "1d"
              ? (i: number) => i >= 400
              : undefined;
        const ts = times(b, skip);
        add(
          b,
          "vigil_model_accuracy",
          "gauge",
          "vigil_model_accuracy",
          { model, version, window },
          ts,
          (i) => (nan && i % 37 === 5 ? Number.NaN : r3(0.8 + 0.15 * b.rand())),
        );
      }
      const pts = times(b);
      let n = 0;
      add(b, "vigil_predictions", "counter", "vigil_predictions_total", { model, version }, pts, () => {
        n += Math.floor(b.rand() * 50);
        return n;
      });
    }
  }
}

let cached: ParitySeries[] | null = null;

/** All series, generated once per process. */
export function generateSeries(): ParitySeries[] {
  if (cached) return cached;
  const b: Builder = { series: [], rand: rng(20261101) };
  counters(b);
  gauges(b);
  histograms(b);
  vigil(b);
  cached = b.series;
  return cached;
}
