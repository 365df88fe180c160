import { markAlertDispatch } from "@/lib/alerts/dispatch-job";
import { currentAlerts } from "@/lib/alerts/reads";
import { expireSilence, silenceInfo, silenceRow, updateSilence } from "@/lib/alerts/silence-store";
import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import type { Database } from "@/lib/db/client";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";

async function info(database: Database, row: Awaited<ReturnType<typeof silenceRow>>) {
  const now = Date.now();
  return { silence: silenceInfo(row, await currentAlerts(database, {}, now), now) };
}

export const GET = handle(contract.getSilence, async ({ database, params }) =>
  info(database, await silenceRow(database, params.id)),
);

export const PUT = handle(contract.replaceSilence, async ({ req, database, params, principal }) => {
  const body = contract.replaceSilence.body.parse(await readJsonBody(req, 64 * 1024));
  const row = await updateSilence(database, params.id, body);
  await recordAudit(database, principal, {
    action: "silence.update",
    targetType: "silence",
    targetId: row.id,
    summary: `changed silence ${row.id}`,
    details: { matchers: body.matchers, comment: body.comment },
  });
  await markAlertDispatch(database);
  return info(database, row);
});

export const DELETE = handle(contract.expireSilence, async ({ database, params, principal }) => {
  const row = await expireSilence(database, params.id);
  await recordAudit(database, principal, {
    action: "silence.expire",
    targetType: "silence",
    targetId: row.id,
    summary: `expired silence ${row.id}`,
  });
  await markAlertDispatch(database);
  return info(database, row);
});
