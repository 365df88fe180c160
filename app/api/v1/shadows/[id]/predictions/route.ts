import { contract } from "@/lib/api/contract";
import { handle } from "@/lib/http/handler";
import { readShadowPredictions } from "@/lib/shadow/predictions-page";

export const GET = handle(contract.shadowPredictions, async ({ database, params, query }) =>
  readShadowPredictions(database, { id: params.id, ...query }),
);
