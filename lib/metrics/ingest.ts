// Ingest counters: rows received per kind and model (valid rows, new or duplicates), rows that were new, and
// rows refused. Per process: each web replica counts what it served; Prometheus sums them.
import { counter } from "./registry";

export type IngestKind = "predictions" | "labels" | "events";

const received = counter(
  "vigil_ingest_rows_total",
  "Valid rows received by the ingest API (new or duplicate)",
  ["kind", "model"] as const,
);
const accepted = counter(
  "vigil_ingest_rows_accepted_total",
  "Rows stored by the ingest API (not duplicates)",
  ["kind"] as const,
);
const rejected = counter("vigil_ingest_rows_rejected_total", "Rows refused by the ingest API (invalid)", [
  "kind",
] as const);

export function countIngest(
  kind: IngestKind,
  models: readonly string[],
  newRows: number,
  refused: number,
): void {
  const perModel = new Map<string, number>();
  for (const m of models) perModel.set(m, (perModel.get(m) ?? 0) + 1);
  for (const [model, n] of perModel) received.inc({ kind, model }, n);
  if (newRows > 0) accepted.inc({ kind }, newRows);
  if (refused > 0) rejected.inc({ kind }, refused);
}

export function kindOfTable(table: string): IngestKind | null {
  return table === "Prediction"
    ? "predictions"
    : table === "Label"
      ? "labels"
      : table === "BusinessEvent"
        ? "events"
        : null;
}
