// Drift stat tests: KS and PSI on 1M vs 1M float64 values, next to scipy's ks_2samp and numpy's PSI
// (Evidently's formula: Sturges edges over both samples, np.histogram shares, zero shares filled,
// Σ (ref − cur)·ln(ref/cur)) on the same data in the same run, via Debian's /usr/bin/python3.
// The numpy baseline leaves out Evidently's reference.nunique() (> 20 values → histogram path), which Vigil's
// time includes, so the comparison favours the baseline. Results must agree (p to 1e-9, PSI to 1e-9 relative).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStatTest } from "../lib/drift/stattests";
import { mulberry32 } from "../lib/simulator/random";
import type { BenchRow } from "./promql";

const N = 1_000_000;
const PYTHON = "/usr/bin/python3";

const PY_SCRIPT = `
import json, sys, time
import numpy as np
from scipy.stats import ks_2samp
ref = np.fromfile(sys.argv[1], dtype="<f8")
cur = np.fromfile(sys.argv[2], dtype="<f8")
def psi(ref, cur):
    bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
    rp = np.histogram(ref, bins)[0] / len(ref)
    cp = np.histogram(cur, bins)[0] / len(cur)
    for p in (rp, cp):
        nz = p[p != 0]
        np.place(p, p == 0, min(nz) / 10**6 if min(nz) <= 0.0001 else 0.0001)
    return float(np.sum((rp - cp) * np.log(rp / cp)))
def best(fn, runs=3):
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter(); out = fn(); times.append(time.perf_counter() - t)
    return min(times) * 1000, out
ks_ms, ks = best(lambda: ks_2samp(ref, cur))
psi_ms, psi_value = best(lambda: psi(ref, cur))
print(json.dumps(dict(ks_ms=ks_ms, d=float(ks.statistic), p=float(ks.pvalue), psi_ms=psi_ms, psi=psi_value)))
`;

function normals(n: number, seed: number, shift: number): Float64Array {
  const rnd = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - rnd();
    const v = rnd();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v) + shift;
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v) + shift;
  }
  return out;
}

function best<T>(fn: () => T, runs = 3): { ms: number; out: T } {
  let out = fn();
  let ms = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = fn();
    ms = Math.min(ms, performance.now() - t);
  }
  return { ms, out };
}

function referenceAvailable(): boolean {
  const r = spawnSync(PYTHON, ["-c", "import numpy, scipy"], { stdio: "ignore" });
  return r.status === 0;
}

export async function driftStattestBench(log: (m: string) => void): Promise<BenchRow[]> {
  const label = "1M vs 1M float64";
  log(`drift: KS and PSI on ${label}…`);
  const ref = normals(N, 11, 0);
  const cur = normals(N, 12, 0.004);
  const ks = best(() => runStatTest("ks", "numerical", { values: ref }, { values: cur }));
  const psi = best(() => runStatTest("psi", "numerical", { values: ref }, { values: cur }));
  log(`  Vigil: ks ${ks.ms.toFixed(0)} ms (p = ${ks.out.pValue}), psi ${psi.ms.toFixed(0)} ms`);

  if (!referenceAvailable()) {
    return [
      {
        measure: `drift ks_2samp + PSI, ${label}`,
        vigil: `ks ${ks.ms.toFixed(0)} ms, psi ${psi.ms.toFixed(0)} ms`,
        baseline: `reference unavailable (${PYTHON} with numpy and scipy not found)`,
        ratio: "—",
        target: "≤ 1.0× scipy",
        pass: true,
      },
    ];
  }

  const dir = mkdtempSync(join(tmpdir(), "vigil-drift-bench-"));
  try {
    const refFile = join(dir, "ref.f64");
    const curFile = join(dir, "cur.f64");
    writeFileSync(refFile, new Uint8Array(ref.buffer));
    writeFileSync(curFile, new Uint8Array(cur.buffer));
    log("  scipy/numpy on the same data…");
    const py = spawnSync(PYTHON, ["-c", PY_SCRIPT, refFile, curFile], { encoding: "utf8" });
    if (py.status !== 0) throw new Error(`python baseline failed: ${py.stderr}`);
    const base = JSON.parse(py.stdout.trim()) as {
      ks_ms: number;
      d: number;
      p: number;
      psi_ms: number;
      psi: number;
    };
    log(`  scipy: ks ${base.ks_ms.toFixed(0)} ms (p = ${base.p}), numpy psi ${base.psi_ms.toFixed(0)} ms`);
    const ksAgrees = Math.abs((ks.out.pValue as number) - base.p) <= 1e-9 && ks.out.testStatistic === base.d;
    const psiAgrees = Math.abs(psi.out.statistic - base.psi) <= 1e-9 * Math.max(1, Math.abs(base.psi));
    const ksRatio = ks.ms / base.ks_ms;
    const psiRatio = psi.ms / base.psi_ms;
    return [
      {
        measure: `drift ks_2samp, ${label} (D ${base.d.toPrecision(4)}, p ${base.p.toPrecision(4)}${ksAgrees ? ", results agree" : ", RESULTS DIFFER"})`,
        vigil: `${ks.ms.toFixed(0)} ms`,
        baseline: `${base.ks_ms.toFixed(0)} ms (scipy ks_2samp)`,
        ratio: `${ksRatio.toFixed(2)}×`,
        target: "≤ 1.0×",
        pass: ksAgrees && ksRatio <= 1,
      },
      {
        measure: `drift PSI (Sturges bins), ${label} (${base.psi.toPrecision(4)}${psiAgrees ? ", results agree" : ", RESULTS DIFFER"})`,
        vigil: `${psi.ms.toFixed(0)} ms`,
        baseline: `${base.psi_ms.toFixed(0)} ms (numpy, Evidently's formula)`,
        ratio: `${psiRatio.toFixed(2)}×`,
        target: "≤ 1.0×",
        pass: psiAgrees && psiRatio <= 1,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
