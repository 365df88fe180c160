import { contract } from "@/lib/api/contract";
import { checkEndpointNow } from "@/lib/cluster/endpoint-job";
import { endpointInfoOf } from "@/lib/cluster/endpoints";
import { handle } from "@/lib/http/handler";

export const POST = handle(contract.checkServingEndpointNow, async ({ database, params }) => ({
  endpoint: await endpointInfoOf(database, await checkEndpointNow(database, params.id)),
}));
