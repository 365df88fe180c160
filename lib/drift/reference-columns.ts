// The reference's columns and row count, from a window (raw rows or hourly sketches) or an uploaded profile.
import type { Database } from "../db/client";
import { type ColumnSet, columnsFromSketches, exactColumns } from "./column-data";
import type { DriftMethod } from "./compute";
import type { Reference } from "./reference";
import { countRows, loadSketchRows } from "./sketch-store";

export async function referenceRowCount(
  database: Database,
  modelId: number,
  ref: Reference,
): Promise<number> {
  return ref.kind === "profile" ? ref.rows : countRows(database, modelId, ref);
}

export async function referenceColumns(
  database: Database,
  modelId: number,
  ref: Reference,
  method: DriftMethod,
): Promise<ColumnSet> {
  if (ref.kind === "profile")
    return columnsFromSketches(
      await database.raw.query<{ role: string; name: string; sketch: string }>(
        `SELECT "role", "name", "sketch" FROM "DriftProfileColumn" WHERE "profileId" = ?`,
        [ref.profileId],
      ),
    );
  return method === "exact"
    ? exactColumns(database, { modelId, ...ref })
    : columnsFromSketches(await loadSketchRows(database, modelId, ref));
}
