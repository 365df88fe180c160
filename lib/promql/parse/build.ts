// Walks the lezer-promql tree into Vigil's AST (lib/promql/ast.ts), applying the checks Prometheus 2.42 makes
// while parsing (unknown functions, aggregate argument counts, modifier placement) and rejecting syntax that
// lezer-promql accepts only for newer Prometheus versions. Type checks run afterwards in check.ts.
import type { SyntaxNode } from "@lezer/common";
import * as T from "@prometheus-io/lezer-promql";
import type { AggregateOp, BinaryExpr, BinaryOp, Expr, NumberLiteral, VectorMatching } from "../ast";
import { getFunction } from "../functions";
import { parseNumberText } from "./literals";
import {
  applyAt,
  applyOffset,
  buildMatrix,
  buildSubquery,
  buildVectorSelector,
  stringValue,
} from "./selectors";
import { childrenOf, DURATION_TOKEN, exprChildren, fail, failAt, posOf, textOf } from "./tree";

const BINARY_OPS: Record<string, BinaryOp> = {
  Pow: "^",
  Mul: "*",
  Div: "/",
  Mod: "%",
  Atan2: "atan2",
  Add: "+",
  Sub: "-",
  Eql: "==",
  Neq: "!=",
  Gtr: ">",
  Lss: "<",
  Gte: ">=",
  Lte: "<=",
  And: "and",
  Or: "or",
  Unless: "unless",
};
const AGGREGATE_OPS: Record<string, AggregateOp> = {
  Sum: "sum",
  Avg: "avg",
  Min: "min",
  Max: "max",
  Count: "count",
  Stddev: "stddev",
  Stdvar: "stdvar",
  Topk: "topk",
  Bottomk: "bottomk",
  Quantile: "quantile",
  CountValues: "count_values",
  Group: "group",
};
const PARAM_AGGREGATES = new Set<AggregateOp>(["topk", "bottomk", "quantile", "count_values"]);

/** Sign and number of a NumberDurationLiteral: lezer folds a leading +/- into the literal token. */
function splitSigned(src: string, node: SyntaxNode): { sign: "+" | "-" | null; bodyFrom: number } {
  const text = textOf(src, node);
  if (text[0] !== "+" && text[0] !== "-") return { sign: null, bodyFrom: node.from };
  const skipped = /^[+-](?:\s|#[^\n]*)*/.exec(text)![0].length;
  return { sign: text[0], bodyFrom: node.from + skipped };
}

function numberLiteral(src: string, node: SyntaxNode, from: number): NumberLiteral {
  const body = src.slice(from, node.to);
  if (DURATION_TOKEN.test(body) && !/^0x/i.test(body)) fail(`unexpected duration "${body}"`, from, node.to);
  try {
    return { type: "number", value: parseNumberText(body), pos: { start: from, end: node.to } };
  } catch (err) {
    return fail((err as Error).message, from, node.to);
  }
}

/** Prometheus folds a sign into a number literal operand (`-1` is NumberLiteral -1, not a UnaryExpr). */
function unary(op: "+" | "-", expr: Expr, start: number): Expr {
  if (expr.type === "number") {
    return {
      type: "number",
      value: op === "-" ? -expr.value : expr.value,
      pos: { start, end: expr.pos.end },
    };
  }
  return { type: "unary", op, expr, pos: { start, end: expr.pos.end } };
}

function groupingLabels(src: string, node: SyntaxNode): string[] {
  return childrenOf(node).map((c) => {
    if (c.type.id !== T.LabelName) failAt("quoted label names are not supported (Prometheus 2.42)", c);
    return textOf(src, c);
  });
}

function buildBinary(src: string, node: SyntaxNode): Expr {
  const kids = childrenOf(node);
  const [lhsNode, opNode] = kids;
  const rhsNode = kids[kids.length - 1];
  if (!lhsNode || !opNode || !rhsNode) failAt("incomplete binary expression", node);
  const op = BINARY_OPS[opNode.type.name];
  if (!op) failAt(`operator "${textOf(src, opNode)}" is not supported (Prometheus 2.42)`, opNode);
  let bool = false;
  const matching: VectorMatching = { card: "one-to-one", on: false, labels: [], include: [] };
  for (const mod of kids.slice(2, -1)) {
    if (mod.type.id === T.BoolModifier) bool = true;
    else if (mod.type.id === T.FillModifier)
      failAt("fill modifiers are not supported (Prometheus 2.42)", mod);
    else if (mod.type.id === T.MatchingModifierClause) {
      for (const part of childrenOf(mod)) {
        const id = part.type.id;
        if (id === T.On) matching.on = true;
        else if (id === T.GroupLeft) matching.card = "many-to-one";
        else if (id === T.GroupRight) matching.card = "one-to-many";
        else if (id === T.GroupingLabels) {
          if (matching.card === "one-to-one") matching.labels = groupingLabels(src, part);
          else matching.include = groupingLabels(src, part);
        }
      }
    }
  }
  // lezer binds the sign of a literal tighter than `^`; Prometheus reads -2^2 as -(2^2).
  const signed = lhsNode.type.id === T.NumberDurationLiteral ? splitSigned(src, lhsNode) : null;
  const powSign = op === "^" && signed?.sign ? signed.sign : null;
  const lhs = powSign && signed ? numberLiteral(src, lhsNode, signed.bodyFrom) : buildExpr(src, lhsNode);
  const rhs = buildExpr(src, rhsNode);
  const expr: BinaryExpr = {
    type: "binary",
    op,
    lhs,
    rhs,
    bool,
    matching,
    pos: { start: lhs.pos.start, end: node.to },
  };
  return powSign ? unary(powSign, expr, node.from) : expr;
}

function buildAggregate(src: string, node: SyntaxNode): Expr {
  let op: AggregateOp | undefined;
  let grouping: string[] = [];
  let without = false;
  let args: Expr[] = [];
  for (const part of childrenOf(node)) {
    if (part.type.id === T.AggregateOp) {
      const name = part.firstChild?.type.name ?? "";
      op = AGGREGATE_OPS[name];
      if (!op) failAt(`aggregation "${textOf(src, part)}" is not supported (Prometheus 2.42)`, part);
    } else if (part.type.id === T.AggregateModifier) {
      const [kw, labels] = childrenOf(part);
      without = kw?.type.id === T.Without;
      grouping = labels ? groupingLabels(src, labels) : [];
    } else if (part.type.id === T.FunctionCallBody) {
      args = exprChildren(part).map((a) => buildExpr(src, a));
    }
  }
  if (!op) return failAt("missing aggregation operator", node);
  if (args.length === 0) failAt("no arguments for aggregate expression provided", node);
  const wanted = PARAM_AGGREGATES.has(op) ? 2 : 1;
  if (args.length !== wanted) {
    failAt(
      `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${args.length}`,
      node,
    );
  }
  const param = wanted === 2 ? args[0]! : null;
  return { type: "aggregate", op, expr: args[wanted - 1]!, param, grouping, without, pos: posOf(node) };
}

function buildCall(src: string, node: SyntaxNode): Expr {
  const [ident, body] = childrenOf(node);
  if (!ident || !body) return failAt("incomplete function call", node);
  const func = textOf(src, ident);
  if (!getFunction(func)) {
    if (func === "start" || func === "end")
      failAt(`${func}() outside of @ is not supported (Prometheus 2.42)`, ident);
    failAt(`unknown function with name "${func}"`, ident);
  }
  const args = exprChildren(body).map((a) => buildExpr(src, a));
  return { type: "call", func, args, pos: posOf(node) };
}

/**
 * lezer-promql attaches `[range]`, `[range:step]`, `offset` and `@` to a whole preceding binary or unary
 * expression (`a + b offset 5m` → `(a + b) offset 5m`); Prometheus gives them the highest precedence
 * (`a + (b offset 5m)`), so apply them to the rightmost operand instead.
 */
function attachPostfix(e: Expr, end: number, apply: (operand: Expr) => Expr): Expr {
  if (e.type === "binary") {
    e.rhs = attachPostfix(e.rhs, end, apply);
  } else if (e.type === "unary") {
    e.expr = attachPostfix(e.expr, end, apply);
  } else {
    return apply(e);
  }
  e.pos = { start: e.pos.start, end };
  return e;
}

export function buildExpr(src: string, node: SyntaxNode): Expr {
  const kids = childrenOf(node);
  switch (node.type.id) {
    case T.NumberDurationLiteral: {
      const { sign, bodyFrom } = splitSigned(src, node);
      const lit = numberLiteral(src, node, bodyFrom);
      return sign ? unary(sign, lit, node.from) : lit;
    }
    case T.StringLiteral:
      return { type: "string", value: stringValue(src, node), pos: posOf(node) };
    case T.VectorSelector:
      return buildVectorSelector(src, node);
    case T.ParenExpr:
      return { type: "paren", expr: buildExpr(src, exprChildren(node)[0]!), pos: posOf(node) };
    case T.UnaryExpr: {
      const op = textOf(src, kids[0]!) === "-" ? "-" : "+";
      return unary(op, buildExpr(src, kids[1]!), node.from);
    }
    case T.BinaryExpr:
      return buildBinary(src, node);
    case T.AggregateExpr:
      return buildAggregate(src, node);
    case T.FunctionCall:
      return buildCall(src, node);
    case T.MatrixSelector:
      return attachPostfix(buildExpr(src, kids[0]!), node.to, (e) => buildMatrix(src, node, e, kids[1]!));
    case T.SubqueryExpr:
      return attachPostfix(buildExpr(src, kids[0]!), node.to, (e) =>
        buildSubquery(src, node, e, kids.slice(1)),
      );
    case T.OffsetExpr:
      return attachPostfix(buildExpr(src, kids[0]!), node.to, (e) => applyOffset(src, node, e, kids[2]!));
    case T.StepInvariantExpr:
      return attachPostfix(buildExpr(src, kids[0]!), node.to, (e) => applyAt(src, node, e, kids[2]!));
    case T.AnchoredExpr:
    case T.SmoothedExpr:
      return failAt(`"${textOf(src, kids[1]!)}" modifier is not supported (Prometheus 2.42)`, kids[1]!);
    default:
      return failAt(`unexpected ${node.type.name}`, node);
  }
}
