// The three ingest endpoints. Next.js serves them from app/api/v1/*/route.ts; the production server
// (scripts/start.ts) also answers them directly on node:http, skipping Next's request pipeline, which costs
// more than the insert itself on a 250 KB batch (see docs/benchmarks.md).
import { env } from "../config/env";
import { readJsonBody } from "../http/body";
import { handle } from "../http/handler";
import { ingestEvents } from "../ingest/events";
import { ingestLabels } from "../ingest/labels";
import { ingestPredictions } from "../ingest/predictions";
import { contract } from "./contract";
import { ingestResult } from "./ingest-response";

export const postPredictions = handle(contract.postPredictions, async ({ req, database }) => {
  const body = await readJsonBody(req, env().VIGIL_MAX_BODY_BYTES);
  return ingestResult(await ingestPredictions(database, body, env().VIGIL_MAX_BATCH_ROWS));
});

export const postLabels = handle(contract.postLabels, async ({ req, database }) => {
  const body = await readJsonBody(req, env().VIGIL_MAX_BODY_BYTES);
  return ingestResult(await ingestLabels(database, body, env().VIGIL_MAX_BATCH_ROWS));
});

export const postEvents = handle(contract.postEvents, async ({ req, database }) => {
  const body = await readJsonBody(req, env().VIGIL_MAX_BODY_BYTES);
  return ingestResult(await ingestEvents(database, body, env().VIGIL_MAX_BATCH_ROWS));
});

/** Path → handler, for the production server's fast path. */
export const INGEST_ROUTES: Record<string, (req: Request) => Promise<Response>> = {
  "/api/v1/predictions": postPredictions,
  "/api/v1/labels": postLabels,
  "/api/v1/events": postEvents,
};
