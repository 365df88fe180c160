// Which data is the reference: a pinned window (Model.driftConfig.reference), else the first 7 days of the
// version's predictions (of the model's, when no version is chosen).
import type { Database } from "../db/client";
import type { DriftConfig } from "./config";

export const DEFAULT_REFERENCE_MS = 7 * 86_400_000;

export interface ReferenceWindow {
  kind: "window";
  from: number;
  to: number;
  /** The version the reference data comes from; null: every version of the model. */
  versionId: number | null;
  /** query: given with the request; pinned: Model.driftConfig; default: the first 7 days. */
  source: "query" | "pinned" | "default";
}

/** An uploaded dataset (DriftProfile), pinned in Model.driftConfig. */
export interface ReferenceProfile {
  kind: "profile";
  profileId: number;
  name: string;
  rows: number;
  source: "profile";
}

export type Reference = ReferenceWindow | ReferenceProfile;

export async function resolveReference(
  database: Database,
  modelId: number,
  versionId: number | null,
  config: DriftConfig,
): Promise<Reference | null> {
  const pinned = config.reference;
  if (pinned && "profile" in pinned) {
    const profile = await database.db.driftProfile.findUnique({
      where: { modelId_name: { modelId, name: pinned.profile } },
    });
    // A pinned profile that is gone or not ready gives an empty reference, reported as such.
    const ready = profile?.status === "ready";
    return {
      kind: "profile",
      profileId: ready ? profile.id : -1,
      name: pinned.profile,
      rows: ready ? profile.rows : 0,
      source: "profile",
    };
  }
  if (pinned) {
    let refVersion: number | null = versionId;
    if (pinned.version) {
      const v = await database.db.modelVersion.findUnique({
        where: { modelId_name: { modelId, name: pinned.version } },
        select: { id: true },
      });
      refVersion = v?.id ?? -1; // an unknown version: an empty reference, reported as such
    }
    return {
      kind: "window",
      from: Date.parse(pinned.from),
      to: Date.parse(pinned.to),
      versionId: refVersion,
      source: "pinned",
    };
  }
  const [row] = await database.raw.query<{ first: unknown }>(
    `SELECT min("ts") AS "first" FROM "Prediction" WHERE "modelId" = ? ${versionId === null ? "" : `AND "versionId" = ?`}`,
    versionId === null ? [modelId] : [modelId, versionId],
  );
  if (!row || row.first === null || row.first === undefined) return null;
  const from = database.raw.readTime(row.first);
  return { kind: "window", from, to: from + DEFAULT_REFERENCE_MS, versionId, source: "default" };
}
