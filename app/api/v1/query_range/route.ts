import { contract } from "@/lib/api/contract";
import { queryRange } from "@/lib/promql/http/handlers";
import { promRoute } from "@/lib/promql/http/route";

export const GET = promRoute(contract.promQueryRange, queryRange);
export const POST = promRoute({ ...contract.promQueryRange, method: "POST" }, queryRange);
