// Label sets of a series: canonical form (sorted keys) so one series has one key, and matchers to select.
import { compileAnchoredRe2 } from "./re2";

export type Labels = Record<string, string>;

export function canonicalLabels(labels: Labels): string {
  // fromEntries defines own properties: a label named "__proto__" is kept, not swallowed by the prototype.
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(labels)
        .sort()
        .map((key) => [key, labels[key]!]),
    ),
  );
}

export function seriesKey(name: string, labels: Labels): string {
  return `${name}${canonicalLabels(labels)}`;
}

export type MatchOp = "=" | "!=" | "=~" | "!~";
export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
}

const regexCache = new Map<string, RegExp>();
/** Prometheus regex matchers are fully anchored. */
function anchored(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    re = compileAnchoredRe2(pattern);
    regexCache.set(pattern, re);
  }
  return re;
}

/** A missing label matches as the empty string, as in Prometheus. `__name__` is the series name. */
export function matches(name: string, labels: Labels, matchers: LabelMatcher[]): boolean {
  return matchers.every((m) => {
    const actual = m.name === "__name__" ? name : (labels[m.name] ?? "");
    switch (m.op) {
      case "=":
        return actual === m.value;
      case "!=":
        return actual !== m.value;
      case "=~":
        return anchored(m.value).test(actual);
      case "!~":
        return !anchored(m.value).test(actual);
      default:
        return false;
    }
  });
}
