// One line of the Prometheus text format (0.0.4) or OpenMetrics 1.0 text, scanned by hand.
//
// The rules are those of Prometheus 2.42's lexers and parsers (model/textparse/promlex.l, promparse.go,
// openmetricslex.l, openmetricsparse.go), which promtool 2.42 also uses for `tsdb create-blocks-from
// openmetrics` (cmd/promtool/backfill.go), plus what its TSDB appender does to the label set
// (tsdb/head_append.go). Where this file departs from them it says so (search for "Deviation").
//
// Why a line at a time: both Prometheus lexers see a token stream over the whole body, but a sample, HELP,
// TYPE or UNIT entry never spans lines, with one exception that we do not follow (see quotedValue).
//
// Sample lines arrive decoded (valid UTF-8: Prometheus rejects every sample line with invalid UTF-8, see
// exposition.ts); Prometheus-format comment lines arrive as bytes, because Prometheus accepts them whatever
// they contain.
import { goFloatProblem, parseGoFloat } from "./go-float";

export interface LineSample {
  name: string;
  labels: Record<string, string>;
  ts: number;
  value: number;
}

/** What a line yielded: a sample, nothing (comment, metadata, blank line), or an error message. */
export type LineResult =
  | { kind: "sample"; sample: LineSample }
  | { kind: "none" }
  | { kind: "eof" }
  | { kind: "error"; message: string };

const NONE: LineResult = { kind: "none" };
const EOF: LineResult = { kind: "eof" };

const NUL = 0;
const TAB = 9;
const SP = 32;
const QUOTE = 34;
const HASH = 35;
const COMMA = 44;
const EQUALS = 61;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;

/**
 * Timestamps the import accepts, in ms: those a JavaScript Date can hold (±8.64e15 ms, years −271821 to
 * 275760). Deviation: Prometheus accepts any int64; beyond this range a JavaScript number would not hold
 * every millisecond exactly and the stores could not keep it.
 */
export const MAX_TIMESTAMP_MS = 8.64e15;

// Metric names [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]* (the M, L and D classes of both
// .l files).
function isMetricStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
}
function isMetricChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95;
}
function isLabelStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isLabelChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
function isBlank(c: number): boolean {
  return c === SP || c === TAB;
}

/** A token or character for an error message: quoted, shortened, control characters visible. */
function show(s: string): string {
  const short = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return JSON.stringify(short);
}
function found(s: string, i: number): string {
  if (i >= s.length) return "the end of the line";
  const c = s.charCodeAt(i);
  if (c === 13 && i === s.length - 1) return "a carriage return (CRLF line endings are not accepted)";
  if (c === NUL) return "a NUL byte";
  return show(String.fromCodePoint(s.codePointAt(i)!));
}

/**
 * Undoes the label value escapes the way Prometheus does (strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\n`,
 * "\n") in promparse.go, also used by openmetricsparse.go): left to right, `\\`, `\"` and `\n` are replaced,
 * any other backslash is kept as it is together with the character after it (`\t` stays two characters).
 */
function unescapeLabelValue(raw: string): string {
  let out = "";
  let from = 0;
  let i = raw.indexOf("\\");
  while (i >= 0 && i + 1 < raw.length) {
    const next = raw.charCodeAt(i + 1);
    if (next === BACKSLASH || next === QUOTE || next === 110 /* n */) {
      out += raw.slice(from, i) + (next === 110 ? "\n" : next === QUOTE ? '"' : "\\");
      from = i + 2;
      i = raw.indexOf("\\", from);
    } else {
      i = raw.indexOf("\\", i + 1);
    }
  }
  return from === 0 ? raw : out + raw.slice(from);
}

const PROM_TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);
const OM_TYPES = new Set([
  "counter",
  "gauge",
  "histogram",
  "gaugehistogram",
  "summary",
  "info",
  "stateset",
  "unknown",
]);

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function isUtf8(bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The parser of one format; `error` holds the message of the last failure of a scanning step. */
export class LineParser {
  private error = "";
  /** Whether the current line ends with a carriage return, for a hint in error messages. */
  private endsWithCR = false;

  /**
   * `defaultTs`: the time given to samples without a timestamp (a scrape's time); null (the import) makes a
   * missing timestamp an error.
   */
  constructor(
    private readonly openMetrics: boolean,
    private readonly defaultTs: number | null = null,
  ) {}

  // ---------------------------------------------------------------------------------------------------------
  // Prometheus text format (promlex.l + promparse.go)

  /**
   * First non-blank position of a Prometheus-format line, and what starts there. The lexer skips [ \t]+
   * anywhere between tokens, including at the start of a line (the <*>[ \t]+ rule); a line of nothing else is
   * a blank line, which promparse.go allows ("Allow full blank lines").
   */
  static promStart(bytes: Uint8Array): number {
    let i = 0;
    while (i < bytes.length && (bytes[i] === SP || bytes[i] === TAB)) i++;
    return i;
  }

  /**
   * A Prometheus-format comment line (its first non-blank byte, at `i`, is "#"). Nothing in it becomes a
   * sample; it is an error only where promparse.go returns one, or where a NUL byte makes the lexer end the
   * whole input (the `\0` rule and consumeComment() in promlex.l), which we report instead of ignoring what
   * follows.
   */
  promComment(b: Uint8Array, i: number): LineResult {
    const n = b.length;
    this.endsWithCR = n > 0 && b[n - 1] === 13;
    let j = i + 1;
    if (j >= n || !(b[j] === SP || b[j] === TAB)) {
      // "#" not followed by a blank: a plain comment, read up to the newline by consumeComment(), which ends
      // the input at a NUL byte (no NUL skipping in this lexer state).
      return b.indexOf(NUL, j) >= 0 ? nulEndsInput() : NONE;
    }
    while (j < n && (b[j] === SP || b[j] === TAB)) j++;
    // State sComment: HELP[\t ]+ or TYPE[\t ]+ make a metadata line, anything else is a comment. From here
    // the lexer skips NUL bytes (promlexer.next() in states sComment, sMeta2 and sLValue), except for the
    // first byte of a token, which it reads directly.
    if (j >= n) return NONE;
    if (b[j] === NUL) return nulEndsInput();
    const isHelp = b[j] === 72; /* H */
    if (!isHelp && b[j] !== 84 /* T */) return NONE;
    const word = isHelp ? "ELP" : "YPE";
    let k = j + 1;
    for (let w = 0; w < 3; w++) {
      while (k < n && b[k] === NUL) k++;
      if (k >= n || b[k] !== word.charCodeAt(w)) return NONE;
      k++;
    }
    while (k < n && b[k] === NUL) k++;
    if (k >= n || !(b[k] === SP || b[k] === TAB)) return NONE;
    while (k < n && (b[k] === SP || b[k] === TAB || b[k] === NUL)) k++;
    const what = isHelp ? "HELP" : "TYPE";
    // State sMeta1: a metric name must follow.
    if (k >= n || !isMetricStart(b[k]!)) {
      return this.fail(`expected a metric name after "# ${what}"`);
    }
    let e = k + 1;
    while (e < n && isMetricChar(b[e]!)) e++;
    const name = latin1(b, k, e);
    // State sMeta2: the text is everything up to the newline ({C}*). promparse.go drops its first byte (meant
    // to be the blank after the name, but it drops whatever is there) and keeps the rest as it is. Only blanks
    // (and NULs) after the name mean empty text; a NUL right after the name is an error ("linebreak expected
    // after metadata").
    let text: Uint8Array;
    if (e >= n) text = b.subarray(n);
    else if (b[e] === NUL) return this.fail(`unexpected NUL byte after "# ${what} ${name}"`);
    else {
      let t = e;
      while (t < n && (b[t] === SP || b[t] === TAB || b[t] === NUL)) t++;
      text = t >= n && isBlank(b[e]!) ? b.subarray(n) : b.subarray(e + 1);
    }
    if (isHelp) {
      return isUtf8(text) ? NONE : this.fail(`the HELP text of ${name} is not valid UTF-8`);
    }
    const type = latin1(text, 0, Math.min(text.length, 41));
    return PROM_TYPES.has(type)
      ? NONE
      : this.fail(
          `invalid metric type ${show(type)} for ${name} (expected counter, gauge, histogram, summary or untyped)`,
        );
  }

  /** A Prometheus-format sample line (decoded), whose first non-blank character, at `i`, is not "#". */
  promSample(s: string, i: number): LineResult {
    this.endsWithCR = s.length > 0 && s.charCodeAt(s.length - 1) === 13;
    const n = s.length;
    const c0 = s.charCodeAt(i);
    if (c0 === NUL) return nulEndsInput();
    if (!isMetricStart(c0)) {
      if (c0 === 0xfeff)
        return this.fail("unexpected byte order mark (BOM); the input must not start with one");
      return this.fail(`expected a metric name, a comment or a blank line, found ${found(s, i)}`);
    }
    let p = i + 1;
    while (p < n && isMetricChar(s.charCodeAt(p))) p++;
    const name = s.slice(i, p);
    p = skipBlanks(s, p);
    const labels: Record<string, string> = {};
    if (p < n && s.charCodeAt(p) === LBRACE) {
      p = this.promLabels(s, p + 1, name, labels);
      if (p < 0) return this.failed();
      p = skipBlanks(s, p);
    }
    // State sValue: the value is [^{ \t\n]+ (NUL ends it too: the lexer's ranges start at \x01). It may follow
    // the name or "}" without a blank ("up+1" is the value +1 of "up").
    const v0 = p;
    while (p < n) {
      const c = s.charCodeAt(p);
      if (c === SP || c === TAB || c === LBRACE || c === NUL) break;
      p++;
    }
    if (p === v0) return this.fail(`expected a value after the metric name, found ${found(s, p)}`);
    const valueText = s.slice(v0, p);
    const value = parseGoFloat(valueText);
    if (value === null) return this.fail(`the value ${show(valueText)} ${goFloatProblem(valueText)}`);
    // State sTimestamp: {D}+ (no sign, no fraction) or the end of the line.
    p = skipBlanks(s, p);
    if (p >= n) return this.noTimestamp(name, labels, value);
    const t0 = p;
    while (p < n) {
      const c = s.charCodeAt(p);
      if (c < 48 || c > 57) break;
      p++;
    }
    if (p === t0) {
      return this.fail(
        `expected a timestamp (integer milliseconds since the epoch) after the value, found ${found(s, p)}`,
      );
    }
    const tsText = s.slice(t0, p);
    // strconv.ParseInt(…, 10, 64) in promparse.go; see MAX_TIMESTAMP_MS for our narrower range.
    const ts = Number(tsText);
    if (ts > MAX_TIMESTAMP_MS) return this.fail(`the timestamp ${show(tsText)} is out of range`);
    p = skipBlanks(s, p);
    if (p < n) return this.fail(`unexpected ${found(s, p)} after the timestamp`);
    return { kind: "sample", sample: { name, labels, ts, value } };
  }

  /**
   * Prometheus-format label set, from just after "{" (promparse.go parseLVals): blanks allowed between all
   * tokens, a trailing comma allowed, and — as the parser only checks for a comma without requiring one —
   * none needed between pairs either (`{a="1"b="2"}`). Returns the index after "}" or -1.
   */
  private promLabels(s: string, p: number, name: string, labels: Record<string, string>): number {
    const n = s.length;
    p = skipBlanks(s, p);
    for (;;) {
      if (p >= n) return this.setError(`expected a label name or "}", found the end of the line`);
      const c = s.charCodeAt(p);
      if (c === RBRACE) return p + 1;
      if (!isLabelStart(c)) return this.setError(`expected a label name or "}", found ${found(s, p)}`);
      const l0 = p;
      p++;
      while (p < n && isLabelChar(s.charCodeAt(p))) p++;
      const label = s.slice(l0, p);
      p = skipBlanks(s, p);
      if (p >= n || s.charCodeAt(p) !== EQUALS) {
        return this.setError(`expected "=" after the label name ${show(label)}, found ${found(s, p)}`);
      }
      p++;
      // State sLValue: blanks (and, once a blank has been read, NUL bytes) may precede the opening quote.
      if (p < n && isBlank(s.charCodeAt(p))) {
        while (p < n) {
          const b = s.charCodeAt(p);
          if (b !== SP && b !== TAB && b !== NUL) break;
          p++;
        }
      }
      p = this.quotedValue(s, p, label, true);
      if (p < 0) return -1;
      if (!this.addLabel(name, label, labels)) return -1;
      p = skipBlanks(s, p);
      if (p < n && s.charCodeAt(p) === COMMA) p = skipBlanks(s, p + 1);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // OpenMetrics (openmetricslex.l + openmetricsparse.go): no blanks but single spaces where the grammar has
  // them, no blank lines, no comments other than HELP, TYPE, UNIT and EOF.

  /** An OpenMetrics line (decoded). */
  omLine(s: string): LineResult {
    this.endsWithCR = s.length > 0 && s.charCodeAt(s.length - 1) === 13;
    const n = s.length;
    if (n === 0) return this.fail("blank lines are not allowed in OpenMetrics");
    const c0 = s.charCodeAt(0);
    if (c0 === HASH) return this.omComment(s);
    if (!isMetricStart(c0)) {
      if (c0 === 0xfeff)
        return this.fail("unexpected byte order mark (BOM); the input must not start with one");
      return this.fail(
        `expected a metric name, "# HELP", "# TYPE", "# UNIT" or "# EOF", found ${found(s, 0)}`,
      );
    }
    let p = 1;
    while (p < n && isMetricChar(s.charCodeAt(p))) p++;
    const name = s.slice(0, p);
    const labels: Record<string, string> = {};
    if (p < n && s.charCodeAt(p) === LBRACE) {
      p = this.omLabels(s, p + 1, name, labels, false);
      if (p < 0) return this.failed();
    }
    // State sValue: one space, then [^ \n]+ (NUL excluded, as in all the lexer's ranges).
    if (p >= n || s.charCodeAt(p) !== SP) {
      return this.fail(`expected a single space and a value after the metric, found ${found(s, p)}`);
    }
    const v0 = p + 1;
    p = tokenEnd(s, v0);
    if (p === v0) return this.fail(`expected a value after the space, found ${found(s, p)}`);
    const valueText = s.slice(v0, p);
    const value = parseGoFloat(valueText);
    if (value === null) return this.fail(`the value ${show(valueText)} ${goFloatProblem(valueText)}`);
    // State sTimestamp: the end of the line, " # {" (an exemplar), or one space and [^ \n]+.
    if (p >= n) return this.noTimestamp(name, labels, value);
    if (isExemplarStart(s, p)) {
      if (this.omExemplar(s, p + 4, name) < 0) return this.failed();
      return this.noTimestamp(name, labels, value);
    }
    if (s.charCodeAt(p) !== SP) return this.fail(`unexpected ${found(s, p)} after the value`);
    const t0 = p + 1;
    p = tokenEnd(s, t0);
    if (p === t0) return this.fail(`expected a timestamp after the space, found ${found(s, p)}`);
    const ts = this.omTimestamp(s.slice(t0, p), "timestamp", true);
    if (ts === null) return this.failed();
    if (p < n) {
      if (!isExemplarStart(s, p)) return this.fail(`unexpected ${found(s, p)} after the timestamp`);
      if (this.omExemplar(s, p + 4, name) < 0) return this.failed();
    }
    return { kind: "sample", sample: { name, labels, ts, value } };
  }

  /**
   * OpenMetrics timestamps are seconds, parsed as floats and converted as openmetricsparse.go does:
   * int64(ts * 1000), i.e. the float64 product truncated toward zero. JavaScript's multiplication is the same
   * IEEE operation, so 1700000000.123 gives 1700000000123 here exactly when it does in Prometheus (and
   * 0.0005 gives 0, 1.0000005 gives 1000). NaN and ±Inf are errors ("invalid timestamp").
   */
  private omTimestamp(text: string, what: string, checkRange: boolean): number | null {
    const f = parseGoFloat(text);
    if (f === null) {
      this.error = `the ${what} ${show(text)} ${goFloatProblem(text)}`;
      return null;
    }
    if (Number.isNaN(f) || !Number.isFinite(f)) {
      this.error = `the ${what} ${show(text)} is not a finite number of seconds`;
      return null;
    }
    const ms = Math.trunc(f * 1000);
    if (checkRange && Math.abs(ms) > MAX_TIMESTAMP_MS) {
      this.error = `the ${what} ${show(text)} is out of range`;
      return null;
    }
    return ms === 0 ? 0 : ms; // no -0
  }

  /**
   * OpenMetrics label set from just after "{" (openmetricsparse.go parseLVals): `name="value"` pairs separated
   * by single commas, nothing else, no trailing comma. Exemplar label values are lexed in another state, where
   * NUL bytes are not skipped. Returns the index after "}" or -1.
   */
  private omLabels(
    s: string,
    p: number,
    name: string,
    labels: Record<string, string>,
    exemplar: boolean,
  ): number {
    const n = s.length;
    for (let first = true; ; first = false) {
      if (p >= n)
        return this.setError(
          `expected ${first ? 'a label name or "}"' : '"," or "}"'}, found the end of the line`,
        );
      let c = s.charCodeAt(p);
      if (c === RBRACE) return p + 1;
      if (c === COMMA) {
        if (first) return this.setError(`expected a label name or "}", found ","`);
        p++;
        if (p >= n || !isLabelStart(s.charCodeAt(p))) {
          return this.setError(`expected a label name after ",", found ${found(s, p)}`);
        }
        c = s.charCodeAt(p);
      } else if (!isLabelStart(c)) {
        return this.setError(
          `expected ${first ? 'a label name or "}"' : '"," or "}"'}, found ${found(s, p)}`,
        );
      } else if (!first) {
        return this.setError(`expected "," or "}", found ${found(s, p)}`);
      }
      const l0 = p;
      p++;
      while (p < n && isLabelChar(s.charCodeAt(p))) p++;
      const label = s.slice(l0, p);
      if (p >= n || s.charCodeAt(p) !== EQUALS) {
        return this.setError(`expected "=" after the label name ${show(label)}, found ${found(s, p)}`);
      }
      p = this.quotedValue(s, p + 1, label, !exemplar);
      if (p < 0) return -1;
      if (!exemplar && !this.addLabel(name, label, labels)) return -1;
    }
  }

  /**
   * An exemplar, from just after " # {" (openmetricsparse.go parseComment). It is checked as Prometheus
   * checks it, then dropped: the import stores samples only (promtool ignores exemplars too).
   */
  private omExemplar(s: string, p: number, name: string): number {
    if (!name.endsWith("_total") && !name.endsWith("_bucket")) {
      return this.setError(`${name} cannot have an exemplar (only names ending in _total or _bucket can)`);
    }
    p = this.omLabels(s, p, name, {}, true);
    if (p < 0) {
      this.error = `exemplar: ${this.error}`;
      return -1;
    }
    const n = s.length;
    if (p >= n || s.charCodeAt(p) !== SP) {
      return this.setError(`expected a space and a value after the exemplar labels, found ${found(s, p)}`);
    }
    const v0 = p + 1;
    p = tokenEnd(s, v0);
    if (p === v0) return this.setError(`expected an exemplar value after the space, found ${found(s, p)}`);
    const valueText = s.slice(v0, p);
    if (parseGoFloat(valueText) === null) {
      return this.setError(`the exemplar value ${show(valueText)} ${goFloatProblem(valueText)}`);
    }
    if (p >= n) return p;
    if (s.charCodeAt(p) !== SP) return this.setError(`unexpected ${found(s, p)} after the exemplar value`);
    const t0 = p + 1;
    p = tokenEnd(s, t0);
    if (p === t0)
      return this.setError(`expected an exemplar timestamp after the space, found ${found(s, p)}`);
    // Exemplars are dropped, so their timestamps need no range check (Prometheus has none either).
    if (this.omTimestamp(s.slice(t0, p), "exemplar timestamp", false) === null) return -1;
    if (p < n) return this.setError(`unexpected ${found(s, p)} after the exemplar timestamp`);
    return p;
  }

  /**
   * "# HELP name text", "# TYPE name type", "# UNIT name unit" or "# EOF" (openmetricslex.l: "#" and exactly
   * one space, the keyword and exactly one space, the name, exactly one space, the text to the end of the
   * line). Arbitrary comments are not part of OpenMetrics and Prometheus rejects them.
   */
  private omComment(s: string): LineResult {
    const n = s.length;
    const notAllowed = () =>
      this.fail(
        `comments are not allowed in OpenMetrics, only "# HELP", "# TYPE", "# UNIT" and "# EOF" lines (found ${show(s)})`,
      );
    if (n < 2 || s.charCodeAt(1) !== SP) return notAllowed();
    // State sComment: the keyword's first letter is read directly, the following ones (and the space after
    // it) through openMetricsLexer.next(), which skips NUL bytes in this state.
    const k = s.charCodeAt(2);
    let word: string;
    if (k === 69 /* E */) word = "EOF";
    else if (k === 72 /* H */) word = "HELP";
    else if (k === 84 /* T */) word = "TYPE";
    else if (k === 85 /* U */) word = "UNIT";
    else return notAllowed();
    let p = 3;
    for (let w = 1; w < word.length; w++) {
      while (p < n && s.charCodeAt(p) === NUL) p++;
      if (p >= n || s.charCodeAt(p) !== word.charCodeAt(w)) return notAllowed();
      p++;
    }
    while (p < n && s.charCodeAt(p) === NUL) p++;
    if (word === "EOF") {
      // "EOF"\n? then the end of the input: anything after it on the line is data after # EOF.
      return p >= n ? EOF : this.fail(`unexpected ${found(s, p)} after "# EOF"`);
    }
    if (p >= n || s.charCodeAt(p) !== SP) return notAllowed();
    p++;
    while (p < n && s.charCodeAt(p) === NUL) p++;
    // State sMeta1: the metric name, read directly.
    if (p >= n || !isMetricStart(s.charCodeAt(p))) {
      return this.fail(`expected a metric name after "# ${word} ", found ${found(s, p)}`);
    }
    const m0 = p;
    p++;
    while (p < n && isMetricChar(s.charCodeAt(p))) p++;
    const name = s.slice(m0, p);
    // State sMeta2: {S}{C}*\n, the text after exactly one space (it may be empty: "# HELP foo ").
    if (p >= n || s.charCodeAt(p) !== SP) {
      return this.fail(`expected a space and text after "# ${word} ${name}", found ${found(s, p)}`);
    }
    const text = s.slice(p + 1);
    if (word === "TYPE" && !OM_TYPES.has(text)) {
      return this.fail(
        `invalid metric type ${show(text)} for ${name} (expected counter, gauge, histogram, gaugehistogram, summary, info, stateset or unknown)`,
      );
    }
    // UNIT: a non-empty unit must be the name's suffix after an underscore ("unit not a suffix of metric").
    if (word === "UNIT" && text !== "" && !(name.length > text.length && name.endsWith(`_${text}`))) {
      return this.fail(`the unit ${show(text)} is not a suffix of the metric name ${name} (after "_")`);
    }
    // HELP: the text must be valid UTF-8, which the whole line is already.
    return NONE;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Shared

  /**
   * A quoted label value starting at `p` (which must be the opening quote), added to nothing yet: returns the
   * index after the closing quote (and after any NUL bytes the lexer skips there) or -1. The lexers accept
   * any character but `"` and `\` (and, in OpenMetrics, a raw newline), and a backslash followed by any
   * character but a newline; NUL bytes are skipped over by the lexer (promlexer/openMetricsLexer.next() in
   * state sLValue) but stay in the value, except in exemplar labels (lexer state sEValue).
   *
   * Deviation: promlex.l's `\"(\\.|[^\\"])*\"` lets a raw newline into a Prometheus-format label value, so
   * Prometheus reads such a value across two lines; we split lines first and report an unterminated value.
   */
  private quotedValue(s: string, p: number, label: string, skipNul: boolean): number {
    const n = s.length;
    if (p >= n || s.charCodeAt(p) !== QUOTE) {
      return this.setError(`expected a quoted value for the label ${show(label)}, found ${found(s, p)}`);
    }
    const v0 = p + 1;
    let escaped = false;
    for (p = v0; p < n; p++) {
      const c = s.charCodeAt(p);
      if (c === NUL) {
        if (!skipNul) return this.setError(`NUL byte in the value of the exemplar label ${show(label)}`);
        continue;
      }
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) break;
    }
    if (p >= n) {
      return this.setError(
        `the value of the label ${show(label)} has no closing quote on this line (write a newline in a label value as \\n)`,
      );
    }
    p++;
    if (skipNul) while (p < n && s.charCodeAt(p) === NUL) p++;
    // The value is what lies between the opening quote and the token's last byte, as both parsers take it
    // (offsets p.l.start+1 and p.l.i-1). The token's end includes the NUL bytes skipped after the closing
    // quote, so `"x"\0` gives the value `x"`: odd, but it is what Prometheus stores, so we do the same.
    this.value = unescapeLabelValue(s.slice(v0, p - 1));
    return p;
  }
  private value = "";

  /**
   * Adds the label just read (this.value) the way the TSDB stores it: tsdb/head_append.go first drops labels
   * with an empty value (lset.WithoutEmpty(): "Ensure no empty labels have gotten through"), then rejects a
   * label set with a repeated name (HasDuplicateLabelNames), including a "__name__" label next to the metric
   * name. So `{a=""}` is no label, and `{a="",a="x"}` is a="x".
   */
  private addLabel(name: string, label: string, labels: Record<string, string>): boolean {
    const value = this.value;
    if (value === "") return true;
    if (label === "__name__") {
      this.error = `duplicate label name "__name__" (the metric name ${name} is already given before the braces)`;
      return false;
    }
    if (Object.hasOwn(labels, label)) {
      this.error = `duplicate label name ${show(label)}`;
      return false;
    }
    // "__proto__" is a valid label name; a plain assignment would change the object's prototype instead.
    if (label === "__proto__") {
      Object.defineProperty(labels, label, { value, enumerable: true, writable: true, configurable: true });
    } else labels[label] = value;
    return true;
  }

  private noTimestamp(name: string, labels: Record<string, string>, value: number): LineResult {
    if (this.defaultTs !== null)
      return { kind: "sample", sample: { name, labels, ts: this.defaultTs, value } };
    return this.fail(
      this.openMetrics
        ? "sample has no timestamp; the import needs explicit timestamps (add the time in seconds since the epoch after the value, e.g. `foo 1 1700000000.5`)"
        : "sample has no timestamp; the import needs explicit timestamps (add the time in milliseconds since the epoch after the value, e.g. `foo 1 1700000000500`)",
    );
  }

  private setError(message: string): -1 {
    this.error = message;
    return -1;
  }
  private failed(): LineResult {
    return this.fail(this.error);
  }
  private fail(message: string): LineResult {
    // Prometheus has no rule for "\r": before the newline it ends up in a value, a timestamp or a TYPE and
    // makes the line fail (in comments and HELP text it is kept as text). Say so once, plainly.
    if (this.endsWithCR && !message.includes("carriage return")) {
      message += " (the line ends with a carriage return: CRLF line endings are not accepted)";
    }
    return { kind: "error", message };
  }
}

function nulEndsInput(): LineResult {
  return {
    kind: "error",
    message: "unexpected NUL byte (Prometheus would stop reading the input here)",
  };
}

function skipBlanks(s: string, p: number): number {
  const n = s.length;
  while (p < n) {
    const c = s.charCodeAt(p);
    if (c !== SP && c !== TAB) break;
    p++;
  }
  return p;
}

/** End of an OpenMetrics [^ \n]+ token starting at `p` (NUL bytes end it too). */
function tokenEnd(s: string, p: number): number {
  const n = s.length;
  while (p < n) {
    const c = s.charCodeAt(p);
    if (c === SP || c === NUL) break;
    p++;
  }
  return p;
}

/** " # {" at `p`: the start of an exemplar ({S}#{S}\{ in openmetricslex.l). */
function isExemplarStart(s: string, p: number): boolean {
  return (
    s.charCodeAt(p) === SP &&
    s.charCodeAt(p + 1) === HASH &&
    s.charCodeAt(p + 2) === SP &&
    s.charCodeAt(p + 3) === LBRACE
  );
}

function latin1(b: Uint8Array, from: number, to: number): string {
  let out = "";
  for (let i = from; i < to; i++) out += String.fromCharCode(b[i]!);
  return out;
}
