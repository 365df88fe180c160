// Vector selectors and the suffixes that attach to them — `[range]`, `[range:step]`, `offset`, `@` — with
// the placement rules of Prometheus 2.42's parser actions (addOffset, setTimestamp, the matrix_selector rule).
// Duration arithmetic, step()/range()/min_of()/max_of() and `anchored`/`smoothed` came after 2.42.
import type { SyntaxNode } from "@lezer/common";
import * as T from "@prometheus-io/lezer-promql";
import type { MatchOp } from "../../series/labels";
import type { AtModifier, Expr, LabelMatcher, MatrixSelector, SubqueryExpr, VectorSelector } from "../ast";
import { parseDurationText, parseNumberText, unquoteString } from "./literals";
import { checkRegex } from "./regex";
import { childrenOf, DURATION_TOKEN, fail, failAt, posOf, textOf } from "./tree";

const MATCH_OPS: Record<string, MatchOp> = { EqlSingle: "=", Neq: "!=", EqlRegex: "=~", NeqRegex: "!~" };

export function stringValue(src: string, node: SyntaxNode): string {
  try {
    return unquoteString(textOf(src, node));
  } catch (err) {
    return failAt((err as Error).message, node);
  }
}

function buildMatcher(src: string, node: SyntaxNode): LabelMatcher {
  if (node.type.id !== T.UnquotedLabelMatcher) {
    failAt("quoted label names are not supported (Prometheus 2.42)", node);
  }
  const [nameNode, opNode, valueNode] = childrenOf(node);
  if (!nameNode || !opNode || !valueNode) failAt("incomplete label matcher", node);
  const op = MATCH_OPS[opNode.firstChild?.type.name ?? ""];
  if (!op) failAt(`unexpected "${textOf(src, opNode)}" in label matching`, opNode);
  const value = stringValue(src, valueNode);
  if (op === "=~" || op === "!~") {
    try {
      checkRegex(value);
    } catch (err) {
      failAt(`invalid regular expression "${value}": ${(err as Error).message}`, node);
    }
  }
  return { name: textOf(src, nameNode), op, value };
}

export function buildVectorSelector(src: string, node: SyntaxNode): VectorSelector {
  let name: string | null = null;
  const matchers: LabelMatcher[] = [];
  for (const child of childrenOf(node)) {
    if (child.type.id === T.Identifier) name = textOf(src, child);
    else if (child.type.id === T.LabelMatchers) {
      for (const m of childrenOf(child)) matchers.push(buildMatcher(src, m));
    }
  }
  // Prometheus appends the name matcher after the braces' matchers.
  if (name !== null) matchers.push({ name: "__name__", op: "=", value: name });
  return { type: "vectorSelector", name, matchers, offsetMs: 0, at: null, pos: posOf(node) };
}

/** A `[…]` range or subquery step: only a plain duration literal was valid in 2.42. */
export function durationOf(src: string, node: SyntaxNode): number {
  const kids = childrenOf(node);
  const lit = kids[0];
  if (kids.length !== 1 || !lit || lit.type.id !== T.NumberDurationLiteralInDurationContext) {
    failAt("duration expressions are not supported (Prometheus 2.42)", node);
  }
  const text = textOf(src, lit);
  if (!DURATION_TOKEN.test(text)) failAt(`missing unit character in duration "${text}"`, lit);
  try {
    return parseDurationText(text);
  } catch (err) {
    return failAt((err as Error).message, lit);
  }
}

/** The `[…]` part of a matrix selector or subquery, for error positions. */
function bracketStart(src: string, inner: Expr): number {
  const at = src.indexOf("[", inner.pos.end);
  return at < 0 ? inner.pos.end : at;
}

export function buildMatrix(
  src: string,
  node: SyntaxNode,
  inner: Expr,
  rangeNode: SyntaxNode,
): MatrixSelector {
  const rangeMs = durationOf(src, rangeNode);
  let message: string | null = null;
  if (inner.type !== "vectorSelector") message = "ranges only allowed for vector selectors";
  else if (inner.offsetMs !== 0) message = "no offset modifiers allowed before range";
  else if (inner.at !== null) message = "no @ modifiers allowed before range";
  if (message !== null || inner.type !== "vectorSelector") {
    fail(message ?? "ranges only allowed for vector selectors", bracketStart(src, inner), node.to);
  }
  return { type: "matrixSelector", vector: inner, rangeMs, pos: { start: inner.pos.start, end: node.to } };
}

export function buildSubquery(
  src: string,
  node: SyntaxNode,
  inner: Expr,
  durations: SyntaxNode[],
): SubqueryExpr {
  const [rangeNode, stepNode] = durations;
  if (!rangeNode) failAt("missing subquery range", node);
  const rangeMs = durationOf(src, rangeNode);
  const stepMs = stepNode ? durationOf(src, stepNode) : null;
  const pos = { start: inner.pos.start, end: node.to };
  return { type: "subquery", expr: inner, rangeMs, stepMs, offsetMs: 0, at: null, pos };
}

/** The selector whose offset/@ a modifier sets, or an error as Prometheus words it. */
function modifierTarget(e: Expr, what: "offset" | "@"): VectorSelector | SubqueryExpr {
  if (e.type === "vectorSelector" || e.type === "subquery") return e;
  if (e.type === "matrixSelector") return e.vector;
  const lead = what === "offset" ? "offset modifier" : "@ modifier";
  return fail(
    `${lead} must be preceded by an instant vector selector or range vector selector or a subquery`,
    e.pos.start,
    e.pos.end,
  );
}

export function applyOffset(src: string, node: SyntaxNode, inner: Expr, durNode: SyntaxNode): Expr {
  let sign = 1;
  let cur = durNode;
  const kids = childrenOf(cur);
  if (kids[0]?.type.id === T.UnaryOp) {
    const op = textOf(src, kids[0]);
    if (op !== "-") failAt(`unexpected "${op}" in offset, expected duration`, kids[0]);
    sign = -1;
    cur = kids[1] ?? cur;
  }
  const lit = childrenOf(cur);
  if (lit.length !== 1 || lit[0]!.type.id !== T.NumberDurationLiteralInDurationContext) {
    failAt("duration expressions are not supported (Prometheus 2.42)", durNode);
  }
  const text = textOf(src, lit[0]!);
  if (!DURATION_TOKEN.test(text)) failAt(`unexpected number "${text}" in offset, expected duration`, lit[0]!);
  let ms: number;
  try {
    ms = parseDurationText(text) * sign;
  } catch (err) {
    return failAt((err as Error).message, lit[0]!);
  }
  const target = modifierTarget(inner, "offset");
  if (target.offsetMs !== 0) fail("offset may not be set multiple times", inner.pos.start, inner.pos.end);
  target.offsetMs = ms;
  inner.pos = { start: inner.pos.start, end: node.to };
  return inner;
}

/** Go's math.Round: halves away from zero (JS rounds them up). */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** Go's %f, which the out-of-bounds message uses. */
function goFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Inf" : "-Inf";
  return x.toFixed(6);
}

export function applyAt(src: string, node: SyntaxNode, inner: Expr, valueNode: SyntaxNode): Expr {
  let at: AtModifier;
  if (valueNode.type.id === T.AtModifierPreprocessors) {
    at = { kind: valueNode.firstChild?.type.id === T.AtEnd ? "end" : "start" };
  } else {
    const text = textOf(src, valueNode).replace(/\s+/g, "");
    const body = text.replace(/^[+-]/, "");
    if (DURATION_TOKEN.test(body) && !/^0x/i.test(body)) {
      failAt(`unexpected duration "${body}" in @ modifier, expected timestamp`, valueNode);
    }
    let ts: number;
    try {
      ts = parseNumberText(body) * (text.startsWith("-") ? -1 : 1);
    } catch (err) {
      return failAt((err as Error).message, valueNode);
    }
    if (!Number.isFinite(ts) || Math.abs(ts) >= 2 ** 63) {
      fail(`timestamp out of bounds for @ modifier: ${goFloat(ts)}`, inner.pos.start, inner.pos.end);
    }
    at = { kind: "timestamp", ms: roundHalfAway(ts * 1000) };
  }
  const target = modifierTarget(inner, "@");
  if (target.at !== null) fail("@ <timestamp> may not be set multiple times", inner.pos.start, inner.pos.end);
  target.at = at;
  inner.pos = { start: inner.pos.start, end: node.to };
  return inner;
}
