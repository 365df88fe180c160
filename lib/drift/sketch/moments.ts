// Exact running sums Σx and Σx² for the mean and standard deviation of a numeric sketch.
//
// A sum is kept as a floating-point expansion: a short list of non-overlapping doubles whose exact sum is the
// exact sum of every value added (Shewchuk 1997, the algorithm behind Python's math.fsum). x² is split into
// two doubles that add up to it exactly (Dekker's product), so Σx² is exact too. Because the sums are exact,
// they do not depend on the order of additions or merges: the sketch of concat(x, y) and the merge of the
// sketches of x and y give bit-identical means and standard deviations, and the variance is computed from
// n·Σx² − (Σx)² without cancellation (the subtraction is exact; only the final result is rounded).
//
// Exactness needs every product to stay finite: values with |x| ≥ 2^440 (≈ 2.8e132) switch the moments off
// (mean and std are then reported as unknown). Below about 1e-154, x² loses bits to underflow; the sums stay
// deterministic but are no longer exact, which only matters for data that small.

/** Values at or above this magnitude switch the exact moments off (see the file comment). */
export const MOMENTS_LIMIT = 2 ** 440;

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's split constant for doubles

/** Adds x to the expansion p in place; the exact value of p grows by exactly x. */
export function expansionAdd(p: number[], x: number): void {
  let i = 0;
  for (let j = 0; j < p.length; j++) {
    let y = p[j]!;
    if (Math.abs(x) < Math.abs(y)) {
      const t = x;
      x = y;
      y = t;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) p[i++] = lo;
    x = hi;
  }
  // Truncate with pop(): assigning p.length is slow in V8.
  if (x !== 0) {
    if (i < p.length) p[i++] = x;
    else {
      p.push(x);
      return;
    }
  }
  while (p.length > i) p.pop();
}

/** Adds x·x to the expansion exactly (while x·x neither overflows nor underflows). */
export function expansionAddSquare(p: number[], x: number): void {
  const hi = x * x;
  const c = SPLITTER * x;
  const xh = c - (c - x);
  const xl = x - xh;
  const lo = xh * xh - hi + 2 * xh * xl + xl * xl;
  expansionAdd(p, hi);
  if (lo !== 0) expansionAdd(p, lo);
}

/** Adds a·b to the expansion exactly (Dekker's two-product). */
function expansionAddProduct(p: number[], a: number, b: number): void {
  const hi = a * b;
  let c = SPLITTER * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  const lo = ah * bh - hi + ah * bl + al * bh + al * bl;
  expansionAdd(p, hi);
  if (lo !== 0) expansionAdd(p, lo);
}

/** The exact value of an expansion rounded once to the nearest double (ties to even), as math.fsum. */
export function expansionValue(p: readonly number[]): number {
  let n = p.length;
  if (n === 0) return 0;
  let hi = p[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = p[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Half-way case: the rounding of hi + lo went one way, but the rest of the expansion lies beyond it.
  if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/**
 * The unique greedy form of an expansion's exact value: r₁ = round(value), r₂ = round(value − r₁), … until
 * nothing is left, smallest first. Two expansions with the same exact value give the same array, so
 * serialised sketches are identical whatever order their values were added or merged in.
 */
export function canonicalExpansion(p: readonly number[]): number[] {
  const rest = [...p];
  const out: number[] = [];
  for (;;) {
    const r = expansionValue(rest);
    if (r === 0) break;
    out.push(r);
    expansionAdd(rest, -r);
  }
  return out.reverse();
}

/** Adds the exact value of q to p. */
export function expansionAddAll(p: number[], q: readonly number[]): void {
  for (const x of q) expansionAdd(p, x);
}

/**
 * Σ(x − mean)² from n, Σx and Σx²: (n·Σx² − (Σx)²) / n with the numerator computed exactly and rounded once,
 * so there is no cancellation however large the mean is next to the spread. Never negative.
 */
export function centredSumOfSquares(n: number, sum: readonly number[], sumSq: readonly number[]): number {
  if (n === 0) return 0;
  const t: number[] = [];
  for (const q of sumSq) expansionAddProduct(t, n, q);
  const s = canonicalExpansion(sum);
  for (const a of s) for (const b of s) expansionAddProduct(t, -a, b);
  return Math.max(0, expansionValue(t)) / n;
}
