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
};
