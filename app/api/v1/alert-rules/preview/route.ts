import { previewRule } from "@/lib/alerts/preview";
import { checkRule, parseRuleDuration } from "@/lib/alerts/rule-config";
import { contract } from "@/lib/api/contract";
import { readJsonBody } from "@/lib/http/body";
import { HttpError } from "@/lib/http/errors";
import { handle } from "@/lib/http/handler";

const DAY_MS = 86_400_000;

function duration(text: string | undefined, field: string): number {
  if (text === undefined) return 0;
  const ms = parseRuleDuration(text);
  if (ms === null) throw new HttpError(400, `${field}: "${text}" is not a duration (e.g. 5m)`);
  return ms;
}

export const POST = handle(contract.previewAlertRule, async ({ req, database }) => {
  const body = contract.previewAlertRule.body.parse(await readJsonBody(req, 64 * 1024));
  // The same checks as a saved rule's expression: it parses and is an instant vector or a scalar.
  const problems: Array<{ path: string; message: string }> = [];
  checkRule({ alert: "Preview", expr: body.expr }, "", problems);
  if (problems[0]) throw new HttpError(400, `expr: ${problems[0].message}`);
  const to = body.to ?? Date.now();
  const from = body.from ?? to - DAY_MS;
  if (from >= to) throw new HttpError(400, "from: must be before to");
  const stepMs =
    body.step !== undefined ? duration(body.step, "step") : Math.max(10_000, Math.ceil((to - from) / 500));
  if (stepMs <= 0) throw new HttpError(400, "step: must be greater than 0");
  const datasource = body.datasource ?? null;
  if (datasource !== null && !(await database.db.dataSource.findUnique({ where: { name: datasource } })))
    throw new HttpError(400, `datasource: no data source named "${datasource}"`);
  const result = await previewRule(database, {
    expr: body.expr,
    forMs: duration(body.for, "for"),
    keepFiringForMs: duration(body.keep_firing_for, "keep_firing_for"),
    datasource,
    from,
    to,
    stepMs,
  });
  return { from, to, stepMs, series: result.series };
});
