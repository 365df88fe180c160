// Status of an ingest response: 200 all stored, 207 some rows rejected, 400 when every row was rejected.

import { json } from "../http/handler";
import type { IngestResponse } from "../ingest/schemas";

export function ingestResult(result: IngestResponse): Response {
  if (result.rejected.length === 0) return json(result, 200);
  if (result.accepted + result.duplicates === 0)
    return json(
      {
        error: `no valid rows; first problem: row ${result.rejected[0]!.index}: ${result.rejected[0]!.error}`,
        ...result,
      },
      400,
    );
  return json(result, 207);
}
