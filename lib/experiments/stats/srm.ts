// Sample-ratio mismatch: do the observed units per variant fit the configured traffic weights?
import { chi2Sf } from "@/lib/drift/stattests/special";
import type { SrmResult } from "./types";

export const SRM_THRESHOLD = 0.001;

/**
 * Chi-square goodness of fit of the counts against total·w/Σw = scipy.stats.chisquare(counts, expected), df = k − 1,
 * flagged when p < threshold. No units (or fewer than two variants, or a weight ≤ 0) leaves nothing to
 * test: statistic and p are NaN and nothing is flagged.
 */
export function srmTest(
  counts: readonly number[],
  weights: readonly number[],
  threshold = SRM_THRESHOLD,
): SrmResult {
  const total = counts.reduce((s, c) => s + c, 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const expected = weights.map((w) => (total * w) / weightSum);
  const df = counts.length - 1;
  const testable = total > 0 && df >= 1 && counts.length === weights.length && weights.every((w) => w > 0);
  if (!testable)
    return { observed: [...counts], expected, chiSquare: Number.NaN, df, pValue: Number.NaN, flagged: false };
  let chiSquare = 0;
  counts.forEach((o, i) => {
    const e = expected[i]!;
    chiSquare += ((o - e) * (o - e)) / e;
  });
  const pValue = chi2Sf(chiSquare, df);
  return { observed: [...counts], expected, chiSquare, df, pValue, flagged: pValue < threshold };
}
