// Structured react-query keys: one root per endpoint, parameters as an object.
import type { QualityWindow } from "./types";

export interface ModelQualityParams {
  model: string;
  from: string;
  to: string;
  window: QualityWindow;
  version?: string | null;
}

export const queryKeys = {
  models: () => ["models"] as const,
  modelQuality: (p: ModelQualityParams) =>
    [
      "models",
      p.model,
      "quality",
      { from: p.from, to: p.to, window: p.window, version: p.version ?? null },
    ] as const,
  /** Every experiments query starts with "experiments": one invalidation refreshes list, page and results. */
  experiments: (model: string | null) => ["experiments", "list", { model }] as const,
  experiment: (key: string) => ["experiments", "one", key] as const,
  experimentResults: (key: string) => ["experiments", "one", key, "results"] as const,
  /** Every alerting query starts with "alerting": one invalidation refreshes every alerting page. */
  alertRuleGroups: () => ["alerting", "rule-groups"] as const,
  alertRuleGroup: (id: number) => ["alerting", "rule-groups", id] as const,
  alertPreview: (p: object | null) => ["alerting", "preview", p] as const,
  alertTemplates: () => ["alerting", "templates"] as const,
  alertContactPoints: () => ["alerting", "contact-points"] as const,
  alertPolicy: () => ["alerting", "policy"] as const,
  alertSilences: () => ["alerting", "silences"] as const,
  alerts: () => ["alerting", "alerts"] as const,
  alertHistory: (p: object) => ["alerting", "history", p] as const,
  alertNotifications: (p: object) => ["alerting", "notifications", p] as const,
};
