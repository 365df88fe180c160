// Neumaier-compensated sums: merged chunks add their partial sums in a different order than one pass
// would, and compensation keeps that difference far below the 1e-9 agreement we promise with sklearn.
import type { CompensatedSum } from "./types";

export function addTo(acc: CompensatedSum, value: number): void {
  const sum = acc[0];
  const next = sum + value;
  if (Math.abs(sum) >= Math.abs(value)) acc[1] += sum - next + value;
  else acc[1] += value - next + sum;
  acc[0] = next;
}

export function mergeSums(a: CompensatedSum, b: CompensatedSum): CompensatedSum {
  const out: CompensatedSum = [a[0], a[1]];
  addTo(out, b[0]);
  out[1] += b[1];
  return out;
}

export function sumValue(acc: CompensatedSum): number {
  return acc[0] + acc[1];
}
