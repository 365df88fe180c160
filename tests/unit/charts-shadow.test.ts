import { describe, expect, it } from "vitest";
import { parseModelTab, tabSearch } from "@/lib/charts/drift";
import {
  agreementRows,
  backfillProgress,
  deltaTone,
  formatSigned,
  histogramBars,
  parseShadowParam,
  qualityRows,
  segmentRows,
  shadowVerdict,
} from "@/lib/charts/shadow";

const params = (s: string) => new URLSearchParams(s);

describe("URL state", () => {
  it("parses the tab and the shadow (only on the Shadows tab)", () => {
    expect(parseModelTab(params("tab=shadows"))).toBe("shadows");
    expect(parseModelTab(params("tab=drift"))).toBe("drift");
    expect(parseModelTab(params("tab=nope"))).toBe("quality");
    expect(parseShadowParam(params("tab=shadows&shadow=12"))).toBe(12);
    expect(parseShadowParam(params("tab=drift&shadow=12"))).toBeNull();
    expect(parseShadowParam(params("tab=shadows&shadow=0"))).toBeNull();
    expect(parseShadowParam(params("tab=shadows&shadow=1e3"))).toBeNull();
  });

  it("keeps shadow only on the Shadows tab and feature only on the Drift tab", () => {
    expect(tabSearch("range=7d", { tab: "shadows", shadow: 3 })).toBe("range=7d&tab=shadows&shadow=3");
    expect(tabSearch("range=7d&tab=shadows&shadow=3", { tab: "drift", feature: "x" })).toBe(
      "range=7d&tab=drift&feature=x",
    );
    expect(tabSearch("tab=shadows&shadow=3", { tab: "quality" })).toBe("");
    expect(tabSearch("tab=shadows&shadow=3", { shadow: null })).toBe("tab=shadows");
    expect(tabSearch("range=1h", { tab: "shadows", shadow: 5, feature: "f" })).toBe(
      "range=1h&tab=shadows&shadow=5",
    );
  });
});

const base = {
  name: "v2-int8",
  task: "binary" as const,
  evaluated: 120_000,
  agreement: 0.98712,
  labeled: 50_000,
  production: { accuracy: 0.915, f1: 0.8, rocAuc: 0.9, mae: null, rmse: null },
  shadow: { accuracy: 0.912, f1: 0.79, rocAuc: 0.91, mae: null, rmse: null },
  accuracyDelta: {
    estimate: -0.003,
    ciLow: -0.007,
    ciHigh: 0.001,
    discordant: { productionOnly: 400, shadowOnly: 250 },
  },
};

describe("verdict", () => {
  it("reads like the issue's example", () => {
    expect(shadowVerdict(base)).toBe(
      "v2-int8 agrees on 98.7% of 120K predictions; accuracy 0.912 vs 0.915 (Δ \u22120.003 ± 0.004)",
    );
  });
  it("without labels, and with nothing evaluated", () => {
    expect(
      shadowVerdict({
        ...base,
        evaluated: 1,
        agreement: 1,
        labeled: 0,
        accuracyDelta: null,
        shadow: { ...base.shadow, accuracy: null },
      }),
    ).toBe("v2-int8 agrees on 100.0% of 1 prediction; no labels yet");
    expect(shadowVerdict({ ...base, evaluated: 0, agreement: null })).toBeNull();
  });
  it("signs and tones", () => {
    expect(formatSigned(0.0031)).toBe("+0.003");
    expect(formatSigned(-0.0001)).toBe("0.000");
    expect(formatSigned(null)).toBe("—");
    expect(deltaTone({ ciLow: 0.001, ciHigh: 0.01 })).toBe("better");
    expect(deltaTone({ ciLow: -0.01, ciHigh: -0.001 })).toBe("worse");
    expect(deltaTone({ ciLow: -0.01, ciHigh: 0.01 })).toBe("same");
    expect(deltaTone(null)).toBeNull();
  });
});

describe("tables and charts", () => {
  it("quality rows: Δ = shadow − production, the paired CI on accuracy only", () => {
    const rows = qualityRows(base);
    expect(rows.map((r) => r.key)).toEqual(["accuracy", "f1", "rocAuc"]);
    expect(rows[0]).toMatchObject({ delta: -0.003, production: 0.915, shadow: 0.912 });
    expect(rows[0]!.ci).toBeCloseTo(0.004, 12);
    expect(rows[1]!.delta).toBeCloseTo(-0.01, 12);
    expect(rows[1]!.ci).toBeNull();
    expect(qualityRows({ ...base, task: "regression", accuracyDelta: null }).map((r) => r.key)).toEqual([
      "mae",
      "rmse",
    ]);
  });

  it("segments: most disagreeing rows first", () => {
    const rows = segmentRows([
      { feature: "country", value: "de", n: 100, agreed: 99, agreement: 0.99 },
      { feature: "country", value: "fr", n: 10, agreed: 5, agreement: 0.5 },
      { feature: "device", value: "ios", n: 50, agreed: 45, agreement: 0.9 },
    ]);
    expect(rows.map((r) => r.value)).toEqual(["fr", "ios", "de"]);
    expect(rows[0]).toMatchObject({ disagreed: 5, disagreement: 0.5 });
  });

  it("histogram bars with labels and shares", () => {
    const bars = histogramBars([
      { lower: 0, upper: 0.05, count: 3 },
      { lower: 0.05, upper: 0.1, count: 1 },
    ]);
    expect(bars).toEqual([
      { label: "0.00–0.05", lower: 0, upper: 0.05, count: 3, share: 0.75 },
      { label: "0.05–0.10", lower: 0.05, upper: 0.1, count: 1, share: 0.25 },
    ]);
    expect(histogramBars([])).toEqual([]);
  });

  it("agreement: the PromQL series when it has points, else the comparison's timeline", () => {
    const timeline = [{ start: "2026-11-26T10:00:00.000Z", n: 4, agreed: 3 }];
    expect(agreementRows(undefined, timeline)).toEqual({
      rows: [{ ts: Date.parse("2026-11-26T10:00:00Z"), agreement: 0.75 }],
      source: "comparison",
    });
    expect(agreementRows([{ metric: {}, values: [] }], timeline).source).toBe("comparison");
    const series = [
      { metric: { model: "m", shadow: "s" }, values: [[1795687200, "0.9"]] as [number, string][] },
    ];
    expect(agreementRows(series, timeline)).toEqual({
      rows: [{ ts: 1795687200000, agreement: 0.9 }],
      source: "series",
    });
  });

  it("backfill progress from nested or flat fields", () => {
    expect(backfillProgress({})).toBeNull();
    expect(
      backfillProgress({ backfillState: "running", backfillTotal: 200, backfillDone: 50 }),
    ).toMatchObject({
      state: "running",
      share: 0.25,
    });
    expect(backfillProgress({ backfill: { state: "done", total: 0, done: 0 } })).toMatchObject({
      state: "done",
      share: null,
    });
  });
});
