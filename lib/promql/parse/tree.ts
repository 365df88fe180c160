// Small helpers over the lezer syntax tree shared by the builder modules: child lists without comments,
// source slices, and a way to throw a PromQLError at a node.
import type { SyntaxNode } from "@lezer/common";
import { LineComment } from "@prometheus-io/lezer-promql";
import { type Pos, PromQLError } from "../ast";

export function fail(message: string, from: number, to: number): never {
  throw new PromQLError(message, { start: from, end: to });
}

export function failAt(message: string, node: SyntaxNode): never {
  return fail(message, node.from, node.to);
}

export function posOf(node: SyntaxNode): Pos {
  return { start: node.from, end: node.to };
}

/** Direct children in order, skipping `# comments` (the grammar lets them appear anywhere). */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.type.id !== LineComment) out.push(c);
  return out;
}

/** Expression children: every node type in the grammar's `expr` group. */
export function exprChildren(node: SyntaxNode): SyntaxNode[] {
  return childrenOf(node).filter((c) => c.type.is("Expr"));
}

export function textOf(src: string, node: SyntaxNode): string {
  return src.slice(node.from, node.to);
}

/** Matches a PromQL duration token such as 5m or 1h30m (digits followed by units). */
export const DURATION_TOKEN = /^\d+(?:ms|[ywdhms])/;
