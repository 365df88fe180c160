import { contract } from "@/lib/api/contract";
import { createDataSource, dataSourceInput, listDataSources } from "@/lib/datasources/store";
import { readJsonBody } from "@/lib/http/body";
import { handle, json } from "@/lib/http/handler";

export const GET = handle(contract.listDataSources, async ({ database }) => ({
  datasources: await listDataSources(database),
}));

export const POST = handle(contract.createDataSource, async ({ req, database }) => {
  const input = dataSourceInput.parse(await readJsonBody(req, 64 * 1024));
  return json({ datasource: await createDataSource(database, input) }, 201);
});
