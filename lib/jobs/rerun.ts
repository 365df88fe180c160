// How soon a window recompute that was marked again during its run may run again.
//
// Quality, drift and shadow windows are recomputed whole: a 5-minute bucket from its raw rows, an hour or day by
// merging its stored parts. Under steady ingest each run is marked again before it ends, and re-running at once
// kept a worker and the database busy recomputing the same windows back to back (when hours and days were still
// recomputed from all their raw rows): in the multi-replica run at 150 predictions/s (docs/scaling.md) the three
// workers used all the CPU the machine had left (323 CPU-seconds in 5 minutes) for results that changed by a
// few rows each time. Spacing the re-runs bounds that cost: a window's result is at most `interval` (or four
// times its own run time) older than its newest row, per level of bucket → hour → day, as a Prometheus
// recording rule is at most one evaluation interval old.
import {
  DRIFT_BUCKET_JOB,
  DRIFT_DAY_JOB,
  DRIFT_JOB,
  QUALITY_JOB,
  SHADOW_BUCKET_JOB,
  SHADOW_WINDOW_JOB,
} from "./mark";

/** Job kinds that recompute a whole window (others are incremental or scheduled). */
export const RECOMPUTE_KINDS: ReadonlySet<string> = new Set([
  QUALITY_JOB,
  DRIFT_BUCKET_JOB,
  DRIFT_JOB,
  DRIFT_DAY_JOB,
  SHADOW_BUCKET_JOB,
  SHADOW_WINDOW_JOB,
]);

/** A run's cost share: a re-run waits at least this many times the run's own duration. */
export const RUN_TIME_FACTOR = 4;
/** The longest a re-run waits, whatever the run took. */
export const MAX_RERUN_DELAY_MS = 60_000;

/**
 * The delay after a run's start before a re-marked job of `kind` is due again: 0 for kinds that are not
 * window recomputes or when spacing is off (`intervalMs` 0); otherwise the larger of `intervalMs` and
 * RUN_TIME_FACTOR × the run's duration, at most MAX_RERUN_DELAY_MS (or `intervalMs` when that is larger).
 */
export function rerunDelayMs(kind: string, runMs: number, intervalMs: number): number {
  if (intervalMs <= 0 || !RECOMPUTE_KINDS.has(kind)) return 0;
  const wanted = Math.max(intervalMs, RUN_TIME_FACTOR * Math.max(0, runMs));
  return Math.min(wanted, Math.max(MAX_RERUN_DELAY_MS, intervalMs));
}
