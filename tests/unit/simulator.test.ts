// The demo generator: deterministic, shaped like the reference scenario, and always valid API input.
import { beforeAll, describe, expect, it } from "vitest";
import { eventRow, labelRow, predictionRow } from "@/lib/ingest/schemas";
import {
  type Generated,
  generateInterval,
  generateRange,
  generateSlot,
  SLOT_MS,
} from "@/lib/simulator/generate";
import { roundToSumOne } from "@/lib/simulator/models";
import { mulberry32 } from "@/lib/simulator/random";
import { DAY_MS, demoScenario, HOUR_MS, MINUTE_MS, type Scenario } from "@/lib/simulator/scenario";

const NOW = Date.UTC(2025, 5, 10, 12, 0, 0);

/** roc_auc_score by the rank-sum formula, ties sharing their average rank. */
function auc(pairs: Array<{ score: number; y: number }>): number {
  const sorted = [...pairs].sort((a, b) => a.score - b.score);
  let sumPos = 0;
  let nPos = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++)
      if (sorted[k]!.y === 1) {
        sumPos += rank;
        nPos++;
      }
    i = j;
  }
  const nNeg = sorted.length - nPos;
  return (sumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

let scenario: Scenario;
let week: Generated;
let labelOf: Map<string, { label: number | string; timestamp: number }>;

beforeAll(() => {
  // A quarter of the demo's traffic keeps this fast and still gives ~60k predictions.
  scenario = demoScenario({ nowMs: NOW, days: 7, rateScale: 0.25 });
  week = generateRange(scenario, 42, scenario.originMs, NOW);
  labelOf = new Map(week.labels.map((l) => [`${l.model}/${l.id}`, l]));
});

function recommenderAuc(version: string, from: number, to: number): number {
  const pairs = week.predictions.flatMap((p) => {
    const l = labelOf.get(`${p.model}/${p.id}`);
    return p.model === "recommender" && p.version === version && p.timestamp >= from && p.timestamp < to && l
      ? [{ score: p.score!, y: l.label as number }]
      : [];
  });
  return auc(pairs);
}

describe("simulator generator", () => {
  it("is deterministic for a seed, and slots do not depend on the range they are generated in", () => {
    const from = scenario.originMs;
    const a = generateRange(scenario, 42, from, from + HOUR_MS);
    expect(generateRange(scenario, 42, from, from + HOUR_MS)).toEqual(a);
    expect(generateRange(scenario, 7, from, from + HOUR_MS)).not.toEqual(a);
    const slot = from + 30 * SLOT_MS;
    const alone = generateSlot(scenario, 42, slot);
    expect(a.predictions.filter((p) => p.timestamp >= slot && p.timestamp < slot + SLOT_MS)).toEqual(
      alone.predictions,
    );
    const viaInterval = generateInterval(scenario, from, from + HOUR_MS, mulberry32(1));
    expect(generateInterval(scenario, from, from + HOUR_MS, mulberry32(1))).toEqual(viaInterval);
  });

  it("produces unique ids per model", () => {
    const ids = new Set(week.predictions.map((p) => `${p.model}/${p.id}`));
    expect(ids.size).toBe(week.predictions.length);
    expect(new Set(week.events.map((e) => e.id)).size).toBe(week.events.length);
  });

  it("follows a diurnal curve: evening peak about four times the night trough", () => {
    const perHour = new Array<number>(24).fill(0);
    for (const p of week.predictions) perHour[new Date(p.timestamp).getUTCHours()]!++;
    const peak = perHour.indexOf(Math.max(...perHour));
    expect(peak).toBeGreaterThanOrEqual(18);
    expect(peak).toBeLessThanOrEqual(22);
    const ratio = Math.max(...perHour) / Math.min(...perHour);
    expect(ratio).toBeGreaterThan(3.2);
    expect(ratio).toBeLessThan(4.8);
    // 7 days at a quarter of the full rate: the full backfill stays under ~250k predictions.
    expect(week.predictions.length * 4).toBeLessThan(255_000);
    expect(week.predictions.length * 4).toBeGreaterThan(200_000);
  });

  it("labels ~85% of predictions, arriving late with a median delay of ~20 minutes", () => {
    expect(week.labels.length / week.predictions.length).toBeCloseTo(0.85, 1);
    const predictedAt = new Map(week.predictions.map((p) => [`${p.model}/${p.id}`, p.timestamp]));
    const delays = week.labels.map((l) => l.timestamp - predictedAt.get(`${l.model}/${l.id}`)!);
    expect(Math.min(...delays)).toBeGreaterThan(0);
    expect(median(delays) / MINUTE_MS).toBeGreaterThan(18);
    expect(median(delays) / MINUTE_MS).toBeLessThan(22);
    // Some take hours, so live mode really has labels to hold back.
    expect(delays.filter((d) => d > 2 * HOUR_MS).length).toBeGreaterThan(0);
  });

  it("gives v2 a better ROC AUC than v1 (~0.84 vs ~0.78), and v1 degrades after the drift", () => {
    const v1 = recommenderAuc("v1", scenario.originMs, NOW);
    const v2 = recommenderAuc("v2", scenario.originMs, NOW);
    expect(v1).toBeGreaterThan(0.74);
    expect(v1).toBeLessThan(0.82);
    expect(v2).toBeGreaterThan(0.81);
    expect(v2).toBeLessThan(0.88);
    expect(v2 - v1).toBeGreaterThan(0.03);
    const before = recommenderAuc("v1", scenario.originMs, scenario.driftStartMs);
    const after = recommenderAuc("v1", scenario.driftStartMs + DAY_MS, NOW);
    expect(before - after).toBeGreaterThan(0.005);
  });

  it("splits recommender traffic 70/30 between variants A (v1) and B (v2)", () => {
    const rec = week.predictions.filter((p) => p.model === "recommender");
    const b = rec.filter((p) => p.variant === "B");
    expect(b.every((p) => p.version === "v2")).toBe(true);
    expect(rec.filter((p) => p.variant === "A").every((p) => p.version === "v1")).toBe(true);
    expect(b.length / rec.length).toBeCloseTo(0.3, 1);
  });

  it("drifts price upward by ~30% from day 4", () => {
    const prices = (from: number, to: number) =>
      week.predictions
        .filter((p) => p.model === "recommender" && p.timestamp >= from && p.timestamp < to)
        .map((p) => p.features.price as number);
    expect(scenario.driftStartMs).toBe(scenario.originMs + 3 * DAY_MS);
    const before = mean(prices(scenario.originMs, scenario.driftStartMs));
    const after = mean(prices(scenario.driftStartMs + DAY_MS, NOW));
    expect(after / before).toBeGreaterThan(1.22);
    expect(after / before).toBeLessThan(1.38);
  });

  it("shapes each model for its task", () => {
    const router = week.predictions.filter((p) => p.model === "category-router").slice(0, 500);
    for (const p of router) {
      const scores = Object.values(p.scores!);
      expect(scores).toHaveLength(4);
      expect(Math.abs(scores.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(0.01);
      expect(p.scores![p.prediction as string]).toBe(Math.max(...scores));
    }
    const basket = week.predictions.filter((p) => p.model === "basket-size").slice(0, 500);
    expect(basket.some((p) => !Number.isInteger(p.prediction))).toBe(true);
    const clicks = week.events.filter((e) => e.name === "click");
    const purchases = week.events.filter((e) => e.name === "purchase");
    expect(clicks.every((e) => labelOf.get(`recommender/${e.predictionId}`)?.label !== 0)).toBe(true);
    expect(purchases.length / clicks.length).toBeGreaterThan(0.1);
    expect(purchases.length / clicks.length).toBeLessThan(0.25);
  });

  it("emits only rows the ingest API accepts", () => {
    const sample = generateRange(scenario, 42, scenario.originMs, scenario.originMs + 6 * HOUR_MS);
    const bad = [
      ...sample.predictions.map((r) => predictionRow.safeParse(r)),
      ...sample.labels.map((r) => labelRow.safeParse(r)),
      ...sample.events.map((r) => eventRow.safeParse(r)),
    ].filter((r) => !r.success);
    expect(sample.predictions.length).toBeGreaterThan(500);
    expect(bad.map((r) => r.error?.message)).toEqual([]);
  });
});

describe("category-router scores", () => {
  it("sum to 1 in every row, so multiclass ROC AUC is defined (scikit-learn's np.allclose check)", () => {
    const rows = week.predictions.filter((p) => p.model === "category-router");
    expect(rows.length).toBeGreaterThan(1000);
    for (const p of rows) {
      const sum = Object.values(p.scores!).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-8);
    }
  });

  it("roundToSumOne keeps the sum exactly 1 and each value within one unit of the input", () => {
    const input = [0.33333, 0.33333, 0.33334, 0];
    const out = roundToSumOne(input, 2);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const [i, v] of out.entries()) expect(Math.abs(v - input[i]!)).toBeLessThanOrEqual(0.01);
  });
});
