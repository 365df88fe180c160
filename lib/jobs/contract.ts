// Job kinds and their payload schemas, parsed where jobs are marked and where they are run.
import { z } from "zod";
import type { Database } from "../db/client";
import { recomputeQualityWindow } from "../rollups/quality-window";
import { QUALITY_JOB } from "./mark";

export const qualityWindowPayload = z.object({
  modelId: z.number().int(),
  versionId: z.number().int(),
  window: z.enum(["1h", "1d"]),
  windowStart: z.number().int(),
});

export const processors: Record<string, (database: Database, payload: unknown) => Promise<unknown>> = {
  [QUALITY_JOB]: (database, payload) => recomputeQualityWindow(database, qualityWindowPayload.parse(payload)),
};

export const JOB_KINDS = Object.keys(processors);
