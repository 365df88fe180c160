// The nvidia-smi collector job (`gpu-collect:<host>`): where no DCGM exporter runs, a worker with
// VIGIL_NVIDIA_SMI on asks nvidia-smi on its own host every VIGIL_NVIDIA_SMI_INTERVAL_SECONDS and writes the
// DCGM-named series (nvidia-smi.ts) with job="nvidia-smi" and instance=<host>, on a grid as scrape-job.ts.
// Like a scrape: `up` says whether it worked; a GPU (or a field) that vanishes, or a failed run, gets stale
// markers; a failure is kept as the job's lastError (GET /api/health counts it) and the job keeps its schedule.
import { accessSync, constants } from "node:fs";
import { hostname } from "node:os";
import { delimiter, join } from "node:path";
import { env } from "../config/env";
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { GPU_COLLECT_JOB, markGpuCollect } from "../jobs/mark";
import type { PointInput } from "../series/store";
import { liveSeries, replaceSeriesStatements } from "./live-series";
import { collectNvidiaSmi, NVIDIA_SMI_METRICS } from "./nvidia-smi";
import { hash32, slotAt } from "./scrape-job";

export { GPU_COLLECT_JOB };

/** The `job` label of everything the collector writes. */
export const NVIDIA_SMI_JOB_LABEL = "nvidia-smi";

export interface GpuCollectResult {
  at: number;
  up: 0 | 1;
  error: string | null;
  samples: number;
  staleMarked: number;
}

/** VIGIL_NVIDIA_SMI → the binary to run, or null when the collector is off (`auto` without nvidia-smi on PATH). */
export function nvidiaSmiBinary(
  setting = env().VIGIL_NVIDIA_SMI,
  path = process.env.PATH ?? "",
): string | null {
  if (setting === "off") return null;
  if (setting !== "auto") return setting;
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, "nvidia-smi");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

const intervalMs = () => env().VIGIL_NVIDIA_SMI_INTERVAL_SECONDS * 1000;
export const gpuCollectOffsetMs = (host: string, interval: number) =>
  hash32(`gpu-collect:${host}`) % Math.max(1, interval);

/**
 * At worker start: this host's job due now when the collector is on; when it is off, a job left from an
 * earlier setting is removed. Returns the binary, or null when off.
 */
export async function scheduleGpuCollector(database: Database, host = hostname()): Promise<string | null> {
  const binary = nvidiaSmiBinary();
  if (binary) await database.raw.batch(markGpuCollect(database.raw, host));
  else await database.db.job.deleteMany({ where: { key: `${GPU_COLLECT_JOB}:${host}` } });
  return binary;
}

function lastErrorStatement(host: string, error: string | null): Statement {
  return {
    sql: `UPDATE "Job" SET "lastError" = ? WHERE "key" = ?`,
    params: [error?.slice(0, 2000) ?? null, `${GPU_COLLECT_JOB}:${host}`],
  };
}

/** Runs nvidia-smi once at `at` and stores the samples, `up`, the stale markers and the job's error together. */
export async function collectGpusOnce(
  database: Database,
  binary: string,
  opts: { at?: number; host?: string } = {},
): Promise<GpuCollectResult> {
  const at = opts.at ?? Date.now();
  const host = opts.host ?? hostname();
  const target = { job: NVIDIA_SMI_JOB_LABEL, instance: host };
  let error: string | null = null;
  const points: PointInput[] = [];
  try {
    // nvidia-smi answers in well under a second; a hung driver must not hold the lane past the next slot.
    const samples = await collectNvidiaSmi({ binary, host, timeoutMs: Math.min(10_000, intervalMs()) });
    for (const { labels, value } of samples) {
      const { __name__: name, ...rest } = labels;
      points.push({ name: name ?? "", labels: { ...rest, ...target }, ts: at, value });
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const samples = points.length;
  // `up` is written every time, so it is never among the series that end.
  points.push({ name: "up", labels: target, ts: at, value: error === null ? 1 : 0 });
  const previous = await liveSeries(database, NVIDIA_SMI_METRICS, target, at);
  const { statements, ended } = await replaceSeriesStatements(database, points, previous, at);
  await database.raw.batch([...statements, lastErrorStatement(host, error)]);
  return { at, up: error === null ? 1 : 0, error, samples, staleMarked: ended };
}

/**
 * The processor. Another host's job (several workers on several hosts) is only moved to its next slot: this
 * worker cannot see that host's GPUs. The own host's job ends when the collector is off here.
 */
export async function runGpuCollectJob(
  database: Database,
  payload: { host: string },
  opts: { now?: number; host?: string } = {},
): Promise<GpuCollectResult | null> {
  const host = opts.host ?? hostname();
  const now = opts.now ?? Date.now();
  const interval = intervalMs();
  const next = slotAt(now, interval, gpuCollectOffsetMs(payload.host, interval)) + interval;
  if (payload.host !== host) {
    await database.raw.batch(markGpuCollect(database.raw, payload.host, next, now));
    return null;
  }
  const binary = nvidiaSmiBinary();
  if (!binary) return null;
  await database.raw.batch(markGpuCollect(database.raw, host, next, now));
  return collectGpusOnce(database, binary, { at: now, host });
}
