import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { createDataSource, dataSourceInput, listDataSources } from "@/lib/datasources/store";
import { readJsonBody } from "@/lib/http/body";
import { handle, json } from "@/lib/http/handler";

export const GET = handle(contract.listDataSources, async ({ database }) => ({
  datasources: await listDataSources(database),
}));

export const POST = handle(contract.createDataSource, async ({ req, database, principal }) => {
  const input = dataSourceInput.parse(await readJsonBody(req, 64 * 1024));
  const datasource = await createDataSource(database, input);
  await recordAudit(database, principal, {
    action: "data-source.create",
    targetType: "data-source",
    targetId: datasource.name,
    summary: `added data source "${datasource.name}" (${datasource.kind}, auth ${datasource.authType})`,
  });
  return json({ datasource }, 201);
});
