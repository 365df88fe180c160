import { contract } from "@/lib/api/contract";
import { ingestResult } from "@/lib/api/ingest-response";
import { env } from "@/lib/config/env";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";
import { ingestLabels } from "@/lib/ingest/labels";

export const POST = handle(contract.postLabels, async ({ req, database }) => {
  const body = await readJsonBody(req, env().VIGIL_MAX_BODY_BYTES);
  return ingestResult(await ingestLabels(database, body, env().VIGIL_MAX_BATCH_ROWS));
});
