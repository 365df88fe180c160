// POST /api/v1/write: the Prometheus remote-write 1.0 receiver. Statuses as the spec asks: 204 stored; 400
// for data the sender must not retry (malformed, or rejected series/samples — the rest is stored); 413/415
// for a body that is too large or not remote write 1.0; 5xx (a database failure) is retried by the sender,
// which is safe because identical samples sent again are ignored.
import { env } from "../config/env";
import { readBytes } from "../http/body";
import { handle, json } from "../http/handler";
import { storeWriteRequest } from "../ingest/remote-write";
import { checkRemoteWriteHeaders, decodeWriteRequest, timeWindow } from "../remote-write";
import { contract } from "./contract";

export const postRemoteWrite = handle(contract.remoteWrite, async ({ req, database }) => {
  checkRemoteWriteHeaders(req.headers);
  const settings = env();
  const body = await readBytes(req, settings.VIGIL_MAX_BODY_BYTES);
  const request = decodeWriteRequest(body);
  const outcome = await storeWriteRequest(
    database,
    request,
    timeWindow({ maxFutureMs: settings.VIGIL_MAX_FUTURE_SECONDS * 1000 }),
  );
  if (outcome.rejected === 0) return new Response(null, { status: 204 });
  return json(
    {
      error: `${outcome.rejected} of ${outcome.samples} samples rejected (the other ${outcome.stored + outcome.duplicates} were stored or already present): ${outcome.problems.join("; ")}`,
      ...outcome,
    },
    400,
  );
});
