import { contract } from "@/lib/api/contract";
import { readDistribution } from "@/lib/drift/read";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.driftDistribution, async ({ database, params, query }) =>
  readDistribution(database, { model: params.model, ...query }),
);
