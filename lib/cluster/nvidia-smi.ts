// The fallback GPU collector: where no DCGM exporter runs, the worker's host asks `nvidia-smi` and writes the
// same DCGM-named series (DCGM_FI_DEV_GPU_UTIL, _FB_USED, _FB_FREE, _GPU_TEMP, _POWER_USAGE, _SM_CLOCK with
// gpu, UUID, modelName, Hostname labels), so the GPU views cannot tell the two apart.
import { execFile } from "node:child_process";
import { hostname } from "node:os";

export const NVIDIA_SMI_FIELDS = [
  "index",
  "uuid",
  "name",
  "utilization.gpu",
  "memory.used",
  "memory.total",
  "temperature.gpu",
  "power.draw",
  "clocks.sm",
] as const;

export const NVIDIA_SMI_ARGS = [
  `--query-gpu=${NVIDIA_SMI_FIELDS.join(",")}`,
  "--format=csv,noheader,nounits",
];

/** The series it writes, named as the DCGM exporter names them. */
export const NVIDIA_SMI_METRICS = [
  "DCGM_FI_DEV_GPU_UTIL",
  "DCGM_FI_DEV_FB_USED",
  "DCGM_FI_DEV_FB_FREE",
  "DCGM_FI_DEV_GPU_TEMP",
  "DCGM_FI_DEV_POWER_USAGE",
  "DCGM_FI_DEV_SM_CLOCK",
] as const;

export interface GpuSample {
  labels: Record<string, string>;
  value: number;
}

/** "[N/A]", "[Not Supported]" and the like mean no value. */
function numberOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text.trim());
  return text.trim() !== "" && Number.isFinite(n) ? n : null;
}

/** Parses `nvidia-smi --query-gpu=… --format=csv,noheader,nounits` output into DCGM-named samples. */
export function parseNvidiaSmi(output: string, host = hostname()): GpuSample[] {
  const out: GpuSample[] = [];
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    const cells = line.split(",").map((c) => c.trim());
    if (cells.length !== NVIDIA_SMI_FIELDS.length)
      throw new Error(
        `nvidia-smi: expected ${NVIDIA_SMI_FIELDS.length} fields, got ${cells.length} in "${line.slice(0, 120)}"`,
      );
    const [index, uuid, name, util, used, total, temp, power, sm] = cells;
    const labels = { gpu: index ?? "", UUID: uuid ?? "", modelName: name ?? "", Hostname: host };
    const usedMiB = numberOf(used);
    const totalMiB = numberOf(total);
    const values: Array<[string, number | null]> = [
      ["DCGM_FI_DEV_GPU_UTIL", numberOf(util)],
      ["DCGM_FI_DEV_FB_USED", usedMiB],
      ["DCGM_FI_DEV_FB_FREE", usedMiB !== null && totalMiB !== null ? totalMiB - usedMiB : null],
      ["DCGM_FI_DEV_GPU_TEMP", numberOf(temp)],
      ["DCGM_FI_DEV_POWER_USAGE", numberOf(power)],
      ["DCGM_FI_DEV_SM_CLOCK", numberOf(sm)],
    ];
    for (const [metric, value] of values)
      if (value !== null) out.push({ labels: { __name__: metric, ...labels }, value });
  }
  return out;
}

/** Runs nvidia-smi (with a timeout) and parses it; a clear error when it is missing or fails. */
export function collectNvidiaSmi(
  opts: { binary?: string; timeoutMs?: number; host?: string } = {},
): Promise<GpuSample[]> {
  const binary = opts.binary ?? "nvidia-smi";
  return new Promise((resolve, reject) => {
    execFile(binary, NVIDIA_SMI_ARGS, { timeout: opts.timeoutMs ?? 10_000 }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT")
          return reject(new Error(`${binary} not found: this host has no NVIDIA driver tools`));
        return reject(new Error(`${binary} failed: ${(stderr || error.message).trim().slice(0, 300)}`));
      }
      try {
        resolve(parseNvidiaSmi(stdout, opts.host));
      } catch (e) {
        reject(e);
      }
    });
  });
}
