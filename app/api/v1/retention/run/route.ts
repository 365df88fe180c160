import { contract } from "@/lib/api/contract";
import { handle } from "@/lib/http/handler";
import { runRetention } from "@/lib/retention/job";

export const POST = handle(contract.runRetention, async ({ database }) => {
  const r = await runRetention(database);
  return { deleted: r.deleted, done: r.done, durationMs: r.durationMs };
});
