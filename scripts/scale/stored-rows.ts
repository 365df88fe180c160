// Reads what a run's database holds: the raw rows (to replay them into the single-process run and to check
// them against what was acknowledged) and the derived results compared between the two runs.
import type pg from "pg";
import type { EventRow, LabelRow } from "./rows";
import { MODEL } from "./rows";

/** epoch ms of a TIMESTAMP(3) column (stored as UTC), as a number */
const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint`;

export interface StoredPrediction {
  id: string;
  model: string;
  version: string;
  timestamp: number;
  features: Record<string, unknown>;
  prediction: unknown;
  score?: number;
  scores?: Record<string, number>;
  variant?: string;
  latencyMs?: number;
}

/** Pages of a model's predictions in arrival order (keyset on receivedAt, id). */
export async function* predictionPages(pool: pg.Pool, pageSize: number): AsyncGenerator<StoredPrediction[]> {
  let after: [string, string] | null = null;
  for (;;) {
    type Row = Record<string, string | number | null>;
    const result: pg.QueryResult<Row> = await pool.query<Row>(
      `SELECT p."id", v."name" AS version, ${ms('p."ts"')} AS ts, p."features", p."prediction", p."score", p."scores",
              p."variant", p."latencyMs", p."receivedAt"::text AS received
         FROM "Prediction" p JOIN "Model" m ON m."id" = p."modelId" JOIN "ModelVersion" v ON v."id" = p."versionId"
        WHERE m."name" = $1 ${after ? `AND (p."receivedAt", p."id") > ($2::timestamp, $3)` : ""}
        ORDER BY p."receivedAt", p."id" LIMIT ${pageSize}`,
      after ? [MODEL, ...after] : [MODEL],
    );
    const rows: Row[] = result.rows;
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      id: String(r.id),
      model: MODEL,
      version: String(r.version),
      timestamp: Number(r.ts),
      features: JSON.parse(String(r.features)) as Record<string, unknown>,
      prediction: JSON.parse(String(r.prediction)) as unknown,
      ...(r.score === null ? {} : { score: Number(r.score) }),
      ...(r.scores === null ? {} : { scores: JSON.parse(String(r.scores)) as Record<string, number> }),
      ...(r.variant === null ? {} : { variant: String(r.variant) }),
      ...(r.latencyMs === null ? {} : { latencyMs: Number(r.latencyMs) }),
    }));
    const last: Row = rows[rows.length - 1]!;
    after = [String(last.received), String(last.id)];
  }
}

export async function allLabels(pool: pg.Pool): Promise<LabelRow[]> {
  const { rows } = await pool.query(
    `SELECT l."id", l."label", ${ms('l."ts"')} AS ts FROM "Label" l JOIN "Model" m ON m."id" = l."modelId"
      WHERE m."name" = $1 ORDER BY l."receivedAt", l."id"`,
    [MODEL],
  );
  return rows.map((r) => ({ id: r.id, model: MODEL, label: JSON.parse(r.label), timestamp: Number(r.ts) }));
}

export async function allEvents(pool: pg.Pool): Promise<EventRow[]> {
  const { rows } = await pool.query(
    `SELECT e."id", e."predictionId", e."name", e."value", ${ms('e."ts"')} AS ts
       FROM "BusinessEvent" e JOIN "Model" m ON m."id" = e."modelId"
      WHERE m."name" = $1 ORDER BY e."receivedAt", e."id"`,
    [MODEL],
  );
  return rows.map((r) => ({
    id: r.id,
    model: MODEL,
    predictionId: r.predictionId,
    name: r.name,
    value: Number(r.value),
    timestamp: Number(r.ts),
  }));
}

/** Stored ids of one raw table of the model, with how often each occurs (the primary key says once). */
export async function storedIds(
  pool: pg.Pool,
  table: "Prediction" | "Label" | "BusinessEvent",
): Promise<{ ids: Set<string>; rows: number }> {
  const { rows } = await pool.query(
    `SELECT t."id" FROM "${table}" t JOIN "Model" m ON m."id" = t."modelId" WHERE m."name" = $1`,
    [MODEL],
  );
  return { ids: new Set(rows.map((r) => String(r.id))), rows: rows.length };
}

// ---- derived results, keyed by names so two databases compare ----------------------------------------------

export async function qualityRollups(pool: pg.Pool): Promise<Map<string, unknown>> {
  const { rows } = await pool.query(
    `SELECT v."name" AS version, q."window", ${ms('q."windowStart"')} AS start, q."count", q."labeled", q."metrics"
       FROM "QualityRollup" q JOIN "Model" m ON m."id" = q."modelId" JOIN "ModelVersion" v ON v."id" = q."versionId"
      WHERE m."name" = $1`,
    [MODEL],
  );
  return new Map(
    rows.map((r) => [
      `${r.version} ${r.window} ${new Date(Number(r.start)).toISOString()}`,
      { count: r.count, labeled: r.labeled, metrics: JSON.parse(r.metrics) },
    ]),
  );
}

export async function driftSketches(pool: pg.Pool): Promise<Map<string, unknown>> {
  const { rows } = await pool.query(
    `SELECT v."name" AS version, d."role", d."name", d."window", ${ms('d."windowStart"')} AS start, d."count", d."missing"
       FROM "DriftSketch" d JOIN "Model" m ON m."id" = d."modelId" JOIN "ModelVersion" v ON v."id" = d."versionId"
      WHERE m."name" = $1`,
    [MODEL],
  );
  return new Map(
    rows.map((r) => [
      `${r.version} ${r.window} ${new Date(Number(r.start)).toISOString()} ${r.role}:${r.name}`,
      { count: r.count, missing: r.missing },
    ]),
  );
}

export async function shadowRows(pool: pg.Pool, shadowId: number): Promise<Map<string, unknown>> {
  const { rows } = await pool.query(
    `SELECT "predictionId", "status", "prediction", "score", "scores", "error" FROM "ShadowPrediction" WHERE "shadowId" = $1`,
    [shadowId],
  );
  return new Map(
    rows.map((r) => [
      String(r.predictionId),
      {
        status: r.status,
        prediction: r.prediction,
        score: r.score === null ? null : Number(r.score),
        scores: r.scores === null ? null : JSON.parse(r.scores),
        error: r.error,
      },
    ]),
  );
}
