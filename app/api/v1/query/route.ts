import { contract } from "@/lib/api/contract";
import { query } from "@/lib/promql/http/handlers";
import { promRoute } from "@/lib/promql/http/route";

export const GET = promRoute(contract.promQuery, query);
export const POST = promRoute({ ...contract.promQuery, method: "POST" }, query);
