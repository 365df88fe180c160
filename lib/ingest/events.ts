// Write path for POST /api/v1/events: business outcomes (clicks, conversions, revenue) for A/B analysis.
import type { Database } from "../db/client";
import { resolveModels } from "../registry/models";
import { insertIgnoreStatements, sumFirst } from "./insert";
import { eventRow, type IngestResponse } from "./schemas";
import { validateBatch } from "./validate-batch";

export async function ingestEvents(
  database: Database,
  body: unknown,
  maxRows: number,
): Promise<IngestResponse> {
  const { rows, rejected } = validateBatch(body, "events", eventRow, maxRows);
  if (rows.length === 0) return { accepted: 0, duplicates: 0, rejected };
  const now = Date.now();
  const { raw } = database;
  const { ids: modelIds } = await resolveModels(
    database,
    rows.map((r) => r.row.model),
  );
  const values = rows.map(({ row }) => [
    modelIds.get(row.model)!,
    row.id,
    row.predictionId ?? null,
    row.name,
    row.value,
    raw.time(row.timestamp ?? now),
    raw.time(now),
  ]);
  const inserts = insertIgnoreStatements(
    raw.flavour,
    "BusinessEvent",
    ["modelId", "id", "predictionId", "name", "value", "ts", "receivedAt"],
    values,
  );
  const counts = await raw.batch(inserts);
  const accepted = sumFirst(counts, inserts.length);
  return { accepted, duplicates: rows.length - accepted, rejected };
}
