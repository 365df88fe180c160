// Response types of the v1 HTTP API as the dashboard reads them (see DESIGN.md "Public API").

export type Task = "binary" | "multiclass" | "regression";
export type Health = "ok" | "stale" | "no-labels" | "no-data";
export type QualityWindow = "1h" | "1d" | "all";

export interface VolumeBucket {
  ts: string;
  count: number;
}

export interface ModelVersionSummary {
  name: string;
  lastPredictionAt: string | null;
  predictions24h: number;
  accuracy: number | null;
  f1: number | null;
  rocAuc: number | null;
  mae: number | null;
}

export interface ModelSummary {
  name: string;
  displayName: string | null;
  description: string | null;
  owner: string | null;
  task: Task | null;
  taskSource: "set" | "inferred" | null;
  positiveClass: string | null;
  createdAt: string;
  lastPredictionAt: string | null;
  predictions24h: number;
  labeled24h: number;
  labelCoverage: number | null;
  health: Health;
  volume: VolumeBucket[];
  versions: ModelVersionSummary[];
}

export interface ModelsResponse {
  models: ModelSummary[];
}

export interface ConfusionMatrix {
  labels: string[];
  matrix: number[][];
}

export interface ClassMetrics {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  support?: number | null;
}

export interface QualityWindowRow {
  version: string;
  start: string;
  end: string;
  count: number;
  labeled: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  rocAuc: number | null;
  logLoss: number | null;
  confusionMatrix: ConfusionMatrix | null;
  perClass: Record<string, ClassMetrics> | null;
  macro: ClassMetrics | null;
  weighted: ClassMetrics | null;
  mae: number | null;
  rmse: number | null;
  r2: number | null;
  labelDelayP50Seconds: number | null;
  labelDelayP90Seconds: number | null;
}

export interface QualityResponse {
  model: string;
  task: Task | null;
  positiveClass: string | null;
  from: string;
  to: string;
  window: QualityWindow;
  versions: string[];
  windows: QualityWindowRow[];
}
