import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";
import { getBackfill, startBackfill } from "@/lib/shadow/backfill";

export const POST = handle(contract.startShadowBackfill, async ({ req, database, params, principal }) => {
  const range = contract.startShadowBackfill.body.parse(await readJsonBody(req, 64 * 1024));
  const backfill = await startBackfill(database, params.id, range);
  await recordAudit(database, principal, {
    action: "shadow.backfill",
    targetType: "shadow",
    targetId: params.id,
    summary: `started a backfill of shadow ${params.id}`,
    details: range,
  });
  return { backfill };
});

export const GET = handle(contract.getShadowBackfill, async ({ database, params }) => ({
  backfill: await getBackfill(database, params.id),
}));
