// parse(): PromQL text → checked AST, accepting what Prometheus 2.42 accepts. lezer-promql tokenizes and
// handles precedence; syntax.ts reports its error nodes, build.ts maps its tree and check.ts type-checks, so a
// query that parses here is safe to hand to the evaluator.
import { parser } from "@prometheus-io/lezer-promql";
import type { Expr } from "../ast";
import { buildExpr } from "./build";
import { check } from "./check";
import { checkSyntax } from "./syntax";
import { exprChildren, fail } from "./tree";

/**
 * 2.42 functions that lezer-promql 0.315 no longer knows (holt_winters became double_exponential_smoothing),
 * each with a same-length name it does know. The tree is built from the substituted text, but names and
 * values are always read from the original, so only the tree's shape benefits; arities are checked on ours.
 */
const LEZER_STAND_INS: Record<string, string> = { holt_winters: "day_of_month" };
const STAND_IN_RE = new RegExp(`(?<![\\w:])(${Object.keys(LEZER_STAND_INS).join("|")})(?=\\s*\\()`, "g");

/** Go accepts an upper-case hex prefix (0X1F); lezer only tokenizes 0x. Same length, so positions hold. */
const UPPER_HEX_RE = /(?<![\w.])0X(?=[0-9a-fA-F])/g;

export function parse(text: string): Expr {
  const lexed = text
    .replace(STAND_IN_RE, (name) => LEZER_STAND_INS[name] ?? name)
    .replace(UPPER_HEX_RE, "0x");
  const tree = parser.parse(lexed);
  checkSyntax(tree, text);
  const root = exprChildren(tree.topNode)[0];
  if (!root) return fail("no expression found in input", 0, text.length);
  const expr = buildExpr(text, root);
  check(text, expr);
  return expr;
}

export { typeOf } from "./type-of";
