import { contract } from "@/lib/api/contract";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";
import { retentionPatch } from "@/lib/retention/policy";
import { patchRetention, retentionStatus } from "@/lib/retention/store";

export const GET = handle(contract.getRetention, async ({ database }) => ({
  retention: await retentionStatus(database),
}));

export const PATCH = handle(contract.patchRetention, async ({ req, database }) => {
  await patchRetention(database, retentionPatch.parse(await readJsonBody(req, 16 * 1024)));
  return { retention: await retentionStatus(database) };
});
