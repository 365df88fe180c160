// Turns lezer's error recovery (⚠ nodes) into one message a person understands. lezer-promql accepts any
// input and marks what it could not parse; we report the first problem in the text, as Prometheus' yacc
// parser stops at the first one, and name the token found there.
import type { SyntaxNode, Tree } from "@lezer/common";
import { StringLiteral } from "@prometheus-io/lezer-promql";
import { fail } from "./tree";

const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const UNCLOSED: Record<string, string> = {
  "(": "unclosed parenthesis",
  "[": "unclosed left bracket",
  "{": "unclosed left brace",
};

/** Open brackets before `end`, ignoring those inside strings and comments. */
function openBrackets(src: string, end: number): { ch: string; at: number }[] {
  const stack: { ch: string; at: number }[] = [];
  for (let i = 0; i < end; i++) {
    const c = src[i]!;
    if (c === '"' || c === "'" || c === "`") {
      for (i++; i < end && src[i] !== c; i++) if (src[i] === "\\" && c !== "`") i++;
    } else if (c === "#") {
      while (i < end && src[i] !== "\n") i++;
    } else if (c in CLOSERS) {
      stack.push({ ch: c, at: i });
    } else if (c === ")" || c === "]" || c === "}") {
      if (stack.length > 0 && CLOSERS[stack[stack.length - 1]!.ch] === c) stack.pop();
    }
  }
  return stack;
}

function tokenAt(src: string, at: number): string {
  const rest = src.slice(at);
  const m =
    /^[A-Za-z_:][\w:]*/.exec(rest) ??
    /^[0-9.][\w.]*/.exec(rest) ??
    /^(?:==|!=|>=|<=|=~|!~)/.exec(rest) ??
    /^[\s\S]/.exec(rest);
  return m ? m[0] : "";
}

function skipSpaceBack(src: string, i: number): number {
  let j = i;
  while (j > 0 && /\s/.test(src[j - 1]!)) j--;
  return j;
}

function reportAt(src: string, at: number): never {
  let i = at;
  while (i < src.length && /\s/.test(src[i]!)) i++;
  if (i >= src.length || src[i] === "#") {
    const open = openBrackets(src, src.length);
    const last = open[open.length - 1];
    if (last) fail(UNCLOSED[last.ch]!, last.at, last.at + 1);
    fail("unexpected end of input", src.length, src.length);
  }
  const tok = tokenAt(src, i);
  const before = skipSpaceBack(src, i);
  const prevIdent = /(?<![\w:])[A-Za-z_:][\w:]*$/.exec(src.slice(0, before));
  if (tok === "(" && prevIdent) {
    const start = before - prevIdent[0].length;
    fail(`unknown function with name "${prevIdent[0]}"`, start, before);
  }
  if (tok === ")" && src[before - 1] === ",") {
    fail("trailing commas not allowed in function call args", before - 1, before);
  }
  fail(`unexpected "${tok}" at position ${i}`, i, i + tok.length);
}

function isTerminated(s: string): boolean {
  const q = s[0];
  let i = 1;
  while (i < s.length && s[i] !== q) i += s[i] === "\\" && q !== "`" ? 2 : 1;
  return i === s.length - 1;
}

/** Throws a PromQLError for the first syntax problem in the tree, if any. */
export function checkSyntax(tree: Tree, src: string): void {
  if (src.trim() === "" || /^(?:\s|#[^\n]*)*$/.test(src)) fail("no expression found in input", 0, src.length);
  let first: SyntaxNode | null = null;
  let unterminated: SyntaxNode | null = null;
  tree.iterate({
    enter(ref) {
      if (first) return false;
      if (ref.type.isError) {
        first = ref.node;
        return false;
      }
      if (ref.type.id === StringLiteral && !unterminated) {
        if (!isTerminated(src.slice(ref.from, ref.to))) unterminated = ref.node;
      }
      return undefined;
    },
  });
  const err = first as SyntaxNode | null;
  const str = unterminated as SyntaxNode | null;
  if (str && (!err || str.from <= err.from)) fail("unterminated quoted string", str.from, str.to);
  if (err) reportAt(src, err.from);
}
