import { contract } from "@/lib/api/contract";
import { metadata } from "@/lib/promql/http/handlers";
import { promRoute } from "@/lib/promql/http/route";

export const GET = promRoute(contract.promMetadata, (database) => metadata(database));
