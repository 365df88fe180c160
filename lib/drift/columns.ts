// The columns drift is computed on: every feature, plus the model's prediction, score and (when it has
// arrived) label, tested like features. Rows are read raw from Prediction ⋈ Label.
import type { Database } from "../db/client";

export type ColumnRole = "feature" | "prediction" | "score" | "label";

export interface ColumnKey {
  role: ColumnRole;
  /** Feature name; "" for prediction, score and label. */
  name: string;
}

/** The `feature` label of a non-feature column in the drift series. */
export const SERIES_COLUMN: Record<ColumnRole, (name: string) => string> = {
  feature: (name) => name,
  prediction: () => "__prediction__",
  score: () => "__score__",
  label: () => "__label__",
};

export const columnId = (c: ColumnKey) => `${c.role}\u0000${c.name}`;
export const parseColumnId = (id: string): ColumnKey => {
  const [role, name] = id.split("\u0000") as [ColumnRole, string];
  return { role, name };
};

/** One prediction as drift sees it. `label` is undefined while no label has arrived. */
export interface DriftRow {
  features: Record<string, unknown>;
  prediction: unknown;
  score: number | null;
  label: unknown;
}

type Row = { features: string; prediction: string; score: number | null; label: string | null };

/** Predictions of a model (one version, or all when versionId is null) in [from, to), with labels. */
export async function loadDriftRows(
  database: Database,
  q: { modelId: number; versionId: number | null; from: number; to: number },
): Promise<DriftRow[]> {
  const { raw } = database;
  const rows = await raw.query<Row>(
    `SELECT p."features", p."prediction", p."score", l."label"
       FROM "Prediction" p LEFT JOIN "Label" l ON l."modelId" = p."modelId" AND l."id" = p."id"
      WHERE p."modelId" = ? ${q.versionId === null ? "" : `AND p."versionId" = ?`} AND p."ts" >= ? AND p."ts" < ?`,
    [q.modelId, ...(q.versionId === null ? [] : [q.versionId]), raw.time(q.from), raw.time(q.to)],
  );
  return rows.map((r) => ({
    features: JSON.parse(r.features) as Record<string, unknown>,
    prediction: JSON.parse(r.prediction) as unknown,
    score: r.score === null ? null : Number(r.score),
    label: r.label === null ? undefined : (JSON.parse(r.label) as unknown),
  }));
}

/**
 * Pages through the predictions of [from, to) a slice of time at a time, so a large exact computation never
 * holds every row at once (the columns it builds keep only what the tests need).
 */
export async function forEachDriftPage(
  database: Database,
  q: { modelId: number; versionId: number | null; from: number; to: number },
  onPage: (rows: DriftRow[]) => void,
  sliceMs = 6 * 3_600_000,
): Promise<void> {
  for (let from = q.from; from < q.to; from += sliceMs)
    onPage(await loadDriftRows(database, { ...q, from, to: Math.min(q.to, from + sliceMs) }));
}
