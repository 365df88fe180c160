// Class identity and ordering. Clients send the same class as 1, "1" or 1.0, so every count is keyed by
// a canonical string; the order follows numpy's sort so matrices and averages line up with scikit-learn.
import type { RawValue } from "./types";

/**
 * Canonical class string. Numbers use JavaScript's shortest round-trip form, so 1, 1.0 and "1" are one
 * class and -0 is "0"; booleans become "true"/"false". Strings are kept verbatim (no trimming, and "1.0"
 * stays distinct from "1"), because a client that sends strings chose those names.
 */
export function classKey(v: RawValue): string {
  return typeof v === "string" ? v : String(v);
}

function isNumericKey(key: string): boolean {
  // Number("") and Number(" 1") parse, but numpy would not sort those as numbers, so require a literal.
  return key !== "" && key.trim() === key && Number.isFinite(Number(key));
}

/** Compares by Unicode code point (numpy's order for str arrays), not by UTF-16 unit like `<`. */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(j) ?? 0;
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}

/**
 * Numeric order when every key is a finite number literal (as numpy sorts an int/float array), otherwise
 * code-point order (as numpy sorts a str array). Equal numbers with different spellings fall back to
 * code-point order so the result is deterministic.
 */
export function sortClasses(keys: string[]): string[] {
  const copy = [...keys];
  if (copy.every(isNumericKey)) {
    return copy.sort((a, b) => Number(a) - Number(b) || compareCodePoints(a, b));
  }
  return copy.sort(compareCodePoints);
}

/**
 * "1" for 0/1 classes and "true" for booleans — even when a window only saw "0" or "false", so the positive
 * class does not flip between windows — else the last class in sortClasses order (null when there are none).
 */
export function defaultPositiveClass(classes: string[]): string | null {
  if (classes.includes("1") || classes.includes("0")) return "1";
  if (classes.includes("true") || classes.includes("false")) return "true";
  const sorted = sortClasses(classes);
  return sorted[sorted.length - 1] ?? null;
}
