import { markAlertDispatch } from "@/lib/alerts/dispatch-job";
import { currentAlerts } from "@/lib/alerts/reads";
import { createSilence, listSilenceRows, silenceInfo } from "@/lib/alerts/silence-store";
import { contract } from "@/lib/api/contract";
import { recordAudit } from "@/lib/audit/record";
import { readJsonBody } from "@/lib/http/body";
import { handle, json } from "@/lib/http/handler";
import type { Principal } from "@/lib/http/principal";

const principalName = (p: Principal | null) =>
  p === null ? "" : p.kind === "user" ? p.username : `api key ${p.name}`;

export const GET = handle(contract.listSilences, async ({ database, query }) => {
  const now = Date.now();
  const [rows, alerts] = await Promise.all([listSilenceRows(database), currentAlerts(database, {}, now)]);
  const silences = rows.map((row) => silenceInfo(row, alerts, now));
  return { silences: query.state ? silences.filter((s) => s.state === query.state) : silences };
});

export const POST = handle(contract.createSilence, async ({ req, database, principal }) => {
  const body = contract.createSilence.body.parse(await readJsonBody(req, 64 * 1024));
  const row = await createSilence(database, body, principalName(principal));
  await recordAudit(database, principal, {
    action: "silence.create",
    targetType: "silence",
    targetId: row.id,
    summary: `created a silence until ${row.endsAt.toISOString()}`,
    details: { matchers: body.matchers, comment: body.comment },
  });
  await markAlertDispatch(database);
  const now = Date.now();
  return json({ silence: silenceInfo(row, await currentAlerts(database, {}, now), now) }, 201);
});
