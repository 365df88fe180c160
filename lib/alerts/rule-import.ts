// Prometheus rule files in and out of Vigil's rule groups. Import is all or nothing: the whole file is
// checked first (every problem with its line, as promtool prints them) and the changes are then written in
// one transaction; `merge` updates the groups of the same name and adds new ones, `replace` also deletes the
// groups the file does not have. Export writes every group as a file promtool accepts.
import type { Database } from "../db/client";
import { markAlertGroup } from "./eval-job";
import { formatRuleFile, parseRuleFile, type RuleFileProblem } from "./rule-file";
import { checkDataSource, configOf, dataSourceNames, problemsError } from "./rule-groups";

export interface ImportResult {
  mode: "merge" | "replace";
  created: string[];
  updated: string[];
  deleted: string[];
}

export async function importRuleFile(
  database: Database,
  text: string,
  mode: "merge" | "replace",
): Promise<ImportResult> {
  const parsed = parseRuleFile(text);
  const problems: RuleFileProblem[] = [...parsed.problems];
  const known = await dataSourceNames(database);
  parsed.groups.forEach((g, i) => {
    const found: Array<{ path: string; message: string }> = [];
    checkDataSource(g, known, `groups[${i}].datasource`, found);
    for (const p of found) problems.push({ ...p, line: null });
  });
  if (problems.length > 0) throw problemsError(problems);

  const existing = await database.db.alertRuleGroup.findMany({ select: { id: true, name: true } });
  const byName = new Map(existing.map((g) => [g.name, g.id]));
  const inFile = new Set(parsed.groups.map((g) => g.name));
  const result: ImportResult = { mode, created: [], updated: [], deleted: [] };
  const { db } = database;
  const writes = parsed.groups.map((g) => {
    const data = { intervalMs: g.intervalMs, datasource: g.datasource, rules: JSON.stringify(g.rules) };
    const id = byName.get(g.name);
    if (id === undefined) {
      result.created.push(g.name);
      return db.alertRuleGroup.create({ data: { name: g.name, ...data } });
    }
    result.updated.push(g.name);
    return db.alertRuleGroup.update({ where: { id }, data: { ...data, version: { increment: 1 } } });
  });
  const doomed = mode === "replace" ? existing.filter((g) => !inFile.has(g.name)) : [];
  result.deleted = doomed.map((g) => g.name);
  await db.$transaction([
    ...writes,
    ...(doomed.length > 0
      ? [db.alertRuleGroup.deleteMany({ where: { id: { in: doomed.map((g) => g.id) } } })]
      : []),
  ]);
  const touched = await db.alertRuleGroup.findMany({
    where: { name: { in: [...inFile] } },
    select: { id: true },
  });
  for (const g of touched) await markAlertGroup(database, g.id);
  return result;
}

export async function exportRuleFile(database: Database, vigilFields: boolean): Promise<string> {
  const rows = await database.db.alertRuleGroup.findMany({ orderBy: { name: "asc" } });
  return formatRuleFile(rows.map(configOf), { vigilFields });
}
