// Regression metrics from the mergeable sums: mean_absolute_error, sqrt(mean_squared_error), r2_score.
import { sumValue } from "./sum";
import type { RegressionState } from "./types";

export interface RegressionMetrics {
  mae: number | null;
  rmse: number | null;
  r2: number | null;
}

/**
 * r2 is null where sklearn 1.2 gives no useful number: with fewer than 2 samples it returns nan, and with
 * constant labels it returns 1.0 or 0.0 by convention (force_finite), which would read as a real score.
 */
export function regressionMetrics(r: RegressionState): RegressionMetrics {
  if (r.n === 0) return { mae: null, rmse: null, r2: null };
  const sqError = sumValue(r.sqError);
  const mae = sumValue(r.absError) / r.n;
  const rmse = Math.sqrt(sqError / r.n);
  const r2 = r.n < 2 || r.labelM2 === 0 ? null : 1 - sqError / r.labelM2;
  return { mae, rmse, r2 };
}
