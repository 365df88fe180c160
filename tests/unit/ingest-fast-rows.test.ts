// The fast row checks may only accept what the zod schemas accept, with the same parsed output.
import { describe, expect, it } from "vitest";
import { fastLabelRow, fastPredictionRow } from "@/lib/ingest/fast-rows";
import { labelRow, predictionRow } from "@/lib/ingest/schemas";

const base = {
  id: "r1",
  model: "churn",
  version: "v3",
  timestamp: "2026-11-29T10:00:00Z",
  features: { age: 42, country: "DE", vip: true, note: null },
  prediction: 1,
  score: 0.83,
  scores: { a: 0.1, b: 0.9 },
  variant: "B",
  latencyMs: 12.5,
};

const variations: Array<Record<string, unknown>> = [
  {},
  { version: undefined },
  { timestamp: undefined },
  { timestamp: 1795947600000 },
  { timestamp: 1795947600000.4 },
  { timestamp: 1764412800 },
  { timestamp: "2026-11-29" },
  { timestamp: "2026-11-29T10:00:00.123+01:00" },
  { timestamp: "2026-13-45T99:00:00Z" },
  { timestamp: "yesterday" },
  { timestamp: null },
  { features: undefined },
  { features: null },
  { features: [] },
  { features: { a: Number.POSITIVE_INFINITY } },
  { features: { a: { b: 1 } } },
  { features: { "": 1 } },
  { features: { a: "x".repeat(8193) } },
  { features: Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`f${i}`, i])) },
  { prediction: "cat" },
  { prediction: true },
  { prediction: null },
  { prediction: undefined },
  { prediction: Number.NaN },
  { prediction: "p".repeat(201) },
  { score: null },
  { score: undefined },
  { score: 1.01 },
  { score: "0.5" },
  { scores: null },
  { scores: { a: 2 } },
  { scores: [] },
  { variant: null },
  { variant: 7 },
  { variant: "v".repeat(129) },
  { latencyMs: -1 },
  { latencyMs: null },
  { id: "" },
  { id: 5 },
  { id: "i".repeat(201) },
  { model: "bad model" },
  { model: "-x" },
  { version: "" },
  { extra: "ignored" },
];

describe("fastPredictionRow agrees with the zod schema", () => {
  it.each(variations.map((v, i) => [i, v]))("variation %i", (_i, v) => {
    const row = { ...base, ...(v as object) };
    const fast = fastPredictionRow(row);
    const zod = predictionRow.safeParse(row);
    if (fast !== null) {
      expect(zod.success).toBe(true);
      expect(fast).toEqual(zod.data);
    }
  });

  it("accepts the common well-formed row itself (so the fast path is really taken)", () => {
    expect(fastPredictionRow(base)).not.toBeNull();
    expect(
      fastPredictionRow({ ...base, version: undefined, features: undefined, timestamp: undefined }),
    ).toMatchObject({
      version: "default",
      features: {},
    });
  });
});

describe("fastLabelRow agrees with the zod schema", () => {
  const labels = [
    { id: "a", model: "m", label: 1 },
    { id: "a", model: "m", label: "spam", timestamp: 1795947600000 },
    { id: "a", model: "m", label: { x: 1 } },
    { id: "a", model: "m" },
    { id: "a", model: "m", label: 1, timestamp: "nope" },
    { id: "", model: "m", label: 1 },
  ];
  it.each(labels.map((l, i) => [i, l]))("label %i", (_i, l) => {
    const fast = fastLabelRow(l);
    const zod = labelRow.safeParse(l);
    if (fast !== null) {
      expect(zod.success).toBe(true);
      expect(fast).toEqual(zod.data);
    }
  });
});
