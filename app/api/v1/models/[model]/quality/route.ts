import { contract } from "@/lib/api/contract";
import { handle } from "@/lib/http/handler";
import { readQuality } from "@/lib/rollups/quality-read";

export const GET = handle(contract.modelQuality, async ({ database, params, query }) =>
  readQuality(database, { model: params.model, ...query }),
);
