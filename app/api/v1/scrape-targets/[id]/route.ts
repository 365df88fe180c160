import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { markScrapeTarget, markTargetGone } from "@/lib/cluster/scrape-job";
import { deleteTarget, infoOf, patchTarget, targetPatch, targetRow } from "@/lib/cluster/targets";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

export const GET = handle(contract.getScrapeTarget, async ({ database, params }) => ({
  target: infoOf(await targetRow(database, params.id)),
}));

export const PATCH = handle(contract.patchScrapeTarget, async ({ req, database, params, principal }) => {
  const patch = targetPatch.parse(await readJsonBody(req, 64 * 1024));
  const row = await patchTarget(database, params.id, patch);
  await recordAudit(database, principal, {
    action: "scrape-target.update",
    targetType: "scrape-target",
    targetId: row.id,
    summary: `changed scrape target ${row.job}/${row.instance}`,
    details: { fields: Object.keys(patch) },
  });
  // Enabled: scrape with the new settings at once. Disabled: the job ends the next time it runs.
  if (row.enabled) await markScrapeTarget(database, row.id);
  return { target: infoOf(row) };
});

export const DELETE = handle(contract.deleteScrapeTarget, async ({ database, params, principal }) => {
  const row = await deleteTarget(database, params.id);
  await recordAudit(database, principal, {
    action: "scrape-target.delete",
    targetType: "scrape-target",
    targetId: row.id,
    summary: `removed scrape target ${row.job}/${row.instance}`,
  });
  await markTargetGone(database, row);
  return new Response(null, { status: 204 });
});
