// Inhibition rules, as Alertmanager's inhibit package: a firing alert matching the source matchers mutes
// alerts matching the target matchers when the `equal` labels have the same values in both (a label missing
// from both counts as equal). An alert never inhibits itself: when the target also matches the source
// matchers, sources that also match the target matchers are not considered.
import type { Labels } from "../series/labels";
import { type Matcher, matchesAll } from "./matchers";

export interface InhibitRule {
  sourceMatchers: Matcher[];
  targetMatchers: Matcher[];
  equal: string[];
}

function sameOn(a: Labels, b: Labels, names: readonly string[]): boolean {
  return names.every((n) => (a[n] ?? "") === (b[n] ?? ""));
}

/** Whether `target` is inhibited by one of the firing alerts (their label sets). */
export function isInhibited(
  rules: readonly InhibitRule[],
  firing: readonly Labels[],
  target: Labels,
): boolean {
  return rules.some((rule) => {
    if (!matchesAll(rule.targetMatchers, target)) return false;
    const excludeTwoSided = matchesAll(rule.sourceMatchers, target);
    return firing.some(
      (source) =>
        matchesAll(rule.sourceMatchers, source) &&
        !(excludeTwoSided && matchesAll(rule.targetMatchers, source)) &&
        sameOn(source, target, rule.equal),
    );
  });
}
