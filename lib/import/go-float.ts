// Float syntax of the Prometheus text parsers: Go's strconv.ParseFloat(s, 64) as wrapped by parseFloat() in
// Prometheus 2.42 model/textparse/promparse.go, which first rejects any "p", "P" or "_" ("Keep to pre-Go 1.13
// float formats"). What is left of Go's syntax (strconv/atof.go, Go 1.19 as in Debian's build):
//   - special values, whole string, case-insensitive: "inf" / "infinity" with an optional sign, "nan" without
//     one ("+nan" is a syntax error);
//   - decimal: [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?, leading zeros allowed;
//   - hexadecimal ("0x…") needs a "p" exponent, which the wrapper forbids, so no hex float is accepted;
//   - no surrounding whitespace;
//   - a finite literal beyond float64's range is an error (ErrRange), underflow rounds to 0 without error.
// Both Go and JavaScript round decimal literals correctly (IEEE round-to-nearest-even), so once the syntax has
// been checked, Number() gives the same float64 as Go.

/** The float value of `s` as Prometheus parses a sample value, or null where Prometheus reports an error. */
export function parseGoFloat(s: string): number | null {
  const n = s.length;
  if (n === 0) return null;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 /* + */ || c0 === 45 /* - */) i = 1;
  const rest = n - i;
  if (rest === 3 || rest === 8) {
    const word = s.slice(i).toLowerCase();
    if (word === "inf" || word === "infinity") return c0 === 45 ? -Infinity : Infinity;
    if (i === 0 && word === "nan") return Number.NaN;
  }
  let sawDigits = false;
  let sawDot = false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) sawDigits = true;
    else if (c === 46 /* . */ && !sawDot) sawDot = true;
    else break;
  }
  if (!sawDigits) return null;
  if (i < n) {
    const e = s.charCodeAt(i);
    if (e !== 101 /* e */ && e !== 69 /* E */) return null;
    i++;
    if (i < n) {
      const sign = s.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
    }
    const digitsFrom = i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
    }
    if (i === digitsFrom || i !== n) return null;
  }
  const v = Number(s);
  // Overflow: Go returns ±Inf with ErrRange, and Prometheus rejects the line.
  return Number.isFinite(v) ? v : null;
}

/** Why parseGoFloat(s) returned null, for error messages. */
export function goFloatProblem(s: string): string {
  if (s === "") return "is empty";
  if (/[pP_]/.test(s) || /^[+-]?0[xX]/.test(s))
    return "is not a decimal number (hex floats and _ are not accepted)";
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return "is out of the float64 range";
  return "is not a number";
}
