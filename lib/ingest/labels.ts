// Write path for POST /api/v1/labels. Labels may come before their prediction: they are stored either way,
// and the join happens when quality is computed.
import type { Database } from "../db/client";
import {
  markQualityWindows,
  markShadowBuckets,
  type QualityWindowPayload,
  qualityWindowsFor,
} from "../jobs/mark";
import { windowStart } from "../jobs/windows";
import { activeShadows } from "../shadow/active";
import { isResponse, openBatch, storeBatch } from "./batch";
import { fastLabelRow } from "./fast-rows";
import { type IngestResponse, labelRow } from "./schemas";

export async function ingestLabels(
  database: Database,
  body: unknown,
  maxRows: number,
): Promise<IngestResponse> {
  const batch = await openBatch(database, body, maxRows, {
    field: "labels",
    schema: labelRow,
    fast: fastLabelRow,
  });
  if (isResponse(batch)) return batch;
  const { raw } = database;
  const { rows, modelIds, now } = batch;
  const values = rows.map(({ row }) => [
    modelIds.get(row.model)!,
    row.id,
    JSON.stringify(row.label),
    raw.time(row.timestamp ?? now),
    raw.time(now),
  ]);
  const result = await storeBatch(database, batch, {
    table: "Label",
    columns: ["modelId", "id", "label", "ts", "receivedAt"],
    values,
  });

  // Look the predictions up only after the labels are committed: a prediction committed later marks its
  // own window, one committed earlier is found here. Either way no labeled window is missed.
  const windows = await windowsOfPredictions(
    database,
    rows.map((r) => ({ modelId: modelIds.get(r.row.model)!, id: r.row.id })),
  );
  if (windows.length > 0)
    await raw.batch([
      ...markQualityWindows(raw, windows, now),
      ...(await shadowBuckets(database, windows, now)),
    ]);
  return result;
}

/** Each active shadow's state of the labeled buckets (their rows may already be answered): its accuracy changes. */
async function shadowBuckets(database: Database, windows: QualityWindowPayload[], now: number) {
  const shadows = await activeShadows(database);
  const marks = windows.flatMap((w) =>
    (shadows.get(w.modelId) ?? []).map((shadowId) => ({
      shadowId,
      windowStart: windowStart(w.windowStart, "5m"),
    })),
  );
  return marks.length > 0 ? markShadowBuckets(database.raw, marks, now) : [];
}

async function windowsOfPredictions(
  database: Database,
  refs: Array<{ modelId: number; id: string }>,
): Promise<QualityWindowPayload[]> {
  const byModel = new Map<number, string[]>();
  for (const r of refs) byModel.set(r.modelId, [...(byModel.get(r.modelId) ?? []), r.id]);
  const byVersion = new Map<string, { modelId: number; versionId: number; ts: number[] }>();
  for (const [modelId, ids] of byModel) {
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      const found = await database.raw.query<{ versionId: number; ts: unknown }>(
        `SELECT "versionId", "ts" FROM "Prediction" WHERE "modelId" = ? AND "id" IN (${part.map(() => "?").join(",")})`,
        [modelId, ...part],
      );
      for (const f of found) {
        const key = `${modelId}:${f.versionId}`;
        const group = byVersion.get(key) ?? { modelId, versionId: Number(f.versionId), ts: [] };
        group.ts.push(database.raw.readTime(f.ts));
        byVersion.set(key, group);
      }
    }
  }
  return [...byVersion.values()].flatMap((g) => qualityWindowsFor(g.modelId, g.versionId, g.ts));
}
