// Write path for POST /api/v1/events: business outcomes (clicks, conversions, revenue) for A/B analysis.
import type { Database } from "../db/client";
import { isResponse, openBatch, storeBatch } from "./batch";
import { eventRow, type IngestResponse } from "./schemas";

export async function ingestEvents(
  database: Database,
  body: unknown,
  maxRows: number,
): Promise<IngestResponse> {
  const batch = await openBatch(database, body, maxRows, { field: "events", schema: eventRow });
  if (isResponse(batch)) return batch;
  const { raw } = database;
  const values = batch.rows.map(({ row }) => [
    batch.modelIds.get(row.model)!,
    row.id,
    row.predictionId ?? null,
    row.name,
    row.value,
    raw.time(row.timestamp ?? batch.now),
    raw.time(batch.now),
  ]);
  return storeBatch(database, batch, {
    table: "BusinessEvent",
    columns: ["modelId", "id", "predictionId", "name", "value", "ts", "receivedAt"],
    values,
  });
}
