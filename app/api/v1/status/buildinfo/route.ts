import { contract } from "@/lib/api/contract";
import { buildInfo } from "@/lib/promql/http/handlers";
import { promRoute } from "@/lib/promql/http/route";

export const GET = promRoute(contract.promBuildInfo, () => buildInfo());
