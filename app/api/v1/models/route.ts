import { contract } from "@/lib/api/contract";
import { env } from "@/lib/config/env";
import { handle } from "@/lib/http/handler";
import { listModelOverviews } from "@/lib/registry/overview";

export const GET = handle(contract.listModels, async ({ database }) => ({
  models: await listModelOverviews(database, Date.now(), env().VIGIL_STALE_AFTER_MINUTES * 60_000),
}));
