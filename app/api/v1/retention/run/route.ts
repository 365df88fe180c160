import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { handle } from "@/lib/http/handler";
import { runRetention } from "@/lib/retention/job";

export const POST = handle(contract.runRetention, async ({ database, principal }) => {
  const r = await runRetention(database);
  await recordAudit(database, principal, {
    action: "retention.run",
    targetType: "retention",
    summary: "ran the retention sweep now",
    details: { deleted: r.deleted },
  });
  return { deleted: r.deleted, done: r.done, durationMs: r.durationMs };
});
