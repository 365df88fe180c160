// The steps every ingest write path shares: validate the rows, resolve their models, then store the rows
// (plus any bookkeeping statements) in one transaction and count what was new.
import type { z } from "zod";
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { countIngest, kindOfTable } from "../metrics/ingest";
import { resolveModels } from "../registry/models";
import { insertIgnoreStatements, sumFirst } from "./insert";
import type { IngestResponse } from "./schemas";
import { type RowError, validateBatch } from "./validate-batch";

export interface OpenBatch<Row> {
  rows: Array<{ index: number; row: Row }>;
  rejected: RowError[];
  modelIds: Map<string, number>;
  /** Server time of the request: the default timestamp and the receivedAt of every row. */
  now: number;
}

/** Validated rows with their model ids, or the (empty) response when no row is valid. */
export async function openBatch<S extends z.ZodType<{ model: string }>>(
  database: Database,
  body: unknown,
  maxRows: number,
  spec: { field: string; schema: S; fast?: (input: unknown) => z.output<S> | null },
): Promise<OpenBatch<z.output<S>> | IngestResponse> {
  const { rows, rejected } = validateBatch(body, spec.field, spec.schema, maxRows, spec.fast);
  if (rows.length === 0) return { accepted: 0, duplicates: 0, rejected };
  const { ids: modelIds } = await resolveModels(
    database,
    rows.map((r) => (r.row as { model: string }).model),
  );
  return { rows, rejected, modelIds, now: Date.now() };
}

export const isResponse = <Row>(b: OpenBatch<Row> | IngestResponse): b is IngestResponse => !("rows" in b);

/** Inserts `values` (ignoring rows already stored) and runs `extra` in the same transaction. */
export async function storeBatch<Row extends { model: string }>(
  database: Database,
  batch: OpenBatch<Row>,
  insert: { table: string; columns: string[]; values: unknown[][] },
  extra: Statement[] = [],
): Promise<IngestResponse> {
  const inserts = insertIgnoreStatements(database.raw.flavour, insert.table, insert.columns, insert.values);
  const counts = await database.raw.batch([...inserts, ...extra]);
  const accepted = sumFirst(counts, inserts.length);
  const kind = kindOfTable(insert.table);
  if (kind)
    countIngest(
      kind,
      batch.rows.map((r) => r.row.model),
      accepted,
      batch.rejected.length,
    );
  return { accepted, duplicates: batch.rows.length - accepted, rejected: batch.rejected };
}
