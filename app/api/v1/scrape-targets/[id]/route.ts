import { contract } from "@/lib/api/contract";
import { markScrapeTarget, markTargetGone } from "@/lib/cluster/scrape-job";
import { deleteTarget, infoOf, patchTarget, targetPatch, targetRow } from "@/lib/cluster/targets";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.getScrapeTarget, async ({ database, params }) => ({
  target: infoOf(await targetRow(database, params.id)),
}));

export const PATCH = handle(contract.patchScrapeTarget, async ({ req, database, params }) => {
  const patch = targetPatch.parse(await readJsonBody(req, 64 * 1024));
  const row = await patchTarget(database, params.id, patch);
  // Enabled: scrape with the new settings at once. Disabled: the job ends the next time it runs.
  if (row.enabled) await markScrapeTarget(database, row.id);
  return { target: infoOf(row) };
});

export const DELETE = handle(contract.deleteScrapeTarget, async ({ database, params }) => {
  const row = await deleteTarget(database, params.id);
  await markTargetGone(database, row);
  return new Response(null, { status: 204 });
});
