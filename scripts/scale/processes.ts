// The run's child processes (web servers, workers, the proxy, the load generator): started with their output
// appended to a log file, waited for until ready, killed with SIGKILL and started again, stopped, measured.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";

export interface ProcessSpec {
  name: string;
  args: string[];
  env: Record<string, string>;
  logFile: string;
  /** resolves when the process is ready: a health URL answers, or its output says so */
  ready: { url: string } | { output: string } | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** USER_HZ: Linux reports process CPU times in 1/100 s. */
const CLOCK_TICKS = 100;

/** CPU seconds of any pid (undefined when gone). */
export function pidCpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): utime is the 14th field of the line, stime the 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** PostgreSQL's backend processes serving `database` (their command line names it). */
export function postgresBackends(database: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.startsWith("postgres: ") && cmdline.includes(` ${database} `)) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The machine's CPU time so far, in seconds summed over all cores: busy and total (from /proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .split(/\s+/)
    .slice(1, 9)
    .map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy: busy / CLOCK_TICKS, total: (busy + idle! + iowait!) / CLOCK_TICKS };
}

export class ManagedProcess {
  child: ChildProcess | null = null;
  starts = 0;
  kills = 0;
  /** exits we did not cause (a crash): name, code/signal */
  unexpectedExits: string[] = [];
  /** the start of the current run's output (stdout and stderr), for readiness and error messages */
  output = "";
  private expectingExit = false;

  constructor(readonly spec: ProcessSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    const log = createWriteStream(this.spec.logFile, { flags: "a" });
    log.write(`\n--- start ${++this.starts} at ${new Date().toISOString()}\n`);
    this.expectingExit = false;
    const child = spawn(process.execPath, this.spec.args, {
      env: { ...process.env, ...this.spec.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.output = "";
    const onData = (c: Buffer) => {
      log.write(c);
      if (this.output.length < 100_000) this.output += c.toString();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code, signal) => {
      log.end(`--- exit ${code ?? signal} at ${new Date().toISOString()}\n`);
      if (!this.expectingExit) this.unexpectedExits.push(`${this.spec.name}: ${code ?? signal}`);
    });
    const deadline = Date.now() + timeoutMs;
    const ready = this.spec.ready;
    while (ready) {
      if (!this.running)
        throw new Error(`${this.spec.name} exited while starting:\n${this.output.slice(-2000)}`);
      if (Date.now() > deadline)
        throw new Error(
          `${this.spec.name} not ready after ${timeoutMs / 1000} s:\n${this.output.slice(-2000)}`,
        );
      if ("output" in ready ? this.output.includes(ready.output) : await answers(ready.url)) return;
      await sleep(200);
    }
  }

  /** SIGKILL, and wait until it is gone. */
  async kill9(): Promise<void> {
    if (!this.running) return;
    this.kills++;
    this.expectingExit = true;
    const exited = this.exited();
    this.child!.kill("SIGKILL");
    await exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.expectingExit = true;
    const exited = this.exited();
    this.child!.kill("SIGTERM");
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  }

  exited(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((r) => child.once("exit", () => r()));
  }

  /** CPU time (user + system) of the current process in seconds; undefined when not running. */
  cpuSeconds(): number | undefined {
    return this.running && this.pid ? pidCpuSeconds(this.pid) : undefined;
  }

  /** Resident memory in kB (/proc/<pid>/status VmRSS); undefined when not running. */
  rssKb(): number | undefined {
    if (!this.running || !this.pid) return undefined;
    try {
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${this.pid}/status`, "utf8"));
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * Starts processes all at once, as a deployment does. One that dies while starting is started once more, as a
 * supervisor would; its exit stays recorded and fails the "processes" check.
 */
export async function startAll(processes: ManagedProcess[], log: (m: string) => void): Promise<void> {
  const results = await Promise.allSettled(processes.map((p) => p.start()));
  for (const [i, r] of results.entries()) {
    if (r.status === "fulfilled") continue;
    const p = processes[i]!;
    const reason =
      String((r.reason as Error).message)
        .split("\n")
        .find((l) => /error|Error/.test(l)) ?? "";
    log(`${p.spec.name} died while starting (${reason.trim().slice(0, 200)}); starting it again`);
    await p.start();
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}
