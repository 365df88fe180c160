// Read path of GET /api/v1/shadows/{id}/predictions: the rows a shadow answered, newest first, each with the
// production prediction, the label and the features; optionally only the disagreeing ones. Keyset-paged on
// (ts, predictionId) descending, the cursor being the last row's key. `disagreeing` is pre-filtered in SQL on
// the JSON text (different text is necessary for a different class) and decided in code by classKey (1 and "1"
// agree), scanning at most SCAN_LIMIT rows per request; a short page with a cursor means "keep going".
import type { z } from "zod";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import type { RawValue } from "../quality";
import { samePrediction, shadowRef } from "./comparison";
import type { shadowPredictionsResponse } from "./comparison-schemas";

export type ShadowPredictionsResponse = z.infer<typeof shadowPredictionsResponse>;
type Row = ShadowPredictionsResponse["rows"][number];

const SCAN_LIMIT = 5_000;

type DbRow = {
  predictionId: string;
  ts: unknown;
  status: string;
  sPrediction: string | null;
  sScore: number | null;
  sScores: string | null;
  sLatency: number | null;
  error: string | null;
  pPrediction: string;
  pScore: number | null;
  pScores: string | null;
  pLatency: number | null;
  features: string;
  label: string | null;
};

export function encodeCursor(ts: number, id: string): string {
  return Buffer.from(JSON.stringify([ts, id]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): { ts: number; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && typeof v[0] === "number" && Number.isFinite(v[0]) && typeof v[1] === "string")
      return { ts: v[0], id: v[1] };
  } catch {
    // fall through
  }
  throw new HttpError(400, "cursor: not a cursor returned by this endpoint");
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

function toRow(r: DbRow, ts: number): Row {
  const sPred = parse<RawValue>(r.sPrediction);
  const pPred = JSON.parse(r.pPrediction) as RawValue;
  return {
    id: r.predictionId,
    ts: new Date(ts).toISOString(),
    status: r.status as Row["status"],
    agree: sPred === null ? null : samePrediction(sPred, pPred),
    production: {
      prediction: pPred,
      score: num(r.pScore),
      scores: parse(r.pScores),
      latencyMs: num(r.pLatency),
    },
    shadow: {
      prediction: sPred,
      score: num(r.sScore),
      scores: parse(r.sScores),
      latencyMs: num(r.sLatency),
      error: r.error,
    },
    label: parse<RawValue>(r.label),
    features: parse<Record<string, unknown>>(r.features) ?? {},
  };
}

export async function readShadowPredictions(
  database: Database,
  q: {
    id: number;
    from: number;
    to: number;
    disagreeing: boolean;
    status: "ok" | "error" | "skipped" | "all";
    limit: number;
    cursor?: string;
  },
): Promise<ShadowPredictionsResponse> {
  const ref = await shadowRef(database, q.id);
  const { raw } = database;
  const status = q.disagreeing ? "ok" : q.status;
  let after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows: Row[] = [];
  let scanned = 0;
  let exhausted = false;
  let lastKey: { ts: number; id: string } | null = null;

  while (rows.length < q.limit && scanned < SCAN_LIMIT) {
    const take = q.disagreeing ? Math.min(1_000, SCAN_LIMIT - scanned) : q.limit - rows.length;
    const params: unknown[] = [ref.modelId, ref.id, raw.time(q.from), raw.time(q.to)];
    let where = "";
    if (status !== "all") {
      where += ` AND sp."status" = ?`;
      params.push(status);
    }
    if (q.disagreeing) where += ` AND sp."prediction" IS NOT NULL AND sp."prediction" <> p."prediction"`;
    if (after) {
      where += ` AND (sp."ts" < ? OR (sp."ts" = ? AND sp."predictionId" < ?))`;
      params.push(raw.time(after.ts), raw.time(after.ts), after.id);
    }
    const page = await raw.query<DbRow>(
      `SELECT sp."predictionId" AS "predictionId", sp."ts" AS "ts", sp."status" AS "status",
              sp."prediction" AS "sPrediction", sp."score" AS "sScore", sp."scores" AS "sScores",
              sp."latencyMs" AS "sLatency", sp."error" AS "error",
              p."prediction" AS "pPrediction", p."score" AS "pScore", p."scores" AS "pScores",
              p."latencyMs" AS "pLatency", p."features" AS "features", l."label" AS "label"
         FROM "ShadowPrediction" sp
         JOIN "Prediction" p ON p."modelId" = ? AND p."id" = sp."predictionId"
         LEFT JOIN "Label" l ON l."modelId" = p."modelId" AND l."id" = p."id"
        WHERE sp."shadowId" = ? AND sp."ts" >= ? AND sp."ts" < ?${where}
        ORDER BY sp."ts" DESC, sp."predictionId" DESC
        LIMIT ${take}`,
      params,
    );
    let used = 0;
    for (const r of page) {
      used += 1;
      const ts = raw.readTime(r.ts);
      lastKey = { ts, id: r.predictionId };
      const row = toRow(r, ts);
      if (!q.disagreeing || row.agree === false) rows.push(row);
      if (rows.length >= q.limit) break;
    }
    scanned += used;
    after = lastKey;
    if (used < page.length) break; // stopped inside the page: more rows remain
    if (page.length < take) {
      exhausted = true;
      break;
    }
  }
  return {
    id: ref.id,
    model: ref.model,
    name: ref.name,
    rows,
    nextCursor: exhausted || !lastKey ? null : encodeCursor(lastKey.ts, lastKey.id),
  };
}
