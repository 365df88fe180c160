// Variable interpolation in PromQL: `$var`, `${var}` and `[[var]]`, plus the built-ins `$__interval`,
// `$__rate_interval`, `$__range` (and `$__range_s`). Values are escaped for where they land:
// - inside a string ("…", '…', `…`): string-escaped (quotes, backslashes), and for a regex matcher (=~, !~)
//   regex-escaped first; several values become a regex alternation `(a|b)`;
// - outside strings (a duration, a number, a metric name): only plain tokens are accepted, so a value can
//   never add PromQL of its own (an embed viewer may choose values; see docs/dashboards.md).
// Unknown variables are left as written and reported. Pure.

/** name → selected values (one for a single-value variable). */
export type VariableValues = Readonly<Record<string, readonly string[]>>;

export interface Builtins {
  interval: string;
  rateInterval: string;
  range: string;
  rangeSeconds: number;
}

export interface Interpolated {
  text: string;
  /** variables named in the text that have no value */
  unknown: string[];
  /** variables whose value cannot go where they stand (outside a string and not a plain token) */
  invalid: string[];
}

/** `${name}`, `[[name]]`, or `$name` (the longest name). An optional `:format` in braces is accepted and ignored. */
const REFERENCE =
  /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}|\[\[([A-Za-z_][A-Za-z0-9_]*)\]\]|\$([A-Za-z_][A-Za-z0-9_]*)/y;
/** What may stand outside a string: durations, numbers, metric and label names. */
const PLAIN_TOKEN = /^[A-Za-z0-9_:.+-]+$/;
const REGEX_META = /[\\^$.|?*+()[\]{}]/g;

export function escapeRegex(value: string): string {
  return value.replace(REGEX_META, "\\$&");
}

/** Escapes for a PromQL string literal quoted with `quote`; null when impossible (a backtick in a raw string). */
export function escapeString(value: string, quote: '"' | "'" | "`"): string | null {
  if (quote === "`") return value.includes("`") ? null : value;
  let out = value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  out = quote === '"' ? out.replace(/"/g, '\\"') : out.replace(/'/g, "\\'");
  return out;
}

function builtinValue(name: string, builtins: Builtins | null): string | null {
  if (!builtins) return null;
  switch (name) {
    case "__interval":
      return builtins.interval;
    case "__rate_interval":
      return builtins.rateInterval;
    case "__range":
      return builtins.range;
    case "__range_s":
      return String(Math.round(builtins.rangeSeconds));
    default:
      return null;
  }
}

/** Is the string that opens at `quoteAt` the value of a regex matcher (`=~` / `!~` right before it)? */
function isRegexString(text: string, quoteAt: number): boolean {
  let i = quoteAt - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i >= 1 && text[i] === "~" && (text[i - 1] === "=" || text[i - 1] === "!");
}

function render(
  values: readonly string[],
  context: { quote: '"' | "'" | "`" | null; regex: boolean },
): string | null {
  if (context.quote === null) {
    if (values.length !== 1 || !PLAIN_TOKEN.test(values[0]!)) return null;
    return values[0]!;
  }
  const raw =
    context.regex || values.length > 1
      ? values.length === 1
        ? escapeRegex(values[0]!)
        : `(${values.map(escapeRegex).join("|")})`
      : (values[0] ?? "");
  return escapeString(raw, context.quote);
}

/**
 * Replaces every variable reference in a PromQL expression. `builtins` null leaves `$__…` untouched (and
 * unreported), e.g. for a label_values() query that has no step.
 */
export function interpolate(text: string, values: VariableValues, builtins: Builtins | null): Interpolated {
  const unknown = new Set<string>();
  const invalid = new Set<string>();
  let out = "";
  let quote: '"' | "'" | "`" | null = null;
  let regex = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quote !== null) {
      if (ch === "\\" && quote !== "`") {
        out += text.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (ch === quote) {
        quote = null;
        out += ch;
        i++;
        continue;
      }
    } else if (ch === '"' || ch === "'" || ch === "`") {
      quote = ch;
      regex = isRegexString(text, i);
      out += ch;
      i++;
      continue;
    } else if (ch === "#") {
      // A comment runs to the end of the line: copied as it is.
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "$" || (ch === "[" && text[i + 1] === "[")) {
      REFERENCE.lastIndex = i;
      const m = REFERENCE.exec(text);
      if (m) {
        const name = (m[1] ?? m[2] ?? m[3])!;
        const replaced = substitute(name, values, builtins, { quote, regex });
        if (replaced.kind === "unknown") unknown.add(name);
        if (replaced.kind === "invalid") invalid.add(name);
        out += replaced.kind === "ok" ? replaced.text : m[0];
        i += m[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return { text: out, unknown: [...unknown], invalid: [...invalid] };
}

function substitute(
  name: string,
  values: VariableValues,
  builtins: Builtins | null,
  context: { quote: '"' | "'" | "`" | null; regex: boolean },
): { kind: "ok"; text: string } | { kind: "unknown" | "invalid" | "skip" } {
  if (name.startsWith("__")) {
    const value = builtinValue(name, builtins);
    if (value === null) return builtins ? { kind: "unknown" } : { kind: "skip" };
    const text = render([value], context);
    return text === null ? { kind: "invalid" } : { kind: "ok", text };
  }
  const selected = Object.hasOwn(values, name) ? values[name]! : undefined;
  if (!selected || selected.length === 0) return { kind: "unknown" };
  const text = render(selected, context);
  return text === null ? { kind: "invalid" } : { kind: "ok", text };
}

/** Replaces references in plain text (panel titles, built-in fields): values joined with ", ", nothing escaped. */
export function interpolateText(text: string, values: VariableValues): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}|\[\[([A-Za-z_][A-Za-z0-9_]*)\]\]|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, a?: string, b?: string, c?: string) => {
      const name = (a ?? b ?? c)!;
      const v = Object.hasOwn(values, name) ? values[name] : undefined;
      return v && v.length > 0 ? v.join(", ") : whole;
    },
  );
}

/** The variable names an expression refers to (built-ins left out), in order of first use. */
export function referencedVariables(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}|\[\[([A-Za-z_][A-Za-z0-9_]*)\]\]|\$([A-Za-z_][A-Za-z0-9_]*)/g,
  )) {
    const name = (m[1] ?? m[2] ?? m[3])!;
    if (!name.startsWith("__")) found.add(name);
  }
  return [...found];
}
