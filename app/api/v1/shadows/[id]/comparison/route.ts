import { contract } from "@/lib/api/contract";
import { handle } from "@/lib/http/handler";
import { readComparison } from "@/lib/shadow/comparison";

export const GET = handle(contract.shadowComparison, async ({ database, params, query }) =>
  readComparison(database, { id: params.id, from: query.from, to: query.to }),
);
