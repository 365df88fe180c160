import { contract } from "@/lib/api/contract";
import { readDrift } from "@/lib/drift/read";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.modelDrift, async ({ database, params, query }) =>
  readDrift(database, { model: params.model, ...query }),
);
