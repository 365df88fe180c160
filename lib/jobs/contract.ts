// Job kinds and their payload schemas, parsed where jobs are marked and where they are run.
import { z } from "zod";
import { runAlertDispatch, runAlertSend } from "../alerts/dispatch-job";
import { evaluateAlertGroup } from "../alerts/eval-job";
import { runEndpointJob } from "../cluster/endpoint-job";
import { runGpuCollectJob } from "../cluster/nvidia-smi-job";
import { runScrapeJob } from "../cluster/scrape-job";
import type { Database } from "../db/client";
import { recomputeDriftBucket, recomputeDriftDay, recomputeDriftWindow } from "../drift/window-job";
import { runExperimentJob } from "../experiments/job";
import { runRetentionJob } from "../retention/job";
import { recomputeQualityWindow } from "../rollups/quality-window";
import { runShadowJob } from "../shadow/run-job";
import { recomputeShadowBucket, recomputeShadowWindow } from "../shadow/window-job";
import {
  ALERT_DISPATCH_JOB,
  ALERT_EVAL_JOB,
  ALERT_SEND_JOB,
  DRIFT_BUCKET_JOB,
  DRIFT_DAY_JOB,
  DRIFT_JOB,
  ENDPOINT_CHECK_JOB,
  EXPERIMENT_RESULTS_JOB,
  GPU_COLLECT_JOB,
  QUALITY_JOB,
  RETENTION_JOB,
  SCRAPE_JOB,
  SHADOW_BUCKET_JOB,
  SHADOW_RUN_JOB,
  SHADOW_WINDOW_JOB,
} from "./mark";

export const qualityWindowPayload = z.object({
  modelId: z.number().int(),
  versionId: z.number().int(),
  window: z.enum(["5m", "1h", "1d"]),
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

export const shadowRunPayload = z.object({ shadowId: z.number().int() });

export const shadowWindowPayload = z.object({
  shadowId: z.number().int(),
  windowStart: z.number().int(),
});

export const experimentResultsPayload = z.object({ experimentId: z.number().int() });

export const alertEvalPayload = z.object({ groupId: z.number().int() });

export const scrapePayload = z.object({ targetId: z.number().int() });

export const endpointCheckPayload = z.object({ endpointId: z.number().int() });

export const gpuCollectPayload = z.object({ host: z.string() });

export const processors: Record<string, (database: Database, payload: unknown) => Promise<unknown>> = {
  [QUALITY_JOB]: (database, payload) => recomputeQualityWindow(database, qualityWindowPayload.parse(payload)),
  [DRIFT_BUCKET_JOB]: (database, payload) =>
    recomputeDriftBucket(database, driftWindowPayload.parse(payload)),
  [DRIFT_JOB]: (database, payload) => recomputeDriftWindow(database, driftWindowPayload.parse(payload)),
  [DRIFT_DAY_JOB]: (database, payload) => recomputeDriftDay(database, driftDayPayload.parse(payload)),
  [SHADOW_RUN_JOB]: (database, payload) => runShadowJob(database, shadowRunPayload.parse(payload)),
  [SHADOW_BUCKET_JOB]: (database, payload) =>
    recomputeShadowBucket(database, shadowWindowPayload.parse(payload)),
  [SHADOW_WINDOW_JOB]: (database, payload) =>
    recomputeShadowWindow(database, shadowWindowPayload.parse(payload)),
  [EXPERIMENT_RESULTS_JOB]: (database, payload) =>
    runExperimentJob(database, experimentResultsPayload.parse(payload)),
  [ALERT_EVAL_JOB]: (database, payload) => evaluateAlertGroup(database, alertEvalPayload.parse(payload)),
  // One row each, no payload: dispatch reads every rule state, send every due outbox row.
  [ALERT_DISPATCH_JOB]: (database) => runAlertDispatch(database),
  [ALERT_SEND_JOB]: (database) => runAlertSend(database),
  [SCRAPE_JOB]: (database, payload) => runScrapeJob(database, scrapePayload.parse(payload)),
  [ENDPOINT_CHECK_JOB]: (database, payload) => runEndpointJob(database, endpointCheckPayload.parse(payload)),
  [GPU_COLLECT_JOB]: (database, payload) => runGpuCollectJob(database, gpuCollectPayload.parse(payload)),
  [RETENTION_JOB]: (database) => runRetentionJob(database),
};

export const JOB_KINDS = Object.keys(processors);
