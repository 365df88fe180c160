// The nvidia-smi fallback collector: real nvidia-smi CSV shapes (an idle H200, a busy A100 with a field the
// board does not support) become DCGM-named samples; a missing binary is a clear error.
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectNvidiaSmi, NVIDIA_SMI_ARGS, parseNvidiaSmi } from "@/lib/cluster/nvidia-smi";

const OUTPUT = `0, GPU-0c1e6b4a-3f1d-8e2b-9a7c-5d4e3f2a1b0c, NVIDIA H200, 0, 0, 143771, 28, 75.59, 345
1, GPU-9f8e7d6c-5b4a-3c2d-1e0f-a1b2c3d4e5f6, NVIDIA A100-SXM4-80GB, 97, 61234, 81920, 71, [N/A], 1410
`;

describe("nvidia-smi collector", () => {
  it("asks for the fields it parses", () => {
    expect(NVIDIA_SMI_ARGS).toEqual([
      "--query-gpu=index,uuid,name,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,clocks.sm",
      "--format=csv,noheader,nounits",
    ]);
  });

  it("writes DCGM-named series; unsupported fields are left out", () => {
    const samples = parseNvidiaSmi(OUTPUT, "gpu-node-9");
    const of = (gpu: string) =>
      Object.fromEntries(
        samples.filter((s) => s.labels.gpu === gpu).map((s) => [s.labels.__name__, s.value]),
      );
    expect(of("0")).toEqual({
      DCGM_FI_DEV_GPU_UTIL: 0,
      DCGM_FI_DEV_FB_USED: 0,
      DCGM_FI_DEV_FB_FREE: 143771,
      DCGM_FI_DEV_GPU_TEMP: 28,
      DCGM_FI_DEV_POWER_USAGE: 75.59,
      DCGM_FI_DEV_SM_CLOCK: 345,
    });
    expect(of("1").DCGM_FI_DEV_POWER_USAGE).toBeUndefined();
    expect(of("1").DCGM_FI_DEV_FB_FREE).toBe(81920 - 61234);
    expect(samples[0]?.labels).toEqual({
      __name__: "DCGM_FI_DEV_GPU_UTIL",
      gpu: "0",
      UUID: "GPU-0c1e6b4a-3f1d-8e2b-9a7c-5d4e3f2a1b0c",
      modelName: "NVIDIA H200",
      Hostname: "gpu-node-9",
    });
  });

  it("refuses output it cannot read", () => {
    expect(() => parseNvidiaSmi("0, GPU-x, name\n")).toThrow(/expected 9 fields, got 3/);
  });

  it("runs the binary; says so when it is missing or fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vigil-smi-"));
    const fake = join(dir, "nvidia-smi");
    writeFileSync(fake, `#!/bin/sh\ncat <<'EOF'\n${OUTPUT}EOF\n`);
    chmodSync(fake, 0o755);
    expect((await collectNvidiaSmi({ binary: fake })).length).toBe(11);
    await expect(collectNvidiaSmi({ binary: join(dir, "missing") })).rejects.toThrow(/not found/);
    const failing = join(dir, "failing");
    writeFileSync(
      failing,
      "#!/bin/sh\necho 'NVIDIA-SMI has failed because it couldn'\"'\"'t communicate with the NVIDIA driver' >&2\nexit 9\n",
    );
    chmodSync(failing, 0o755);
    await expect(collectNvidiaSmi({ binary: failing })).rejects.toThrow(
      /couldn't communicate with the NVIDIA driver/,
    );
  });
});
