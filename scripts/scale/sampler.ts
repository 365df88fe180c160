// Every 10 s: the resident memory of every process (/proc/<pid>/status VmRSS), the job backlog
// (GET /api/health worker.pendingJobs) and the oldest due job's wait (GET /metrics vigil_job_lag_seconds).
import { type ManagedProcess, machineCpu, pidCpuSeconds, postgresBackends } from "./processes";
import type { Sample } from "./soak-analysis";

/** The largest value of `metric` in a Prometheus text exposition (null when absent). */
export function maxMetric(text: string, metric: string): number | null {
  let max: number | null = null;
  for (const line of text.split("\n")) {
    if (!line.startsWith(metric) || (line[metric.length] !== "{" && line[metric.length] !== " ")) continue;
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (Number.isFinite(value)) max = max === null ? value : Math.max(max, value);
  }
  return max;
}

/** Each sample of `metric` by the value of one label, e.g. vigil_job_lag_seconds by kind. */
export function metricByLabel(text: string, metric: string, label: string): Record<string, number> {
  const out: Record<string, number> = {};
  const pattern = new RegExp(`^${metric}\\{[^}]*${label}="([^"]*)"[^}]*\\} (\\S+)$`);
  for (const line of text.split("\n")) {
    const m = pattern.exec(line);
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}

async function fetchText(url: string, key?: string): Promise<string | null> {
  try {
    const res = await fetch(url, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
      signal: AbortSignal.timeout(8000),
    });
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}

export function startSampler(opts: {
  processes: () => ManagedProcess[];
  /** the run's database: its PostgreSQL backends' CPU is counted as "postgresql" */
  databaseName: string;
  /** predictions the shadow has not answered yet (read from the database) */
  shadowBacklog: () => Promise<number>;
  url: string;
  key: string;
  startedAt: number;
  intervalMs?: number;
}) {
  const samples: Sample[] = [];
  let stopped = false;
  // CPU: per process and pid, the first and the latest reading (a restarted process has a new pid).
  const cpu = new Map<string, Map<number, { first: number; last: number }>>();
  const machineAtStart = machineCpu();
  let machineNow = machineAtStart;
  const take = async () => {
    const rssKb: Record<string, number> = {};
    const countCpu = (name: string, pid: number | undefined, seconds: number | undefined) => {
      if (seconds === undefined || !pid) return;
      const byPid = cpu.get(name) ?? new Map<number, { first: number; last: number }>();
      cpu.set(name, byPid);
      const seen = byPid.get(pid);
      if (seen) seen.last = seconds;
      else byPid.set(pid, { first: seconds, last: seconds });
    };
    for (const p of opts.processes()) {
      const kb = p.rssKb();
      if (kb !== undefined) rssKb[p.spec.name] = kb;
      countCpu(p.spec.name, p.pid, p.cpuSeconds());
    }
    for (const pid of postgresBackends(opts.databaseName)) countCpu("postgresql", pid, pidCpuSeconds(pid));
    machineNow = machineCpu();
    const t = Date.now() - opts.startedAt;
    const [health, metrics, shadowBacklog] = await Promise.all([
      fetchText(`${opts.url}/api/health`),
      fetchText(`${opts.url}/metrics`, opts.key),
      opts.shadowBacklog().catch(() => null),
    ]);
    let pendingJobs: number | null = null;
    try {
      pendingJobs = health
        ? (JSON.parse(health) as { worker: { pendingJobs: number } }).worker.pendingJobs
        : null;
    } catch {
      pendingJobs = null;
    }
    samples.push({
      t,
      rssKb,
      pendingJobs,
      shadowBacklog,
      jobLagSeconds: metrics ? maxMetric(metrics, "vigil_job_lag_seconds") : null,
      jobLagByKind: metrics ? metricByLabel(metrics, "vigil_job_lag_seconds", "kind") : {},
    });
  };
  const loop = (async () => {
    while (!stopped) {
      const began = Date.now();
      await take();
      const wait = (opts.intervalMs ?? 10_000) - (Date.now() - began);
      for (let waited = 0; waited < wait && !stopped; waited += 250)
        await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    samples,
    /** CPU seconds each process used between samples (approximate: up to one interval of a killed pid is lost),
     * and the machine's busy and total CPU seconds meanwhile (total = wall time × cores). */
    cpu: () => ({
      byProcess: Object.fromEntries(
        [...cpu].map(([name, byPid]) => [
          name,
          [...byPid.values()].reduce((s, c) => s + c.last - c.first, 0),
        ]),
      ),
      machineBusy: machineNow.busy - machineAtStart.busy,
      machineTotal: machineNow.total - machineAtStart.total,
    }),
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
