// The run's configuration, made through the API as a user would: the model `scale` (first predictions, then
// binary with positive class 1), a shadow from the recommender fixture, an A/B experiment v1 against v2 and —
// in the multi-replica run — the alerting: a webhook contact point to the run's receiver (send resolved), a
// policy with one group per alert, short waits and a repeat interval longer than any run, and a rule group
// evaluated every 10 s whose rules fire on the load's data, one of them resolving halfway through.
import { readFileSync } from "node:fs";
import type { Api } from "./api";
import { EXPERIMENT_KEY, MODEL, VARIANTS } from "./rows";

const FIXTURES = "tests/fixtures/shadow";
export const CONTACT_POINT = "scale-receiver";

export interface Configured {
  shadowId: number;
}

export async function configureModel(
  api: Api,
  seed: ReadonlyArray<object>,
  experimentStart: number,
): Promise<Configured> {
  // The model exists once its first predictions are in (a shadow needs it).
  await api.post("/api/v1/predictions", { predictions: seed });
  await api.patch(`/api/v1/models/${MODEL}`, { task: "binary", positiveClass: "1" });
  const form = new FormData();
  form.append("file", new Blob([readFileSync(`${FIXTURES}/recommender-candidate.onnx`)]), "candidate.onnx");
  form.append("config", readFileSync(`${FIXTURES}/recommender.config.json`, "utf8"));
  const { shadow } = await api.post<{ shadow: { id: number } }>(`/api/v1/models/${MODEL}/shadows`, form);
  await api.post("/api/v1/experiments", {
    key: EXPERIMENT_KEY,
    model: MODEL,
    variants: VARIANTS,
    metrics: ["click", "accuracy"],
    guardrails: ["latency_p95", "error_rate"],
    startAt: new Date(experimentStart).toISOString(),
  });
  return { shadowId: shadow.id };
}

/** The rules: two that fire once quality and shadow series exist and stay firing, and one that fires while
 * fewer than `resolveAfterRows` predictions are counted and resolves when more are. */
export function ruleFile(resolveAfterRows: number): string {
  const predictions = `vigil_predictions_total{model="${MODEL}",window="1h"}`;
  return `groups:
  - name: scale
    interval: 10s
    rules:
      - alert: ScaleTraffic
        expr: sum by (version) (last_over_time(${predictions}[2h])) > 0
        labels: { severity: info }
        annotations: { summary: "{{ $labels.version }} serves traffic" }
      - alert: ScaleShadowRunning
        expr: count by (shadow) (last_over_time(vigil_shadow_agreement{model="${MODEL}"}[2h])) > 0
        labels: { severity: info }
      - alert: ScaleWarmingUp
        expr: sum(sum_over_time(${predictions}[3h])) < ${resolveAfterRows}
        labels: { severity: warning }
        annotations: { summary: "{{ $value }} predictions so far" }
`;
}

export async function configureAlerting(
  api: Api,
  receiverUrl: string,
  resolveAfterRows: number,
): Promise<void> {
  await api.post("/api/v1/channels", {
    name: CONTACT_POINT,
    kind: "webhook",
    settings: { url: receiverUrl },
    sendResolved: true,
  });
  await api.put("/api/v1/notification-policy", {
    tree: {
      receiver: CONTACT_POINT,
      // One group per alert: each alert's firing and resolution are then notified exactly once.
      group_by: ["..."],
      group_wait: "1s",
      group_interval: "2s",
      repeat_interval: "24h",
    },
  });
  await api.post("/api/v1/rule-groups/import?mode=replace", ruleFile(resolveAfterRows), "application/yaml");
}
