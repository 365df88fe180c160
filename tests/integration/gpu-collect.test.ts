// The nvidia-smi collector job with a fake `nvidia-smi` on PATH: VIGIL_NVIDIA_SMI=auto finds it; the worker's
// runner writes the DCGM-named series with job="nvidia-smi" and instance=<host>, read back through PromQL; a GPU
// that vanishes gets stale markers; a failing binary is up = 0 with its error kept on the job, which keeps its
// schedule and recovers; another host's job is only postponed; turned off, the job goes away.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as queryRoute } from "@/app/api/v1/query/route";
import { NVIDIA_SMI_ARGS } from "@/lib/cluster/nvidia-smi";
import {
  GPU_COLLECT_JOB,
  gpuCollectOffsetMs,
  nvidiaSmiBinary,
  runGpuCollectJob,
  scheduleGpuCollector,
} from "@/lib/cluster/nvidia-smi-job";
import { slotAt } from "@/lib/cluster/scrape-job";
import { resetEnvCache } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { runUntilIdle } from "@/lib/jobs/runner";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

const TWO_GPUS = `0, GPU-0c1e6b4a-3f1d-8e2b-9a7c-5d4e3f2a1b0c, NVIDIA H200, 12, 2048, 143771, 31, 120.5, 1980
1, GPU-9f8e7d6c-5b4a-3c2d-1e0f-a1b2c3d4e5f6, NVIDIA H200, 97, 61234, 143771, 71, 650.25, 1755
`;

const dir = mkdtempSync(join(tmpdir(), "vigil-fake-smi-"));
const binary = join(dir, "nvidia-smi");
const host = hostname();
const originalPath = process.env.PATH ?? "";
let database: Database;

const setOutput = (text: string) => writeFileSync(join(dir, "output.csv"), text);
const setFailing = (failing: boolean) =>
  failing ? writeFileSync(join(dir, "fail"), "") : rmSync(join(dir, "fail"), { force: true });

beforeAll(async () => {
  // Prints output.csv, or fails as nvidia-smi does without a driver; records its arguments.
  writeFileSync(
    binary,
    `#!/bin/sh
d=$(dirname "$0")
echo "$@" > "$d/args"
if [ -f "$d/fail" ]; then
  echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." >&2
  exit 9
fi
cat "$d/output.csv"
`,
  );
  chmodSync(binary, 0o755);
  setOutput(TWO_GPUS);
  process.env.PATH = `${dir}${delimiter}${originalPath}`;
  database = await useTestDatabase({ VIGIL_NVIDIA_SMI: "auto", VIGIL_NVIDIA_SMI_INTERVAL_SECONDS: "15" });
});
afterAll(() => {
  process.env.PATH = originalPath;
  process.env.VIGIL_NVIDIA_SMI = "off";
  resetEnvCache();
  rmSync(dir, { recursive: true, force: true });
});

async function query(expr: string, atMs: number): Promise<Array<[Record<string, string>, number]>> {
  const res = await call(queryRoute, {
    path: `/api/v1/query?query=${encodeURIComponent(expr)}&time=${atMs / 1000}`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const data = res.body.data as {
    result: Array<{ metric: Record<string, string>; value: [number, string] }>;
  };
  return data.result.map((r) => [r.metric, Number(r.value[1])]);
}

const jobKey = `${GPU_COLLECT_JOB}:${host}`;
const jobRow = () => database.db.job.findUnique({ where: { key: jobKey } });

describe("nvidia-smi collector job", () => {
  it("finds the binary per VIGIL_NVIDIA_SMI", () => {
    expect(nvidiaSmiBinary("auto")).toBe(binary);
    expect(nvidiaSmiBinary("auto", "/nonexistent")).toBeNull();
    expect(nvidiaSmiBinary("off")).toBeNull();
    expect(nvidiaSmiBinary("/opt/nvidia/bin/nvidia-smi")).toBe("/opt/nvidia/bin/nvidia-smi");
  });

  it("collects on its grid, ends vanished GPUs, records a failing binary and keeps going", async () => {
    expect(await scheduleGpuCollector(database)).toBe(binary);
    expect((await jobRow())?.notBefore.getTime()).toBeLessThanOrEqual(Date.now());
    // the worker's runner picks it up and re-marks it at its next slot
    expect(await runUntilIdle(database, { owner: "gpu-worker", leaseMs: 30_000 })).toBe(1);
    expect(readFileSync(join(dir, "args"), "utf8").trim()).toBe(NVIDIA_SMI_ARGS.join(" "));
    const job = await jobRow();
    expect(job?.leaseOwner).toBeNull();
    expect(job?.lastError).toBeNull();
    expect(job?.notBefore.getTime()).toBeGreaterThan(Date.now());
    expect(job?.notBefore.getTime()).toBeLessThanOrEqual(Date.now() + 15_000);

    // runs with explicit times from here on: a slot of the 15 s grid, in the past
    const offset = gpuCollectOffsetMs(host, 15_000);
    const t0 = slotAt(Date.now() - 120_000, 15_000, offset);
    const first = await runGpuCollectJob(database, { host }, { now: t0 });
    expect(first).toMatchObject({ at: t0, up: 1, error: null, samples: 12, staleMarked: 0 });
    expect((await jobRow())?.notBefore.getTime()).toBe(t0 + 15_000);
    const util = await query('DCGM_FI_DEV_GPU_UTIL{job="nvidia-smi"}', t0);
    expect(util).toEqual([
      [
        {
          __name__: "DCGM_FI_DEV_GPU_UTIL",
          job: "nvidia-smi",
          instance: host,
          gpu: "0",
          UUID: "GPU-0c1e6b4a-3f1d-8e2b-9a7c-5d4e3f2a1b0c",
          modelName: "NVIDIA H200",
          Hostname: host,
        },
        12,
      ],
      [
        {
          __name__: "DCGM_FI_DEV_GPU_UTIL",
          job: "nvidia-smi",
          instance: host,
          gpu: "1",
          UUID: "GPU-9f8e7d6c-5b4a-3c2d-1e0f-a1b2c3d4e5f6",
          modelName: "NVIDIA H200",
          Hostname: host,
        },
        97,
      ],
    ]);
    expect(await query('DCGM_FI_DEV_FB_FREE{job="nvidia-smi",gpu="1"}', t0)).toEqual([
      [expect.objectContaining({ gpu: "1" }), 143771 - 61234],
    ]);
    expect(await query('up{job="nvidia-smi"}', t0)).toEqual([
      [{ __name__: "up", job: "nvidia-smi", instance: host }, 1],
    ]);

    // GPU 1 vanishes (fell off the bus): its six series end at once
    setOutput(TWO_GPUS.split("\n")[0]!);
    const t1 = t0 + 15_000;
    expect(await runGpuCollectJob(database, { host }, { now: t1 })).toMatchObject({
      up: 1,
      samples: 6,
      staleMarked: 6,
    });
    expect((await query('DCGM_FI_DEV_GPU_UTIL{job="nvidia-smi"}', t1)).map(([m]) => m.gpu)).toEqual(["0"]);

    // the binary fails: up = 0, the error on the job (GET /api/health counts it), every GPU series ends,
    // and the job keeps its schedule
    setFailing(true);
    const t2 = t1 + 15_000;
    const failed = await runGpuCollectJob(database, { host }, { now: t2 });
    expect(failed).toMatchObject({ up: 0, samples: 0, staleMarked: 6 });
    expect(failed?.error).toMatch(/nvidia-smi failed: NVIDIA-SMI has failed because it couldn't communicate/);
    expect(await query('up{job="nvidia-smi"}', t2)).toEqual([
      [{ __name__: "up", job: "nvidia-smi", instance: host }, 0],
    ]);
    expect(await query('{job="nvidia-smi",__name__=~"DCGM_.*"}', t2)).toEqual([]);
    const failing = await jobRow();
    expect(failing?.lastError).toMatch(/NVIDIA-SMI has failed/);
    expect(failing?.notBefore.getTime()).toBe(t2 + 15_000);

    // it recovers on the next slot
    setFailing(false);
    setOutput(TWO_GPUS);
    const t3 = t2 + 15_000;
    expect(await runGpuCollectJob(database, { host }, { now: t3 })).toMatchObject({ up: 1, samples: 12 });
    expect((await jobRow())?.lastError).toBeNull();
    expect((await query('DCGM_FI_DEV_GPU_TEMP{job="nvidia-smi"}', t3)).map(([, v]) => v)).toEqual([31, 71]);
  });

  it("only postpones another host's job; turned off, the own job ends", async () => {
    const now = Date.now();
    expect(await runGpuCollectJob(database, { host: "other-gpu-host" }, { now })).toBeNull();
    const other = await database.db.job.findUnique({ where: { key: `${GPU_COLLECT_JOB}:other-gpu-host` } });
    expect(other?.notBefore.getTime()).toBeGreaterThan(now);
    expect(await query('up{instance="other-gpu-host"}', now)).toEqual([]);

    process.env.VIGIL_NVIDIA_SMI = "off";
    resetEnvCache();
    expect(await runGpuCollectJob(database, { host }, { now })).toBeNull();
    expect(await scheduleGpuCollector(database)).toBeNull();
    expect(await jobRow()).toBeNull();
  });
});
