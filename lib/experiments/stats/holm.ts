// Holm's step-down adjustment across all variant × metric p-values of one experiment.

/**
 * Holm-adjusted p-values = statsmodels multipletests(p, method="holm")[1]: sort ascending, multiply the i-th
 * smallest (0-based) by (m − i), take the running maximum, cap at 1, restore the input order. NaN p-values
 * (untestable comparisons) neither count in m nor change: they stay NaN.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => !Number.isNaN(p))
    .sort((a, b) => a.p - b.p || a.index - b.index);
  const m = order.length;
  const adjusted = pValues.map(() => Number.NaN);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
