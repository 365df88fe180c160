// Job kinds and their payload schemas, parsed where jobs are marked and where they are run.
import { z } from "zod";
import type { Database } from "../db/client";
import { recomputeDriftDay, recomputeDriftWindow } from "../drift/window-job";
import { recomputeQualityWindow } from "../rollups/quality-window";
import { DRIFT_DAY_JOB, DRIFT_JOB, QUALITY_JOB } from "./mark";

export const qualityWindowPayload = z.object({
  modelId: z.number().int(),
  versionId: z.number().int(),
  window: z.enum(["1h", "1d"]),
  windowStart: z.number().int(),
});

export const driftWindowPayload = z.object({
  modelId: z.number().int(),
  versionId: z.number().int(),
  windowStart: z.number().int(),
});

export const driftDayPayload = z.object({
  modelId: z.number().int(),
  versionId: z.number().int(),
  dayStart: z.number().int(),
});

export const processors: Record<string, (database: Database, payload: unknown) => Promise<unknown>> = {
  [QUALITY_JOB]: (database, payload) => recomputeQualityWindow(database, qualityWindowPayload.parse(payload)),
  [DRIFT_JOB]: (database, payload) => recomputeDriftWindow(database, driftWindowPayload.parse(payload)),
  [DRIFT_DAY_JOB]: (database, payload) => recomputeDriftDay(database, driftDayPayload.parse(payload)),
};

export const JOB_KINDS = Object.keys(processors);
