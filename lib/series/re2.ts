// RE2 (Prometheus' regex dialect) → JavaScript RegExp, for the few RE2 forms JS spells differently:
// leading inline flags (?i) (?s) and POSIX classes inside brackets ([[:alpha:]]). Everything else is checked
// by lib/promql/parse/regex.ts to mean the same in both.

const POSIX_CLASSES: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7f",
  blank: "\\t ",
  cntrl: "\\x00-\\x1f\\x7f",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

export interface TranslatedRegex {
  source: string;
  flags: string;
}

/** Throws (with an RE2-style message) for the forms that cannot be translated. */
export function re2ToJs(pattern: string): TranslatedRegex {
  let flags = "";
  let body = pattern;
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
  if (lead) {
    for (const f of lead[1]!) {
      if (f !== "i" && f !== "s")
        throw new Error(`regex flag (?${f}) is not supported; only (?i) and (?s) at the start are`);
      if (!flags.includes(f)) flags += f;
    }
    body = pattern.slice(lead[0].length);
  }
  let out = "";
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\\") {
      out += body.slice(i, i + 2);
      i++;
    } else if (inClass && c === "[" && body[i + 1] === ":") {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(body.slice(i));
      if (!m) throw new Error("missing closing ]: POSIX class");
      const cls = POSIX_CLASSES[m[2]!];
      if (!cls) throw new Error(`invalid character class range: \`${m[0]}\``);
      if (m[1]) throw new Error(`negated POSIX class \`${m[0]}\` is not supported`);
      out += cls;
      i += m[0].length - 1;
    } else {
      if (c === "[" && !inClass) inClass = true;
      else if (c === "]" && inClass) inClass = false;
      out += c;
    }
  }
  return { source: out, flags };
}

/** The fully anchored RegExp Prometheus builds for a label matcher or label_replace: ^(?:…)$. */
export function compileAnchoredRe2(pattern: string, extraFlags = ""): RegExp {
  const { source, flags } = re2ToJs(pattern);
  const all = [...new Set(flags + extraFlags)].join("");
  return new RegExp(`^(?:${source})$`, all);
}
