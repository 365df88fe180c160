// Sufficient statistics of one metric over a set of units, mergeable across days: the sums a mean, a rate and
// the CUPED regression need. The covariate X is optional per unit; units without it are kept apart so they
// can be given the pooled mean of X once every unit has been seen (so one pass over the rows is enough).
import type { BinarySummary, CovariateSummary, MeanSummary } from "./stats/types";

export interface Moments {
  n: number;
  sumY: number;
  sumY2: number;
  /** units with a covariate value, and the sums over them */
  nX: number;
  sumX: number;
  sumX2: number;
  sumXY: number;
  /** Σy over the units without a covariate value */
  sumYNoX: number;
}

export const emptyMoments = (): Moments => ({
  n: 0,
  sumY: 0,
  sumY2: 0,
  nX: 0,
  sumX: 0,
  sumX2: 0,
  sumXY: 0,
  sumYNoX: 0,
});

export function addUnit(m: Moments, y: number, x: number | null): void {
  m.n += 1;
  m.sumY += y;
  m.sumY2 += y * y;
  if (x === null) {
    m.sumYNoX += y;
    return;
  }
  m.nX += 1;
  m.sumX += x;
  m.sumX2 += x * x;
  m.sumXY += x * y;
}

/** Adds b into a. */
export function mergeInto(a: Moments, b: Moments): void {
  a.n += b.n;
  a.sumY += b.sumY;
  a.sumY2 += b.sumY2;
  a.nX += b.nX;
  a.sumX += b.sumX;
  a.sumX2 += b.sumX2;
  a.sumXY += b.sumXY;
  a.sumYNoX += b.sumYNoX;
}

export const meanSummary = (m: Moments): MeanSummary => ({ n: m.n, sum: m.sumY, sumSquares: m.sumY2 });

/** For 0/1 values: the successes are the sum. */
export const binarySummary = (m: Moments): BinarySummary => ({ n: m.n, successes: Math.round(m.sumY) });

/** CUPED input, with `pooledX` (the mean of X over every unit that has one) standing in for a missing X. */
export function covariateSummary(m: Moments, pooledX: number): CovariateSummary {
  const missing = m.n - m.nX;
  return {
    n: m.n,
    sumY: m.sumY,
    sumY2: m.sumY2,
    sumX: m.sumX + missing * pooledX,
    sumX2: m.sumX2 + missing * pooledX * pooledX,
    sumXY: m.sumXY + pooledX * m.sumYNoX,
  };
}

export const meanOf = (m: Moments): number | null => (m.n === 0 ? null : m.sumY / m.n);
