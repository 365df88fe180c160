import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { markEndpoint } from "@/lib/cluster/endpoint-job";
import {
  createEndpoint,
  endpointInfoOf,
  endpointInfos,
  endpointInput,
  listEndpoints,
} from "@/lib/cluster/endpoints";
import { readJsonBody } from "@/lib/http/body";
import { handle, json } from "@/lib/http/handler";

export const GET = handle(contract.listServingEndpoints, async ({ database, query }) => ({
  endpoints: await endpointInfos(database, await listEndpoints(database, { model: query.model })),
}));

export const POST = handle(contract.createServingEndpoint, async ({ req, database, principal }) => {
  const input = endpointInput.parse(await readJsonBody(req, 64 * 1024));
  const row = await createEndpoint(database, input);
  await recordAudit(database, principal, {
    action: "serving-endpoint.create",
    targetType: "serving-endpoint",
    targetId: row.id,
    summary: `added serving endpoint "${row.name}" (${row.kind})`,
  });
  if (row.enabled) await markEndpoint(database, row.id); // first check at once, then on its grid
  return json({ endpoint: await endpointInfoOf(database, row) }, 201);
});
