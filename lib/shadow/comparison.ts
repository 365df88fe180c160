// Read path of GET /api/v1/shadows/{id}/comparison: a shadow model against production on the same rows.
//
// Rows: ShadowPrediction (status ok) ⋈ Prediction (same model, same id) ⟕ Label, with the production timestamp
// in [from, to). They are streamed in pages of PAGE_ROWS on the (shadowId, ts) index with a keyset cursor, so
// memory does not hold the rows themselves. What it does hold grows with the range: the latencies of every row
// (two float64 each, for exact percentiles), two QualityStates (one entry per distinct score for exact ROC AUC)
// and per categorical feature at most MAX_TRACKED_VALUES counters. About 10 µs of work per row: 1M rows take
// ~10 s, so the dashboard's default range is the last 24 hours.
//
// Per-row semantics are lib/shadow/compare.ts's (the hourly vigil_shadow_* series): classes compared by classKey,
// numpy's linear percentiles. One extension: a missing `score` falls back to `scores[positiveClass]`.
// Quality of both models is computed by lib/quality on exactly the labeled rows (the quality job's code and
// options: the model's task, default binary, and positive class), so the numbers equal scikit-learn's.
import type { z } from "zod";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import type { QualityMetrics, QualityState, RawValue, Task } from "../quality";
import { addSample, classKey, computeQualityMetrics, createQualityState } from "../quality";
import { parseValue, percentiles } from "./compare";
import type { comparisonResponse } from "./comparison-schemas";

export type ComparisonResponse = z.infer<typeof comparisonResponse>;

export const PAGE_ROWS = 5_000;
export const HISTOGRAM_BINS = 20;
export const MAX_SEGMENT_FEATURES = 8;
export const MAX_SEGMENT_VALUES = 10;
/** Distinct values counted per feature (beyond it new values are not counted: a high-cardinality id). */
const MAX_TRACKED_VALUES = 1_000;
const MAX_TRACKED_FEATURES = 64;
/** Two-sided 95%: the standard normal's 0.975 quantile. */
export const Z95 = 1.959963984540054;

const HOUR = 3_600_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export interface ShadowRef {
  id: number;
  modelId: number;
  model: string;
  name: string;
  task: Task;
  positiveClass: string | null;
}

/** The shadow with its model's name, task (default binary, as the quality job) and positive class; 404 if none. */
export async function shadowRef(database: Database, id: number): Promise<ShadowRef> {
  const shadow = await database.db.shadow.findUnique({
    where: { id },
    select: { id: true, modelId: true, name: true },
  });
  if (!shadow) throw new HttpError(404, `shadow ${id} not found`);
  const model = await database.db.model.findUnique({
    where: { id: shadow.modelId },
    select: { name: true, task: true, positiveClass: true },
  });
  return {
    ...shadow,
    model: model?.name ?? "",
    task: (model?.task as Task | null) ?? "binary",
    positiveClass: model?.positiveClass ?? null,
  };
}

type JoinedRow = {
  predictionId: string;
  ts: unknown;
  sPrediction: string | null;
  sScore: number | null;
  sScores: string | null;
  sLatency: number | null;
  pPrediction: string;
  pScore: number | null;
  pScores: string | null;
  pLatency: number | null;
  features: string;
  label: string | null;
};

const parseScores = (s: string | null) => (s ? (JSON.parse(s) as Record<string, number>) : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The score compared between the two models: `score`, else the positive class's entry of `scores` when the
 * positive class is set. Null when neither is there or it is not finite.
 */
export function comparableScore(
  score: number | null,
  scores: Record<string, number> | null,
  positiveClass: string | null,
): number | null {
  const v = score ?? (positiveClass !== null && scores ? (scores[positiveClass] ?? null) : null);
  return v !== null && Number.isFinite(v) ? v : null;
}

/** Same predicted class: compared by classKey, so 1, 1.0 and "1" agree (as lib/quality counts them). */
export const samePrediction = (a: RawValue, b: RawValue) => classKey(a) === classKey(b);

/**
 * 95% confidence interval of acc(shadow) − acc(production) measured on the same n rows (paired proportions).
 * b: rows only production got right, c: rows only the shadow got right. Δ = (c − b)/n and, conditioning on
 * nothing but n, var(Δ) = (b + c − (b − c)²/n) / n² (the variance used with McNemar's test; Wald interval).
 */
export function pairedAccuracyDelta(
  b: number,
  c: number,
  n: number,
): { estimate: number; ciLow: number; ciHigh: number } | null {
  if (n <= 0) return null;
  const estimate = (c - b) / n;
  const variance = Math.max(0, (b + c - (b - c) ** 2 / n) / (n * n));
  const half = Z95 * Math.sqrt(variance);
  return { estimate, ciLow: estimate - half, ciHigh: estimate + half };
}

/** Equal bins on [0, 1] (or [0, max] when a difference exceeds 1); the last bin includes its upper edge. */
export function histogram(values: number[], bins = HISTOGRAM_BINS) {
  const max = values.reduce((m, v) => Math.max(m, v), 0);
  const top = Math.max(max, 1);
  const width = top / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor(v / width))]! += 1;
  return counts.map((count, i) => ({
    lower: i * width,
    upper: i === bins - 1 ? top : (i + 1) * width,
    count,
  }));
}

type Segments = Map<string, Map<string, { n: number; agreed: number }>>;

function countSegments(segments: Segments, features: Record<string, unknown>, agree: boolean): void {
  for (const [name, value] of Object.entries(features)) {
    if (typeof value !== "string") continue;
    let values = segments.get(name);
    if (!values) {
      if (segments.size >= MAX_TRACKED_FEATURES) continue;
      values = new Map();
      segments.set(name, values);
    }
    let cell = values.get(value);
    if (!cell) {
      if (values.size >= MAX_TRACKED_VALUES) continue;
      cell = { n: 0, agreed: 0 };
      values.set(value, cell);
    }
    cell.n += 1;
    if (agree) cell.agreed += 1;
  }
}

/** Top MAX_SEGMENT_VALUES values by count of the MAX_SEGMENT_FEATURES features seen on the most rows. */
export function topSegments(segments: Segments): ComparisonResponse["bySegment"] {
  const features = [...segments.entries()]
    .map(([feature, values]) => ({
      feature,
      values,
      total: [...values.values()].reduce((s, c) => s + c.n, 0),
    }))
    .sort((a, b) => b.total - a.total || (a.feature < b.feature ? -1 : 1))
    .slice(0, MAX_SEGMENT_FEATURES)
    .sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
  return features.flatMap(({ feature, values }) =>
    [...values.entries()]
      .sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_SEGMENT_VALUES)
      .map(([value, c]) => ({ feature, value, n: c.n, agreed: c.agreed, agreement: c.agreed / c.n })),
  );
}

function side(m: QualityMetrics) {
  return { accuracy: m.accuracy, f1: m.f1, rocAuc: m.rocAuc, mae: m.mae, rmse: m.rmse };
}

function latency(values: number[]) {
  const [p50, p95, p99] = percentiles(values, [50, 95, 99]);
  return { p50: p50 ?? null, p95: p95 ?? null, p99: p99 ?? null };
}

/** Streams the joined ok rows of one shadow in [from, to), oldest first, PAGE_ROWS at a time. */
async function* joinedRows(database: Database, ref: ShadowRef, from: number, to: number, pageRows: number) {
  const { raw } = database;
  let after: { ts: unknown; id: string } | null = null;
  for (;;) {
    const keyset = after ? `AND (sp."ts" > ? OR (sp."ts" = ? AND sp."predictionId" > ?))` : "";
    const params: unknown[] = [ref.modelId, ref.id, raw.time(from), raw.time(to)];
    if (after) params.push(after.ts, after.ts, after.id);
    const rows: JoinedRow[] = await raw.query<JoinedRow>(
      `SELECT sp."predictionId" AS "predictionId", sp."ts" AS "ts", sp."prediction" AS "sPrediction",
              sp."score" AS "sScore", sp."scores" AS "sScores", sp."latencyMs" AS "sLatency",
              p."prediction" AS "pPrediction", p."score" AS "pScore", p."scores" AS "pScores",
              p."latencyMs" AS "pLatency", p."features" AS "features", l."label" AS "label"
         FROM "ShadowPrediction" sp
         JOIN "Prediction" p ON p."modelId" = ? AND p."id" = sp."predictionId"
         LEFT JOIN "Label" l ON l."modelId" = p."modelId" AND l."id" = p."id"
        WHERE sp."shadowId" = ? AND sp."status" = 'ok' AND sp."ts" >= ? AND sp."ts" < ? ${keyset}
        ORDER BY sp."ts", sp."predictionId"
        LIMIT ${pageRows}`,
      params,
    );
    for (const r of rows) yield r;
    if (rows.length < pageRows) return;
    const last = rows[rows.length - 1]!;
    after = { ts: raw.time(raw.readTime(last.ts)), id: last.predictionId };
  }
}

export async function readComparison(
  database: Database,
  q: { id: number; from: number; to: number },
  options: { pageRows?: number } = {},
): Promise<ComparisonResponse> {
  const ref = await shadowRef(database, q.id);
  const { raw } = database;
  const opts = { task: ref.task, positiveClass: ref.positiveClass };

  const statusRows = await raw.query<{ status: string; n: unknown }>(
    `SELECT "status", COUNT(*) AS "n" FROM "ShadowPrediction"
      WHERE "shadowId" = ? AND "ts" >= ? AND "ts" < ? AND "status" <> 'ok' GROUP BY "status"`,
    [ref.id, raw.time(q.from), raw.time(q.to)],
  );
  const statusCount = (s: string) => Number(statusRows.find((r) => r.status === s)?.n ?? 0);

  const bucket = q.to - q.from > 31 * DAY ? DAY : HOUR;
  const timeline = new Map<number, { n: number; agreed: number }>();
  const segments: Segments = new Map();
  const diffs: number[] = [];
  const shadowLatency: number[] = [];
  const productionLatency: number[] = [];
  let production: QualityState = createQualityState();
  let shadow: QualityState = createQualityState();
  let evaluated = 0;
  let agreed = 0;
  let labeled = 0;
  let productionOnly = 0;
  let shadowOnly = 0;
  let diffSum = 0;

  for await (const r of joinedRows(database, ref, q.from, q.to, options.pageRows ?? PAGE_ROWS)) {
    const sPred = parseValue(r.sPrediction);
    const pPred = parseValue(r.pPrediction);
    if (sPred === null || pPred === null) continue;
    const sScores = parseScores(r.sScores);
    const pScores = parseScores(r.pScores);
    const sScore = num(r.sScore);
    const pScore = num(r.pScore);
    const agree = samePrediction(sPred, pPred);
    evaluated += 1;
    if (agree) agreed += 1;

    const start = Math.floor(raw.readTime(r.ts) / bucket) * bucket;
    const cell = timeline.get(start) ?? { n: 0, agreed: 0 };
    cell.n += 1;
    if (agree) cell.agreed += 1;
    timeline.set(start, cell);

    const a = comparableScore(sScore, sScores, ref.positiveClass);
    const b = comparableScore(pScore, pScores, ref.positiveClass);
    if (a !== null && b !== null) {
      const d = Math.abs(a - b);
      diffs.push(d);
      diffSum += d;
    }
    const sl = num(r.sLatency);
    if (sl !== null && Number.isFinite(sl)) shadowLatency.push(sl);
    const pl = num(r.pLatency);
    if (pl !== null && Number.isFinite(pl)) productionLatency.push(pl);

    countSegments(segments, JSON.parse(r.features) as Record<string, unknown>, agree);

    const label = parseValue(r.label);
    if (label !== null) {
      labeled += 1;
      addSample(production, { prediction: pPred, label, score: pScore, scores: pScores }, opts);
      addSample(shadow, { prediction: sPred, label, score: sScore, scores: sScores }, opts);
      const pRight = samePrediction(pPred, label);
      const sRight = samePrediction(sPred, label);
      if (pRight && !sRight) productionOnly += 1;
      if (sRight && !pRight) shadowOnly += 1;
    }
  }

  const pm = computeQualityMetrics(production, opts);
  const sm = computeQualityMetrics(shadow, opts);
  // Discordant counts need "right" to be defined: classification only.
  const delta =
    ref.task === "regression" || pm.accuracy === null
      ? null
      : pairedAccuracyDelta(productionOnly, shadowOnly, pm.labeled);
  production = createQualityState();
  shadow = createQualityState();

  return {
    id: ref.id,
    model: ref.model,
    name: ref.name,
    task: ref.task,
    positiveClass: ref.positiveClass,
    from: iso(q.from),
    to: iso(q.to),
    evaluated,
    errors: statusCount("error"),
    skipped: statusCount("skipped"),
    agreed,
    agreement: evaluated > 0 ? agreed / evaluated : null,
    scored: diffs.length,
    meanAbsScoreDiff: diffs.length > 0 ? diffSum / diffs.length : null,
    scoreDiffHistogram: diffs.length > 0 ? histogram(diffs) : [],
    latencyMs: latency(shadowLatency),
    productionLatencyMs: latency(productionLatency),
    labeled,
    production: side(pm),
    shadow: side(sm),
    accuracyDelta: delta ? { ...delta, discordant: { productionOnly, shadowOnly } } : null,
    bySegment: topSegments(segments),
    timeline: [...timeline.entries()]
      .sort((x, y) => x[0] - y[0])
      .map(([start, c]) => ({ start: iso(start), n: c.n, agreed: c.agreed })),
  };
}
