// An experiment results answer that satisfies the zod contract (parsed in the tests): control, treatment and a
// second treatment on conversion (binary), revenue (mean) and log_loss (inverse), two days of timeline.
import { type ExperimentResults, experimentResults } from "@/lib/experiments/schemas";

const info = {
  key: "ranker-ab",
  model: "recommender",
  name: "Ranker v2 vs v1",
  description: null,
  status: "running" as const,
  variants: [
    { key: "control", version: "v1", weight: 0.5 },
    { key: "treatment", version: "v2", weight: 0.25 },
    { key: "treat.b", version: "v3", weight: 0.25 },
  ],
  metrics: [
    {
      key: "conversion",
      source: "event" as const,
      event: "conversion",
      type: "auto" as const,
      inverse: false,
    },
    { key: "revenue", source: "event" as const, event: "revenue", type: "mean" as const, inverse: false },
    { key: "log_loss", source: "quality" as const, event: null, type: "mean" as const, inverse: true },
  ],
  guardrails: ["latency_p95" as const, "error_rate" as const],
  covariate: null,
  alpha: 0.05,
  startAt: "2026-03-01T00:00:00.000Z",
  endAt: null,
  createdAt: "2026-03-01T00:00:00.000Z",
  updatedAt: "2026-03-01T00:00:00.000Z",
};

const comparison = {
  type: "binary" as const,
  inverse: false,
  controlValue: 0.1,
  value: 0.1118,
  diff: 0.0118,
  diffCi: [0.0041, 0.0199] as [number, number],
  lift: 0.118,
  ci: [0.041, 0.199] as [number, number],
  pValue: 0.0031,
  adjustedPValue: 0.0124,
  significant: true,
  chanceToBeatControl: 0.9963,
  expectedLoss: 0.00004,
  credibleInterval: [0.04, 0.2] as [number, number],
  cuped: null,
  sequential: {
    ci: [-0.01, 0.25] as [number, number],
    diffCi: [-0.001, 0.025] as [number, number],
    significant: false,
  },
};

const raw = {
  experiment: info,
  computedAt: "2026-03-03T00:00:00.000Z",
  from: "2026-03-01T00:00:00.000Z",
  to: "2026-03-03T00:00:00.000Z",
  control: "control",
  variants: [
    {
      key: "control",
      version: "v1",
      weight: 0.5,
      n: 10_000,
      share: 0.5,
      metrics: {
        conversion: {
          type: "binary" as const,
          n: 10_000,
          value: 0.1,
          ci: [0.0941, 0.1059] as [number, number],
        },
        revenue: { type: "mean" as const, n: 10_000, value: 12.5, ci: [12.1, 12.9] as [number, number] },
        log_loss: {
          type: "mean" as const,
          n: 4_000,
          value: 0.31234,
          ci: [0.30001, 0.32467] as [number, number],
        },
      },
    },
    {
      key: "treatment",
      version: "v2",
      weight: 0.25,
      n: 5_000,
      share: 0.25,
      metrics: {
        conversion: { type: "binary" as const, n: 5_000, value: 0.1118, ci: null },
        revenue: { type: "mean" as const, n: 5_000, value: 12.0, ci: null },
        log_loss: { type: "mean" as const, n: 2_000, value: 0.35, ci: null },
      },
    },
    {
      key: "treat.b",
      version: "v3",
      weight: 0.25,
      n: 5_000,
      share: 0.25,
      metrics: {
        conversion: { type: "binary" as const, n: 5_000, value: 0.101, ci: null },
      },
    },
  ],
  comparisons: [
    { ...comparison, variant: "treatment", metric: "conversion" },
    {
      ...comparison,
      variant: "treat.b",
      metric: "conversion",
      value: 0.101,
      diff: 0.001,
      lift: 0.01,
      ci: [-0.06, 0.08] as [number, number],
      significant: false,
      sequential: null,
    },
    {
      ...comparison,
      variant: "treatment",
      metric: "revenue",
      type: "mean" as const,
      diff: -0.5,
      lift: -0.04,
      ci: [-0.07, -0.01] as [number, number],
      significant: true,
      sequential: null,
    },
    {
      ...comparison,
      variant: "treatment",
      metric: "log_loss",
      type: "mean" as const,
      inverse: true,
      diff: 0.03766,
      lift: 0.1206,
      ci: [0.05, 0.19] as [number, number],
      significant: true,
      sequential: null,
    },
  ],
  guardrails: [
    {
      variant: "treatment",
      guardrail: "latency_p95" as const,
      controlValue: 42.3,
      value: 61.7,
      regressed: true,
      pValue: 0.00001,
      detail: "p95 latency rose by 45.9%",
    },
    {
      variant: "treatment",
      guardrail: "error_rate" as const,
      controlValue: 0.0021,
      value: 0.0019,
      regressed: false,
      pValue: 0.61,
      detail: "no increase",
    },
  ],
  srm: {
    observed: [10_000, 5_000, 5_000],
    expected: [10_000, 5_000, 5_000],
    chiSquare: 0,
    pValue: 1,
    flagged: false,
  },
  sequential: { method: "mSPRT", tuning: 10_000, alpha: 0.05 },
  power: { metric: "conversion", variant: "treat.b", requiredPerVariant: 36_512.4, remaining: 31_512.4 },
  decision: "treatment raises conversion by +11.8% [+4.1%, +19.9%], 99.6% chance to beat control",
  timeline: [
    {
      ts: "2026-03-02T00:00:00.000Z",
      variants: {
        control: { n: 5_000, metrics: { conversion: 0.098, revenue: 12.4 } },
        treatment: { n: 2_500, metrics: { conversion: 0.11, revenue: null } },
        "treat.b": { n: 2_500, metrics: { conversion: 0.1 } },
      },
      lifts: [
        { variant: "treatment", metric: "conversion", lift: 0.122, ci: [0.01, 0.23] as [number, number] },
        { variant: "treat.b", metric: "conversion", lift: 0.02, ci: null },
      ],
    },
    {
      ts: "2026-03-03T00:00:00.000Z",
      variants: {
        control: { n: 10_000, metrics: { conversion: 0.1, revenue: 12.5 } },
        treatment: { n: 5_000, metrics: { conversion: 0.1118, revenue: 12.0 } },
        "treat.b": { n: 5_000, metrics: { conversion: 0.101 } },
      },
      lifts: [
        { variant: "treatment", metric: "conversion", lift: 0.118, ci: [0.041, 0.199] as [number, number] },
        { variant: "treat.b", metric: "conversion", lift: 0.01, ci: [-0.06, 0.08] as [number, number] },
      ],
    },
  ],
};

/** A fresh, schema-checked copy (tests may change it). */
export function resultsFixture(): ExperimentResults {
  return experimentResults.parse(structuredClone(raw));
}

export function infoFixture() {
  return structuredClone(info);
}
