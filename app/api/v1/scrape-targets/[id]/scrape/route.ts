import { contract } from "@/lib/api/contract";
import { scrapeOnce } from "@/lib/cluster/scrape-job";
import { targetRow } from "@/lib/cluster/targets";
import { handle } from "@/lib/http/handler";

export const POST = handle(contract.scrapeTargetNow, async ({ database, params }) => {
  const r = await scrapeOnce(database, await targetRow(database, params.id));
  return {
    result: {
      at: new Date(r.at).toISOString(),
      up: r.up,
      error: r.error,
      durationMs: r.durationMs,
      samples: r.samples,
      staleMarked: r.staleMarked,
    },
  };
});
