import { contract } from "@/lib/api/contract";
import { seriesList } from "@/lib/promql/http/handlers";
import { promRoute } from "@/lib/promql/http/route";

export const GET = promRoute(contract.promSeries, seriesList);
export const POST = promRoute({ ...contract.promSeries, method: "POST" }, seriesList);
