import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { markEndpoint, markEndpointGone } from "@/lib/cluster/endpoint-job";
import {
  deleteEndpoint,
  endpointInfoOf,
  endpointPatch,
  endpointRow,
  patchEndpoint,
} from "@/lib/cluster/endpoints";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.getServingEndpoint, async ({ database, params }) => ({
  endpoint: await endpointInfoOf(database, await endpointRow(database, params.id)),
}));

export const PATCH = handle(contract.patchServingEndpoint, async ({ req, database, params, principal }) => {
  const patch = endpointPatch.parse(await readJsonBody(req, 64 * 1024));
  const before = await endpointRow(database, params.id);
  const row = await patchEndpoint(database, params.id, patch);
  await recordAudit(database, principal, {
    action: "serving-endpoint.update",
    targetType: "serving-endpoint",
    targetId: row.id,
    summary: `changed serving endpoint "${row.name}"`,
    details: { fields: Object.keys(patch) },
  });
  // The series carry the name: a renamed endpoint's old series end now, its checks continue under the new name.
  if (row.name !== before.name) await markEndpointGone(database, before.name);
  // Enabled: check with the new settings at once. Disabled: the job ends the next time it runs.
  if (row.enabled) await markEndpoint(database, row.id);
  return { endpoint: await endpointInfoOf(database, row) };
});

export const DELETE = handle(contract.deleteServingEndpoint, async ({ database, params, principal }) => {
  const row = await deleteEndpoint(database, params.id);
  await recordAudit(database, principal, {
    action: "serving-endpoint.delete",
    targetType: "serving-endpoint",
    targetId: row.id,
    summary: `removed serving endpoint "${row.name}"`,
  });
  await markEndpointGone(database, row.name);
  return new Response(null, { status: 204 });
});
