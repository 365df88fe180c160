import { contract } from "@/lib/api/contract";
import { ingestResult } from "@/lib/api/ingest-response";
import { env } from "@/lib/config/env";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";
import { ingestPredictions } from "@/lib/ingest/predictions";

export const POST = handle(contract.postPredictions, async ({ req, database }) => {
  const body = await readJsonBody(req, env().VIGIL_MAX_BODY_BYTES);
  return ingestResult(await ingestPredictions(database, body, env().VIGIL_MAX_BATCH_ROWS));
});
