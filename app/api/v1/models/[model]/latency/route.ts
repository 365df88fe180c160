import { contract } from "@/lib/api/contract";
import { handle } from "@/lib/http/handler";
import { readLatency } from "@/lib/serving/latency-read";

export const GET = handle(contract.modelLatency, async ({ database, params, query }) =>
  readLatency(database, { model: params.model, ...query }),
);
