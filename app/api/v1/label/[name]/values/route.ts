import { contract } from "@/lib/api/contract";
import { labelValues } from "@/lib/promql/http/handlers";
import { promRoute } from "@/lib/promql/http/route";

export const GET = promRoute(contract.promLabelValues, (database, params, path) =>
  labelValues(database, path.name, params),
);
