// Label matchers as Alertmanager 0.25 writes and applies them: `name="value"`, `!=`, `=~`, `!~` (regular
// expressions anchored at both ends), in a list (`severity="page"`) or a set (`{team=~"ml|infra",env!="dev"}`).
// Used by notification policies, silences and inhibition rules.

export type MatchOp = "=" | "!=" | "=~" | "!~";

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

export class MatcherError extends Error {}

const compiled = new Map<string, RegExp>();

function anchored(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    try {
      re = new RegExp(`^(?:${pattern})$`, "s");
    } catch {
      throw new MatcherError(`invalid regular expression "${pattern}"`);
    }
    compiled.set(pattern, re);
  }
  return re;
}

/** A missing label matches as the empty string (Alertmanager, like Prometheus). */
export function matches(m: Matcher, labels: Readonly<Record<string, string>>): boolean {
  const value = labels[m.name] ?? "";
  switch (m.op) {
    case "=":
      return value === m.value;
    case "!=":
      return value !== m.value;
    case "=~":
      return anchored(m.value).test(value);
    case "!~":
      return !anchored(m.value).test(value);
  }
}

export function matchesAll(ms: readonly Matcher[], labels: Readonly<Record<string, string>>): boolean {
  return ms.every((m) => matches(m, labels));
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|[^,}]*?)\s*$/;

/** One matcher, `name op value` with the value quoted or bare. */
export function parseMatcher(text: string): Matcher {
  const m = MATCHER.exec(text);
  if (!m)
    throw new MatcherError(
      `"${text.trim().slice(0, 80)}" is not a matcher (expected name="value", with =, !=, =~ or !~)`,
    );
  const [, name = "", op = "=", raw = ""] = m;
  let value = raw;
  if (raw.startsWith('"')) {
    try {
      value = JSON.parse(raw) as string;
    } catch {
      throw new MatcherError(`the value of "${text.trim()}" is not a valid quoted string`);
    }
  }
  const matcher = { name, op: op as MatchOp, value };
  if (op === "=~" || op === "!~") anchored(value);
  return matcher;
}

/** Splits on commas outside quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\\" && quoted) {
      current += c + (text[++i] ?? "");
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === "," && !quoted) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  if (quoted) throw new MatcherError(`unterminated quote in "${text.slice(0, 80)}"`);
  parts.push(current);
  return parts.filter((p) => p.trim() !== "");
}

/** `{a="1", b=~"x|y"}` or `a="1",b=~"x|y"`, as amtool and the silence form accept it. */
export function parseMatchers(text: string): Matcher[] {
  const trimmed = text.trim();
  const inner = trimmed.startsWith("{") && trimmed.endsWith("}") ? trimmed.slice(1, -1) : trimmed;
  return splitTopLevel(inner).map(parseMatcher);
}

export function formatMatcher(m: Matcher): string {
  return `${m.name}${m.op}${JSON.stringify(m.value)}`;
}

export function formatMatchers(ms: readonly Matcher[]): string {
  return `{${ms.map(formatMatcher).join(",")}}`;
}
