// Literal values as Prometheus 2.42 reads them: numbers via Go's ParseInt(base 0) then ParseFloat, strings via
// Go's unquoting rules, durations via prometheus/common's ParseDuration. Each returns a value or throws a
// plain Error whose message the caller places at the literal's position.

const INT64_MAX = 2n ** 63n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) falling back to ParseFloat — so "010" is octal 8 and "0x1F" is 31. */
export function parseNumberText(text: string): number {
  const lower = text.toLowerCase();
  if (lower === "inf") return Number.POSITIVE_INFINITY;
  if (lower === "nan") return Number.NaN;
  if (text.includes("_"))
    throw new Error(`underscores in numbers are not supported (Prometheus 2.42): "${text}"`);
  if (/^0x[0-9a-f]+$/i.test(text)) {
    const n = BigInt(text);
    if (n > INT64_MAX) throw new Error(`error parsing number: value out of range: "${text}"`);
    return Number(n);
  }
  if (/^0[0-7]+$/.test(text)) {
    const n = BigInt(`0o${text.slice(1)}`);
    if (n <= INT64_MAX) return Number(n);
  }
  const n = Number(text);
  if (text.trim() === "" || Number.isNaN(n))
    throw new Error(`error parsing number: invalid syntax: "${text}"`);
  return n;
}

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];
/** Go's time.Duration is int64 nanoseconds. */
const MAX_DURATION_MS = 9_223_372_036_854;

/** A duration such as "1h30m" in milliseconds; zero is rejected as Prometheus 2.42 does. */
export function parseDurationText(text: string): number {
  const m = DURATION_RE.exec(text);
  if (!m || text === "") throw new Error(`not a valid duration string: "${text}"`);
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = m[i + 1];
    if (part !== undefined) ms += Number(part) * UNIT_MS[i]!;
  }
  if (ms > MAX_DURATION_MS) throw new Error(`duration out of range: "${text}"`);
  if (ms === 0) throw new Error("duration must be greater than 0");
  return ms;
}

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };

function pushUtf8(bytes: number[], cp: number): void {
  const s = new TextEncoder().encode(String.fromCodePoint(cp));
  for (const b of s) bytes.push(b);
}

/**
 * Go's unquoting of a PromQL string token (quotes included). Escapes produce bytes, as in Go, so "\xc3\xa9" is
 * "é"; the result is decoded as UTF-8. Only the string's own quote may be escaped.
 */
export function unquoteString(token: string): string {
  const quote = token[0];
  if (token.length < 2 || token[token.length - 1] !== quote) throw new Error("unterminated quoted string");
  const body = token.slice(1, -1);
  if (quote === "`") return body;
  const bytes: number[] = [];
  const cps = Array.from(body);
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (c === "\n") throw new Error("unterminated quoted string");
    if (c !== "\\") {
      pushUtf8(bytes, c.codePointAt(0)!);
      continue;
    }
    const e = cps[++i];
    if (e === undefined) throw new Error("escape sequence not terminated");
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      bytes.push(simple);
    } else if (e === quote) {
      bytes.push(e.charCodeAt(0));
    } else if (/[0-7]/.test(e)) {
      const digits = cps.slice(i, i + 3).join("");
      if (!/^[0-7]{3}$/.test(digits) || Number.parseInt(digits, 8) > 255) {
        throw new Error(`invalid octal escape sequence "\\${digits}"`);
      }
      bytes.push(Number.parseInt(digits, 8));
      i += 2;
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const digits = cps.slice(i + 1, i + 1 + n).join("");
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) {
        throw new Error(`invalid escape sequence "\\${e}${digits}"`);
      }
      const v = Number.parseInt(digits, 16);
      if (e === "x") bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) {
        throw new Error("escape sequence is an invalid Unicode code point");
      } else pushUtf8(bytes, v);
      i += n;
    } else {
      throw new Error(`unknown escape sequence "\\${e}"`);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
