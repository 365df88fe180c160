// Reads an experiment's raw rows once, in keyset pages of the model's predictions ordered by (ts, id), each
// page joined with its labels and, in one grouped query per page, its business events — and feeds every
// assigned prediction to the accumulator. Memory stays at one page plus the sufficient statistics.
import type { Database } from "../db/client";
import { defaultPositiveClass, inferTask, type RawValue, type Task } from "../quality";
import { type Accumulator, addToAccumulator, createAccumulator, type EventTotals } from "./accumulate";
import type { ExperimentDefinition } from "./definition";

const PAGE = 2000;

type PredictionRow = {
  id: string;
  ts: unknown;
  versionId: number;
  variant: string | null;
  prediction: string;
  score: number | null;
  scores: string | null;
  latencyMs: number | null;
  features: string | null;
  label: string | null;
};

type EventRow = {
  predictionId: string;
  name: string;
  c: number | string;
  s: number | string;
  z: number | string;
};

export interface Collected {
  acc: Accumulator;
  /** predictions in the range that belong to no variant (unknown variant key, or an ambiguous version) */
  unassigned: number;
}

/** The event names the metrics and guardrails read. */
export function eventNamesOf(e: ExperimentDefinition): string[] {
  const names = new Set<string>();
  for (const m of e.metrics) if (m.source === "event" && m.event) names.add(m.event);
  if (e.guardrails.includes("error_rate")) names.add("error");
  return [...names];
}

/**
 * Which variant a prediction belongs to: its `variant` field when that names one of the experiment's
 * variants; without one, the variant serving its version when exactly one does; otherwise none (-1).
 */
export function variantResolver(
  e: ExperimentDefinition,
  versionNames: ReadonlyMap<number, string>,
): (variant: string | null, versionId: number) => number {
  const byKey = new Map(e.variants.map((v, i) => [v.key, i]));
  const byVersion = new Map<string, number>();
  e.variants.forEach((v, i) => {
    byVersion.set(v.version, byVersion.has(v.version) ? -1 : i);
  });
  return (variant, versionId) => {
    if (variant !== null) return byKey.get(variant) ?? -1;
    const version = versionNames.get(versionId);
    return version === undefined ? -1 : (byVersion.get(version) ?? -1);
  };
}

function numericFeature(features: string | null, name: string): number | null {
  if (!features) return null;
  const value = (JSON.parse(features) as Record<string, unknown>)[name];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

async function positiveClassOf(
  database: Database,
  modelId: number,
  set: string | null,
): Promise<string | null> {
  if (set !== null) return set;
  const rows = await database.raw.query<{ label: string }>(
    `SELECT DISTINCT "label" FROM "Label" WHERE "modelId" = ? LIMIT 1000`,
    [modelId],
  );
  return defaultPositiveClass(rows.map((r) => String(JSON.parse(r.label) as RawValue)));
}

async function eventsOf(
  database: Database,
  modelId: number,
  names: readonly string[],
  ids: readonly string[],
): Promise<Map<string, Map<string, EventTotals>>> {
  const out = new Map<string, Map<string, EventTotals>>();
  if (names.length === 0 || ids.length === 0) return out;
  const idFilter =
    database.flavour === "postgres"
      ? `e."predictionId" = ANY(?::text[])`
      : `e."predictionId" IN (SELECT "value" FROM json_each(?))`;
  const rows = await database.raw.query<EventRow>(
    `SELECT e."predictionId" AS "predictionId", e."name" AS "name", COUNT(*) AS c, SUM(e."value") AS s,
            SUM(CASE WHEN e."value" = 0 OR e."value" = 1 THEN 0 ELSE 1 END) AS z
       FROM "BusinessEvent" e
      WHERE e."modelId" = ? AND ${idFilter} AND e."name" IN (${names.map(() => "?").join(",")})
      GROUP BY e."predictionId", e."name"`,
    [modelId, database.flavour === "postgres" ? ids : JSON.stringify(ids), ...names],
  );
  for (const r of rows) {
    const byName = out.get(r.predictionId) ?? new Map<string, EventTotals>();
    out.set(r.predictionId, byName);
    byName.set(r.name, { count: Number(r.c), sum: Number(r.s), notZeroOne: Number(r.z) });
  }
  return out;
}

const NO_EVENTS: ReadonlyMap<string, EventTotals> = new Map();

export async function collect(
  database: Database,
  e: ExperimentDefinition,
  range: { from: number; to: number },
): Promise<Collected> {
  const { raw, db } = database;
  const model = await db.model.findUnique({ where: { id: e.modelId }, include: { versions: true } });
  const versionNames = new Map((model?.versions ?? []).map((v) => [v.id, v.name]));
  const resolve = variantResolver(e, versionNames);
  const names = eventNamesOf(e);
  const needsQuality = e.metrics.some((m) => m.source === "quality");
  let task = (model?.task as Task | null) ?? null;
  let acc: Accumulator | null = null;
  let unassigned = 0;
  let cursor: { ts: number; id: string } | null = null;
  for (;;) {
    const after = cursor ? `AND (p."ts" > ? OR (p."ts" = ? AND p."id" > ?))` : "";
    const rows: PredictionRow[] = await raw.query<PredictionRow>(
      `SELECT p."id", p."ts", p."versionId", p."variant", p."prediction", p."score", p."scores", p."latencyMs",
              ${e.covariate ? `p."features"` : `NULL AS "features"`}, l."label"
         FROM "Prediction" p LEFT JOIN "Label" l ON l."modelId" = p."modelId" AND l."id" = p."id"
        WHERE p."modelId" = ? AND p."ts" >= ? AND p."ts" < ? ${after}
        ORDER BY p."ts", p."id" LIMIT ${PAGE}`,
      [
        e.modelId,
        raw.time(range.from),
        raw.time(range.to),
        ...(cursor ? [raw.time(cursor.ts), raw.time(cursor.ts), cursor.id] : []),
      ],
    );
    if (!acc) {
      task ??= inferTask(
        rows.map((r) => ({ prediction: JSON.parse(r.prediction) as RawValue, score: r.score })),
      );
      const positiveClass =
        needsQuality && task === "binary"
          ? await positiveClassOf(database, e.modelId, model?.positiveClass ?? null)
          : null;
      acc = createAccumulator({ variants: e.variants.length, eventNames: names, task, positiveClass });
    }
    const assigned = rows.map((r) => resolve(r.variant, Number(r.versionId)));
    const ids = rows.filter((_, i) => assigned[i]! >= 0).map((r) => r.id);
    const events = await eventsOf(database, e.modelId, names, ids);
    rows.forEach((r, i) => {
      const variant = assigned[i]!;
      if (variant < 0) {
        unassigned += 1;
        return;
      }
      addToAccumulator(acc!, {
        variant,
        ts: raw.readTime(r.ts),
        latencyMs: r.latencyMs === null ? null : Number(r.latencyMs),
        covariate: e.covariate ? numericFeature(r.features, e.covariate) : null,
        events: events.get(r.id) ?? NO_EVENTS,
        prediction: JSON.parse(r.prediction) as RawValue,
        label: r.label === null ? null : (JSON.parse(r.label) as RawValue),
        score: r.score === null ? null : Number(r.score),
        scores: r.scores ? (JSON.parse(r.scores) as Record<string, number>) : null,
      });
    });
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    cursor = { ts: raw.readTime(last.ts), id: last.id };
  }
  return { acc: acc!, unassigned };
}
