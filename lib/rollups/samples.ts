// Loads the predictions of one model version in [from, to), each joined with its label if one has arrived.
import type { Database } from "../db/client";
import type { QualitySample, RawValue } from "../quality";

export interface JoinedSample extends QualitySample {
  ts: number;
  /** Seconds from prediction to label (label timestamp, which defaults to its arrival); null when unlabeled. */
  labelDelaySeconds: number | null;
}

type Row = {
  prediction: string;
  score: number | null;
  scores: string | null;
  ts: unknown;
  label: string | null;
  labelTs: unknown;
};

export async function loadSamples(
  database: Database,
  q: { modelId: number; versionId: number; from: number; to: number },
): Promise<JoinedSample[]> {
  const { raw } = database;
  const rows = await raw.query<Row>(
    `SELECT p."prediction", p."score", p."scores", p."ts", l."label", l."ts" AS "labelTs"
       FROM "Prediction" p LEFT JOIN "Label" l ON l."modelId" = p."modelId" AND l."id" = p."id"
      WHERE p."modelId" = ? AND p."versionId" = ? AND p."ts" >= ? AND p."ts" < ?`,
    [q.modelId, q.versionId, raw.time(q.from), raw.time(q.to)],
  );
  return rows.map((r) => {
    const ts = raw.readTime(r.ts);
    const labeled = r.label !== null;
    return {
      ts,
      prediction: JSON.parse(r.prediction) as RawValue,
      label: labeled ? (JSON.parse(r.label!) as RawValue) : null,
      score: r.score === null ? null : Number(r.score),
      scores: r.scores ? (JSON.parse(r.scores) as Record<string, number>) : null,
      labelDelaySeconds: labeled ? Math.max(0, (raw.readTime(r.labelTs) - ts) / 1000) : null,
    };
  });
}

/** Percentile with linear interpolation between closest ranks (numpy's default). */
export function percentile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
