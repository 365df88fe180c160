import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";
import { retentionPatch } from "@/lib/retention/policy";
import { patchRetention, retentionStatus } from "@/lib/retention/store";

export const GET = handle(contract.getRetention, async ({ database }) => ({
  retention: await retentionStatus(database),
}));

export const PATCH = handle(contract.patchRetention, async ({ req, database, principal }) => {
  const patch = retentionPatch.parse(await readJsonBody(req, 16 * 1024));
  await patchRetention(database, patch);
  await recordAudit(database, principal, {
    action: "retention.update",
    targetType: "retention",
    summary: `changed retention: ${JSON.stringify(patch)}`,
    details: patch,
  });
  return { retention: await retentionStatus(database) };
});
