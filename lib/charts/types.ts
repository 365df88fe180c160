// Input types for the prepare functions, derived from the API contract's types (lib/ imports neither React
// nor components).
import type { QualityWindowRow, Task } from "../api/types";

export type TaskKind = Task;

/** The fields of a quality window the charts read (tests build these without the rest). */
export type WindowLike = Omit<QualityWindowRow, "end" | "perClass" | "weighted">;

/** One row of a time-series chart: `ts` (epoch ms) plus one numeric (or null) value per series key. */
export type SeriesRow = { ts: number } & Record<string, number | null>;

export interface SeriesDef {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
}
