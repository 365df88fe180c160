// The soak's verdicts from its samples: after a warm-up (until the load is steady), the mean RSS of each process in the first and the last
// window must be within 10 % of each other, the job backlog and lag must not grow, and ingest p99 in the last
// window must stay within 1.5× the first's.
import { quantile } from "./quantiles";

export interface Sample {
  /** ms since the load started */
  t: number;
  /** process name → VmRSS in kB (absent while a process is down) */
  rssKb: Record<string, number>;
  /** Job rows (GET /api/health worker.pendingJobs) */
  pendingJobs: number | null;
  /** predictions without a shadow answer yet (the shadow's own backlog) */
  shadowBacklog: number | null;
  /** the largest vigil_job_lag_seconds over all kinds (GET /metrics) */
  jobLagSeconds: number | null;
  jobLagByKind: Record<string, number>;
}

export interface SoakWindows {
  warmupMs: number;
  windowMs: number;
  first: [number, number];
  last: [number, number];
}

/**
 * Warm-up 5 minutes (at most 30 % of the run), or until `steadyFromMs` when the load itself only reaches its
 * steady shape then; then windows of 5 minutes (at most half of what is left). In the scale run that is when
 * the drift reference has closed and the readers' 5-minute ranges after it are full: before that the drift
 * reads and the drift tests are still ramping up, and a first window there would measure the load's ramp, not
 * whether Vigil stays flat under a constant load.
 */
export function soakWindows(durationMs: number, steadyFromMs = 0): SoakWindows {
  const warmupMs = Math.min(
    Math.max(Math.min(300_000, Math.round(durationMs * 0.3)), steadyFromMs),
    Math.round(durationMs * 0.5),
  );
  const windowMs = Math.min(300_000, Math.round((durationMs - warmupMs) / 2));
  return {
    warmupMs,
    windowMs,
    first: [warmupMs, warmupMs + windowMs],
    last: [durationMs - windowMs, durationMs],
  };
}

export interface Verdict {
  name: string;
  ok: boolean;
  detail: string;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const inside = (t: number, [from, to]: [number, number]) => t >= from && t < to;
const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : "—");

export const RSS_TOLERANCE = 0.1;
export const P99_FACTOR = 1.5;

/** "Not growing": the last window's mean at most 25 % (plus a small absolute slack) above the first's. */
export function notGrowing(first: number, last: number, slack: number): boolean {
  if (!Number.isFinite(first) || !Number.isFinite(last)) return false;
  return last <= first * 1.25 + slack;
}

export function analyseSoak(
  samples: readonly Sample[],
  ingest: ReadonlyArray<{ t: number; ms: number }>,
  durationMs: number,
  steadyFromMs = 0,
): { windows: SoakWindows; verdicts: Verdict[] } {
  const windows = soakWindows(durationMs, steadyFromMs);
  const verdicts: Verdict[] = [];
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.rssKb)))].sort();
  for (const name of names) {
    const values = (w: [number, number]) =>
      samples.filter((s) => inside(s.t, w) && s.rssKb[name] !== undefined).map((s) => s.rssKb[name]!);
    const a = mean(values(windows.first));
    const b = mean(values(windows.last));
    const change = b / a - 1;
    verdicts.push({
      name: `RSS ${name}`,
      ok: Number.isFinite(change) && Math.abs(change) <= RSS_TOLERANCE,
      detail: `${fmt(a / 1024)} → ${fmt(b / 1024)} MB (${change >= 0 ? "+" : ""}${fmt(change * 100)} %, limit ±${RSS_TOLERANCE * 100} %)`,
    });
  }
  for (const [name, pick, slack, unit] of [
    ["job backlog (pendingJobs)", (s: Sample) => s.pendingJobs, 5, "jobs"],
    ["shadow backlog (predictions not answered yet)", (s: Sample) => s.shadowBacklog, 500, "rows"],
    ["job lag (max vigil_job_lag_seconds)", (s: Sample) => s.jobLagSeconds, 5, "s"],
  ] as const) {
    const values = (w: [number, number]) =>
      samples.filter((s) => inside(s.t, w) && pick(s) !== null).map((s) => pick(s)!);
    const a = mean(values(windows.first));
    const b = mean(values(windows.last));
    verdicts.push({
      name,
      ok: notGrowing(a, b, slack),
      detail: `mean ${fmt(a)} → ${fmt(b)} ${unit} (max in the last window ${fmt(Math.max(...values(windows.last)))}; limit 1.25× + ${slack})`,
    });
  }
  const p99 = (w: [number, number]) =>
    quantile(
      ingest
        .filter((r) => inside(r.t, w))
        .map((r) => r.ms)
        .sort((x, y) => x - y),
      0.99,
    );
  const a = p99(windows.first);
  const b = p99(windows.last);
  verdicts.push({
    name: "ingest p99",
    ok: Number.isFinite(a) && Number.isFinite(b) && b <= a * P99_FACTOR,
    detail: `${fmt(a)} → ${fmt(b)} ms (limit ${P99_FACTOR}×)`,
  });
  return { windows, verdicts };
}
