// Checks a dashboard body beyond its shape: every query parses with Vigil's PromQL parser (variables stood in
// for by placeholder values) and every label_values() query is well formed. Errors name their place:
// `definition.panels[3].targets[0].expr: unclosed parenthesis`.
import type { z } from "zod";
import { HttpError } from "../http/errors";
import { parse } from "../promql";
import { parseLabelValues } from "./label-values";
import { type Definition, describeDashboardIssues } from "./schema";
import { type Builtins, interpolate, referencedVariables } from "./variables";

const PLACEHOLDER_BUILTINS: Builtins = {
  interval: "1m",
  rateInterval: "4m",
  range: "1h",
  rangeSeconds: 3600,
};

/**
 * Values for variables that fit wherever they stand: inside strings any works; outside, a variable may be a
 * number (`topk($n, …)`), a duration (`[$window]`) or a name (`$metric`).
 */
const PLACEHOLDERS = ["1", "5m", "vigil_placeholder"];
/** Beyond this many variables outside strings only uniform placeholders are tried (3^4 parses at most). */
const MAX_COMBINED = 4;

function parseProblem(text: string): string | null {
  try {
    parse(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Every assignment of placeholders to `names` (the first ones uniform, so the usual case parses at once). */
function* assignments(names: string[]): Generator<Record<string, string[]>> {
  for (const p of PLACEHOLDERS) yield Object.fromEntries(names.map((n) => [n, [p]]));
  if (names.length < 2 || names.length > MAX_COMBINED) return;
  const total = PLACEHOLDERS.length ** names.length;
  for (let code = 0; code < total; code++) {
    let rest = code;
    const values: Record<string, string[]> = {};
    for (const n of names) {
      values[n] = [PLACEHOLDERS[rest % PLACEHOLDERS.length]!];
      rest = Math.floor(rest / PLACEHOLDERS.length);
    }
    yield values;
  }
}

/** null when the expression parses with some placeholder value for its variables, else the parser's message. */
export function promqlProblem(expr: string): string | null {
  const names = referencedVariables(expr);
  const inStrings = Object.fromEntries(names.map((n) => [n, ["in string"]]));
  // The ones that cannot take a value with a space stand outside strings: only their value matters.
  const outside = interpolate(expr, inStrings, PLACEHOLDER_BUILTINS).invalid;
  let first: string | null = null;
  for (const values of assignments(outside)) {
    const { text } = interpolate(expr, { ...inStrings, ...values }, PLACEHOLDER_BUILTINS);
    const problem = parseProblem(text);
    if (problem === null) return null;
    first ??= problem;
    if (outside.length === 0) break;
  }
  return first;
}

/** A label_values() query's problem, or null. */
export function labelValuesProblem(query: string): string | null {
  const parsed = parseLabelValues(query);
  if ("error" in parsed) return parsed.error;
  if (parsed.selector === null) return null;
  const problem = promqlProblem(parsed.selector);
  if (problem) return `selector: ${problem}`;
  return null;
}

/** The PromQL problems of a parsed definition, as "path: message" (path under `prefix`). */
export function definitionProblems(definition: Definition, prefix = "definition"): string[] {
  const problems: string[] = [];
  definition.panels.forEach((panel, p) => {
    panel.targets.forEach((target, t) => {
      const problem = promqlProblem(target.expr);
      if (problem) problems.push(`${prefix}.panels[${p}].targets[${t}].expr: ${problem}`);
    });
  });
  definition.variables.forEach((variable, v) => {
    if (variable.type !== "query" || !variable.query) return;
    const problem = labelValuesProblem(variable.query);
    if (problem) problems.push(`${prefix}.variables[${v}].query: ${problem}`);
  });
  return problems;
}

/** Parses a body with `schema` and checks its definition: 400 naming the field on the first problems. */
export function parseDashboardBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, describeDashboardIssues(parsed.error));
  const data = parsed.data as { definition?: Definition };
  if (data.definition) {
    const problems = definitionProblems(data.definition);
    if (problems.length > 0) {
      const more = problems.length > 5 ? `; and ${problems.length - 5} more` : "";
      throw new HttpError(400, `${problems.slice(0, 5).join("; ")}${more}`, { problems });
    }
  }
  return parsed.data;
}
