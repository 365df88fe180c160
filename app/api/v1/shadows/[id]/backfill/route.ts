import { contract } from "@/lib/api/contract";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";
import { getBackfill, startBackfill } from "@/lib/shadow/backfill";

export const POST = handle(contract.startShadowBackfill, async ({ req, database, params }) => {
  const range = contract.startShadowBackfill.body.parse(await readJsonBody(req, 64 * 1024));
  return { backfill: await startBackfill(database, params.id, range) };
});

export const GET = handle(contract.getShadowBackfill, async ({ database, params }) => ({
  backfill: await getBackfill(database, params.id),
}));
