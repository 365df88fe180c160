// The three ingest endpoints. Next.js serves them from app/api/v1/*/route.ts; the production server
// (scripts/start.ts) also answers them directly on node:http, skipping Next's request pipeline, which costs
// more than the insert itself on a 250 KB batch (see docs/benchmarks.md).
import { env } from "../config/env";
import { postReference } from "../drift/profile/routes";
import { readJsonBody } from "../http/body";
import { handle } from "../http/handler";
import { ingestEvents } from "../ingest/events";
import { ingestLabels } from "../ingest/labels";
import { ingestPredictions } from "../ingest/predictions";
import { contract } from "./contract";
import { postImportPrometheus } from "./import-route";
import { ingestResult } from "./ingest-response";
import { postRemoteWrite } from "./remote-write-route";

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

/** Path → handler, for the production server's fast path (JSON bodies). */
export const INGEST_ROUTES: Record<string, (req: Request) => Promise<Response>> = {
  "/api/v1/predictions": postPredictions,
  "/api/v1/labels": postLabels,
  "/api/v1/events": postEvents,
};

export interface DirectRoute {
  handler: (req: Request) => Promise<Response>;
  /** Hand the body over as a stream (imports of any size) instead of reading it whole, up to the limit. */
  stream: boolean;
}

/** POST /api/v1/models/{model}/reference: a reference-dataset upload, streamed like an import. */
const REFERENCE_UPLOAD = /^\/api\/v1\/models\/([^/]+)\/reference$/;

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // malformed escapes: left to Next.js
  }
}

/**
 * The handler the production server calls directly for a POST, or undefined for Next.js. JSON only for the
 * ingest paths: a form-encoded POST /api/v1/labels is Prometheus' label-names query, served by Next.
 */
export function directIngestRoute(path: string, contentType: string | undefined): DirectRoute | undefined {
  if (path === "/api/v1/write") return { handler: postRemoteWrite, stream: false };
  if (path === "/api/v1/import/prometheus") return { handler: postImportPrometheus, stream: true };
  const reference = REFERENCE_UPLOAD.exec(path);
  if (reference) {
    const model = decodeSegment(reference[1]!);
    // Next.js passes path parameters to its handlers; here the model name comes from the path.
    if (model !== undefined)
      return { handler: (req) => postReference(req, { params: Promise.resolve({ model }) }), stream: true };
  }
  const json = /^application\/json/i.test(contentType ?? "");
  const handler = json ? INGEST_ROUTES[path] : undefined;
  return handler ? { handler, stream: false } : undefined;
}
