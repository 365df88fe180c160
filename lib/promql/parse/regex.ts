// Label-matcher regexes are RE2 in Prometheus but are evaluated here as JavaScript `^(?:…)$` (see
// lib/series/labels.ts). This check accepts a pattern only when both engines would read it the same way:
// it rejects what RE2 rejects (lookarounds, backreferences, unknown escapes, huge repeat counts) and what RE2
// accepts but JS would silently read differently (inline flags, \A \z \Q…\E, \pL, POSIX classes, a leading
// ']' in a class, (?P<name>…)). The thrown message is placed at the matcher by the caller.

import { compileAnchoredRe2 } from "../../series/re2";

/** Escapes with the same meaning in RE2 and in a JS RegExp without the `u` flag. */
const SAME_ESCAPES = new Set(["d", "D", "s", "S", "w", "W", "b", "B", "f", "n", "r", "t", "v"]);
const UNMIRRORED_ESCAPES = new Set(["a", "A", "z", "Q", "E", "C", "p", "P"]);
const MAX_REPEAT = 1000;

function checkEscape(pattern: string, i: number, inClass: boolean): number {
  const c = pattern[i + 1];
  if (c === undefined) throw new Error("trailing backslash at end of expression");
  if (SAME_ESCAPES.has(c)) {
    if (inClass && (c === "b" || c === "B")) throw new Error(`invalid escape sequence: \`\\${c}\``);
    return i + 2;
  }
  if (c === "x") {
    if (/^[0-9a-fA-F]{2}$/.test(pattern.slice(i + 2, i + 4))) return i + 4;
    throw new Error("\\x{…} and short \\x escapes are not supported; use exactly two hex digits");
  }
  if (/[0-9]/.test(c))
    throw new Error(`numeric escape \`\\${c}\` is not supported (RE2 has no backreferences)`);
  if (UNMIRRORED_ESCAPES.has(c)) throw new Error(`escape \`\\${c}\` is not supported`);
  if (/[A-Za-z_]/.test(c)) throw new Error(`invalid escape sequence: \`\\${c}\``);
  return i + 2;
}

function checkGroupOpen(pattern: string, i: number): void {
  // Leading (?i) / (?s) are translated to RegExp flags (lib/series/re2.ts).
  if (i === 0 && /^\(\?[is]+\)/.test(pattern)) return;
  const rest = pattern.slice(i, i + 4);
  if (!rest.startsWith("(?") || rest.startsWith("(?:")) return;
  if (/^\(\?(?:=|!|<=|<!)/.test(rest)) {
    throw new Error(`invalid or unsupported Perl syntax: \`${rest.slice(0, rest[2] === "<" ? 4 : 3)}\``);
  }
  if (rest.startsWith("(?P<") || rest.startsWith("(?<"))
    throw new Error("named capture groups are not supported");
  throw new Error(
    i === 0
      ? "only the flags (?i) and (?s) are supported, at the start of the pattern"
      : "regex flags are only supported at the start of the pattern, e.g. (?i)abc",
  );
}

function checkRepeat(pattern: string, i: number): number {
  const m = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i));
  if (!m) return i + 1;
  if (Number(m[1]) > MAX_REPEAT || (m[2] !== undefined && m[2] !== "" && Number(m[2]) > MAX_REPEAT)) {
    throw new Error(`invalid repeat count: \`${m[0]}\``);
  }
  return i + m[0].length;
}

/** Throws if the pattern is not valid RE2 or would not behave the same as a JS RegExp. */
export function checkRegex(pattern: string): void {
  let i = 0;
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") {
      i = checkEscape(pattern, i, inClass);
    } else if (inClass) {
      // POSIX classes ([[:alpha:]]) are translated by lib/series/re2.ts; it rejects unknown names.
      if (c === "]") inClass = false;
      i++;
    } else if (c === "[") {
      inClass = true;
      i += pattern[i + 1] === "^" ? 2 : 1;
      if (pattern[i] === "]")
        throw new Error("a ']' at the start of a character class is not supported; escape it");
    } else if (c === "(") {
      checkGroupOpen(pattern, i);
      i++;
    } else if (c === "{") {
      i = checkRepeat(pattern, i);
    } else {
      i++;
    }
  }
  if (inClass) throw new Error("missing closing ]");
  try {
    compileAnchoredRe2(pattern);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, ""));
  }
}
