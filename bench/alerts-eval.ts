// 1,000 alerting rules (10 groups × 100) over a few thousand series of Vigil's own SQLite store, evaluated
// the way the worker does (load states, evaluate every rule, save states + transitions + ALERTS in one
// transaction per group): time per full cycle (all groups once), median and p95 over BENCH_ALERT_CYCLES
// cycles (default 7) against the target of 1 s. Run alone: `BENCH_ONLY=alerts-eval npm run bench`.
import { rmSync } from "node:fs";
import { runGroupEvaluation } from "../lib/alerts/eval-job";
import { loadEvalGroup, loadRuleStates } from "../lib/alerts/eval-store";
import type { RuleConfig } from "../lib/alerts/rule-config";
import type { Database } from "../lib/db/client";
import { startDatabase } from "../lib/runtime/instance";
import { writePoints } from "../lib/series/store";
import type { BenchRow } from "./promql";

const GROUPS = 10;
const RULES_PER_GROUP = 100;
const MODELS = 100;
const STEP_MS = 15_000;
const HISTORY_MS = 30 * 60_000;
const TARGET_MS = 1000;

/** ~3,100 series: accuracy per model version, request counters per instance, GPU utilization, drift. */
function seriesOf(): Array<{ name: string; labels: Record<string, string>; value: (k: number) => number }> {
  const out: ReturnType<typeof seriesOf> = [];
  for (let m = 0; m < MODELS; m++) {
    const model = `m${m}`;
    for (const version of ["v1", "v2"])
      out.push({
        name: "vigil_model_accuracy",
        labels: { model, version, window: "1h" },
        value: (k) => 0.75 + ((m * 7 + k) % 20) / 100,
      });
    out.push({ name: "vigil_predictions_total", labels: { model }, value: (k) => k * 100 });
    for (let i = 0; i < 10; i++)
      out.push({
        name: "http_requests_total",
        labels: { model, instance: `i${i}` },
        value: (k) => k * (m % 30) * 15,
      });
    for (let f = 0; f < 10; f++)
      out.push({
        name: "vigil_feature_drift",
        labels: { model, feature: `f${f}`, stattest: "psi" },
        value: (k) => ((m + f + k) % 25) / 100,
      });
  }
  for (let h = 0; h < 100; h++)
    for (let g = 0; g < 8; g++)
      out.push({
        name: "DCGM_FI_DEV_GPU_UTIL",
        labels: { Hostname: `h${h}`, gpu: String(g) },
        value: (k) => 80 + ((h + g + k) % 20),
      });
  return out;
}

/** Realistic rules: thresholds, rate(), avg_over_time, absent(), aggregations; a mix of `for`. */
function rulesOf(group: number): RuleConfig[] {
  return Array.from({ length: RULES_PER_GROUP }, (_, i): RuleConfig => {
    const m = (group * RULES_PER_GROUP + i) % MODELS;
    const exprs = [
      `vigil_model_accuracy{model="m${m}",window="1h"} < 0.8`,
      `sum by (model) (rate(http_requests_total{model="m${m}"}[5m])) > 50`,
      `avg_over_time(DCGM_FI_DEV_GPU_UTIL{Hostname="h${m}"}[10m]) > 95`,
      `absent(vigil_predictions_total{model="m${m}"})`,
      `max by (model, feature) (vigil_feature_drift{model="m${m}",stattest="psi"}) >= 0.2`,
    ];
    return {
      kind: "alert",
      name: `Rule${group}_${i}`,
      expr: exprs[i % exprs.length]!,
      forMs: [0, 60_000, 300_000][i % 3]!,
      keepFiringForMs: 0,
      labels: { severity: i % 2 ? "warning" : "page" },
      annotations: { summary: "{{ $labels.model }} is at {{ $value | humanize }}" },
      noData: "ok",
      onError: "keep_last",
    };
  });
}

async function seed(database: Database, end: number): Promise<number> {
  const series = seriesOf();
  const steps = HISTORY_MS / STEP_MS;
  let points = 0;
  for (let i = 0; i < series.length; i += 100) {
    const batch = series.slice(i, i + 100).flatMap((s) =>
      Array.from({ length: steps }, (_, k) => ({
        name: s.name,
        labels: s.labels,
        ts: end - HISTORY_MS + k * STEP_MS,
        value: s.value(k),
      })),
    );
    await writePoints(database, batch);
    points += batch.length;
  }
  return points;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

export async function alertsEvalBench(dir: string, log: (m: string) => void): Promise<BenchRow[]> {
  const path = `${dir}/alerts-eval.db`;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  const database = await startDatabase(`file:${path}`);
  try {
    const end = Date.now() - 60_000;
    const points = await seed(database, end);
    log(
      `alerts-eval: ${seriesOf().length} series, ${points} samples; ${GROUPS} groups × ${RULES_PER_GROUP} rules`,
    );
    const ids: number[] = [];
    for (let g = 0; g < GROUPS; g++)
      ids.push(
        (
          await database.db.alertRuleGroup.create({
            data: { name: `bench-${g}`, rules: JSON.stringify(rulesOf(g)) },
          })
        ).id,
      );
    const cycles = Number(process.env.BENCH_ALERT_CYCLES ?? 7);
    const times: number[] = [];
    let transitions = 0;
    // Cycle 0 warms up (series ids, prepared statements, JIT) and is not counted.
    for (let c = 0; c <= cycles; c++) {
      const at = end + c * 15_000;
      const t0 = performance.now();
      for (const id of ids) {
        const group = (await loadEvalGroup(database, id))!;
        const { states } = await loadRuleStates(database, group);
        transitions += (await runGroupEvaluation(database, group, states, at)).transitions.length;
      }
      if (c > 0) times.push(performance.now() - t0);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const p50 = percentile(sorted, 0.5);
    const p95 = percentile(sorted, 0.95);
    log(`alerts-eval: cycles ${times.map((t) => t.toFixed(0)).join(", ")} ms; ${transitions} transitions`);
    const what = `alert evaluation cycle, ${GROUPS * RULES_PER_GROUP} rules over ${seriesOf().length} series, SQLite`;
    return [
      {
        measure: `${what}: median`,
        vigil: `${p50.toFixed(0)} ms`,
        baseline: `${TARGET_MS} ms (target)`,
        ratio: `${((p50 / TARGET_MS) * 100).toFixed(0)}%`,
        target: `≤ ${TARGET_MS} ms`,
        pass: p50 <= TARGET_MS,
      },
      {
        measure: "… p95",
        vigil: `${p95.toFixed(0)} ms`,
        baseline: `${TARGET_MS} ms (target)`,
        ratio: `${((p95 / TARGET_MS) * 100).toFixed(0)}%`,
        target: `≤ ${TARGET_MS} ms`,
        pass: p95 <= TARGET_MS,
      },
    ];
  } finally {
    await database.close();
  }
}

/** `tsx bench/alerts-eval.ts`: this benchmark alone. */
if (process.argv[1]?.endsWith("alerts-eval.ts")) {
  const rows = await alertsEvalBench("data/bench", (m) => console.error(m));
  for (const r of rows)
    console.log(`| ${r.measure} | ${r.vigil} | ${r.baseline} | ${r.ratio} | ${r.target} |`);
}
