// The demo's A/B experiment on the recommender: the scenario's own split (A = v1 at 70 %, B = v2 at 30 %)
// from the start of its history. v2 has a real built-in effect (lib/simulator/models.ts, generate.ts): more
// clicks and ~15 % more purchases, better accuracy, and higher latency.
import { RECOMMENDER, type Scenario } from "./scenario";

export const DEMO_EXPERIMENT_KEY = "recommender-v2";

/** The POST /api/v1/experiments body. */
export function demoExperiment(scenario: Scenario) {
  return {
    key: DEMO_EXPERIMENT_KEY,
    model: RECOMMENDER,
    name: "Recommender v2",
    description: "v2 (less noisy intent model) against v1, on clicks, purchases, revenue and label quality",
    variants: scenario.variants.map((v) => ({ key: v.variant, version: v.version, weight: v.weight })),
    metrics: [
      { key: "conversion", event: "purchase", type: "binary" as const },
      { key: "revenue", event: "purchase", type: "mean" as const },
      "click",
      "accuracy",
      "log_loss",
    ],
    guardrails: ["latency_p95" as const, "error_rate" as const],
    startAt: new Date(scenario.originMs).toISOString(),
  };
}
