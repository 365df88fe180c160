// Reading and replacing a model's drift settings. A change re-marks the drift job of every stored hour, so
// the drift series are rewritten against the new reference, tests and thresholds.
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { markDriftWindows } from "../jobs/mark";
import { type DriftConfig, driftConfigSchema, parseDriftConfig } from "./config";

async function modelNamed(database: Database, name: string) {
  const model = await database.db.model.findUnique({ where: { name } });
  if (!model) throw new HttpError(404, `model "${name}" not found`);
  return model;
}

export async function getDriftConfig(database: Database, modelName: string): Promise<DriftConfig> {
  return parseDriftConfig((await modelNamed(database, modelName)).driftConfig);
}

export async function putDriftConfig(
  database: Database,
  modelName: string,
  input: unknown,
): Promise<DriftConfig> {
  const model = await modelNamed(database, modelName);
  const config = driftConfigSchema.parse(input);
  const pinned = config.reference;
  if (pinned && "profile" in pinned) {
    const profile = await database.db.driftProfile.findUnique({
      where: { modelId_name: { modelId: model.id, name: pinned.profile } },
    });
    if (profile?.status !== "ready")
      throw new HttpError(
        400,
        `reference.profile: model "${modelName}" has no ready reference dataset "${pinned.profile}"${profile ? ` (it is ${profile.status})` : ""}`,
      );
  }
  const { raw } = database;
  const windows = await raw.query<{ versionId: number; windowStart: unknown }>(
    `SELECT DISTINCT "versionId", "windowStart" FROM "DriftSketch" WHERE "modelId" = ? AND "window" = '1h'`,
    [model.id],
  );
  await raw.batch([
    {
      sql: `UPDATE "Model" SET "driftConfig" = ? WHERE "id" = ?`,
      params: [JSON.stringify(config), model.id],
    },
    ...markDriftWindows(
      raw,
      windows.map((w) => ({
        modelId: model.id,
        versionId: Number(w.versionId),
        windowStart: raw.readTime(w.windowStart),
      })),
    ),
  ]);
  return config;
}
