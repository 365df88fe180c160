// Shared by the experiments-stats*.test.ts files: the reference fixture and a tolerance check.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type Json = number | string;

export function loadReference() {
  return JSON.parse(readFileSync(join(__dirname, "../fixtures/experiments/reference.json"), "utf8"));
}

/** Map the fixture's NaN/Infinity strings back to numbers. */
export function num(x: Json): number {
  if (x === "NaN") return Number.NaN;
  if (x === "Infinity") return Number.POSITIVE_INFINITY;
  if (x === "-Infinity") return Number.NEGATIVE_INFINITY;
  return x as number;
}

/**
 * |actual − expected| ≤ tol · max(1, |expected|): relative for values above 1, absolute below (p-values, rates).
 * NaN must match NaN.
 */
export function expectClose(actual: number, expected: Json, what: string, tol = 1e-9): void {
  const e = num(expected);
  if (Number.isNaN(e)) {
    if (!Number.isNaN(actual)) throw new Error(`${what}: got ${actual}, expected NaN`);
    return;
  }
  const err = Math.abs(actual - e);
  if (!(err <= tol * Math.max(1, Math.abs(e)))) {
    throw new Error(`${what}: got ${actual}, expected ${e} (error ${err.toExponential(2)})`);
  }
}

/** Relative comparison for small positive quantities (losses, tiny p-values), with an absolute floor. */
export function expectRelative(actual: number, expected: number, what: string, rel: number, floor = 1e-300) {
  const err = Math.abs(actual - expected);
  if (!(err <= rel * Math.abs(expected) + floor)) {
    throw new Error(
      `${what}: got ${actual}, expected ${expected} (relative error ${(err / Math.abs(expected)).toExponential(2)})`,
    );
  }
}
