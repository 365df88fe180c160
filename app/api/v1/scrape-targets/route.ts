import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { markScrapeTarget } from "@/lib/cluster/scrape-job";
import { createTarget, infoOf, listTargets, targetInput } from "@/lib/cluster/targets";
import { readJsonBody } from "@/lib/http/body";
import { handle, json } from "@/lib/http/handler";

export const GET = handle(contract.listScrapeTargets, async ({ database }) => ({
  targets: await listTargets(database),
}));

export const POST = handle(contract.createScrapeTarget, async ({ req, database, principal }) => {
  const input = targetInput.parse(await readJsonBody(req, 64 * 1024));
  const row = await createTarget(database, input);
  await recordAudit(database, principal, {
    action: "scrape-target.create",
    targetType: "scrape-target",
    targetId: row.id,
    summary: `added scrape target ${row.job}/${row.instance} (${row.kind})`,
  });
  if (row.enabled) await markScrapeTarget(database, row.id); // first scrape at once, then on its grid
  return json({ target: infoOf(row) }, 201);
});
