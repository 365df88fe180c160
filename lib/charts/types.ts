// Structural input types for the prepare functions. They mirror the API responses without importing
// from components/ (lib/ imports neither React nor components).

export type TaskKind = "binary" | "multiclass" | "regression";

export interface WindowLike {
  version: string;
  start: string;
  count: number;
  labeled: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  rocAuc: number | null;
  logLoss: number | null;
  confusionMatrix: { labels: string[]; matrix: number[][] } | null;
  macro: { precision: number | null; recall: number | null; f1: number | null } | null;
  mae: number | null;
  rmse: number | null;
  r2: number | null;
  labelDelayP50Seconds: number | null;
  labelDelayP90Seconds: number | null;
}

/** One row of a time-series chart: `ts` (epoch ms) plus one numeric (or null) value per series key. */
export type SeriesRow = { ts: number } & Record<string, number | null>;

export interface SeriesDef {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
}
