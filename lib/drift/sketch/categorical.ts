// The categorical half of a feature sketch: exact counts per category up to CATEGORY_CAP categories, and an
// "other" count for what does not fit.
//
// Exact (and merge ≡ concatenation) while the sketch has seen at most CATEGORY_CAP distinct categories. Past
// the cap, the kept categories are chosen by a deterministic trim: categories seen once go to "other", then
// the CATEGORY_CAP largest counts stay (ties broken by name, UTF-16 code-unit order) and the rest go to
// "other". A kept category's count is then a lower bound (some of its occurrences may sit in "other", from a
// merge partner that had evicted it); the total is always exact. Merging stays commutative but is no longer
// associative, and sketch(concat) may differ from the merge of the parts. Dropping singletons makes the
// categorical side of a continuous numeric feature (every value distinct) collapse to a bare "other" count
// instead of 500 arbitrary values seen once.
//
// Memory: up to 2·CATEGORY_CAP categories are held between trims (adding and merging trim lazily, so a
// category costs O(1) amortised); the views below always apply the cap.

export const CATEGORY_CAP = 500;
/** The key under which categoricalInput() reports the overflow; the tests treat it as one more category. */
export const OTHER_CATEGORY = "__other__";

export interface CategoricalSketch {
  /** Every non-missing value, kept or not. */
  count: number;
  counts: Map<string, number>;
  other: number;
}

export function emptyCategorical(): CategoricalSketch {
  return { count: 0, counts: new Map(), other: 0 };
}

function byName(a: [string, number], b: [string, number]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** The trim described in the file comment; returns the kept counts and the new "other" count. */
export function trimmed(
  counts: Map<string, number>,
  other: number,
): { counts: Map<string, number>; other: number } {
  if (counts.size <= CATEGORY_CAP && other === 0) return { counts, other };
  let kept: [string, number][] = [];
  for (const entry of counts) {
    if (entry[1] === 1) other++;
    else kept.push(entry);
  }
  if (kept.length > CATEGORY_CAP) {
    // The CATEGORY_CAP-th largest count is the cut: all above it stay, ties at it are taken by name.
    const sorted = Float64Array.from(kept, (e) => e[1]).sort();
    const cut = sorted[sorted.length - CATEGORY_CAP]!;
    const above = kept.filter((e) => e[1] > cut);
    const tied = kept.filter((e) => e[1] === cut).sort(byName);
    const take = CATEGORY_CAP - above.length;
    for (let i = take; i < tied.length; i++) other += tied[i]![1];
    for (const e of kept) if (e[1] < cut) other += e[1];
    kept = [...above, ...tied.slice(0, take)];
  }
  return { counts: new Map(kept), other };
}

function trimIfLarge(s: CategoricalSketch): void {
  if (s.counts.size <= 2 * CATEGORY_CAP) return;
  const t = trimmed(s.counts, s.other);
  s.counts = t.counts;
  s.other = t.other;
}

export function addCategory(s: CategoricalSketch, key: string): void {
  s.count++;
  const { counts } = s;
  const c = counts.get(key);
  if (c !== undefined) counts.set(key, c + 1);
  else {
    counts.set(key, 1);
    if (counts.size > 2 * CATEGORY_CAP) trimIfLarge(s);
  }
}

/**
 * Adds other's categories into `into` and trims lazily like adding. Symmetric in the two in-memory states, so
 * merge(a, b) ≡ merge(b, a); past the cap the result can depend on the grouping of merges and on whether a part
 * went through serialisation (which applies the trim).
 */
export function mergeCategorical(into: CategoricalSketch, other: CategoricalSketch): void {
  const { counts } = into;
  for (const [key, c] of other.counts) counts.set(key, (counts.get(key) ?? 0) + c);
  into.other += other.other;
  into.count += other.count;
  trimIfLarge(into);
}

/** The sketch as stored and read: cap applied, categories in code-unit order of their names. */
export function categoricalView(s: CategoricalSketch): { counts: Map<string, number>; other: number } {
  const t = trimmed(s.counts, s.other);
  const keys = [...t.counts.keys()].sort();
  return { counts: new Map(keys.map((k) => [k, t.counts.get(k)!])), other: t.other };
}

/**
 * Category counts for the tests: the kept categories plus OTHER_CATEGORY for the overflow (added to a real
 * category of that name if there is one). `exact` is false once anything overflowed.
 */
export function categoricalInputOf(s: CategoricalSketch): { counts: Map<string, number>; exact: boolean } {
  const v = categoricalView(s);
  if (v.other > 0) v.counts.set(OTHER_CATEGORY, (v.counts.get(OTHER_CATEGORY) ?? 0) + v.other);
  return { counts: v.counts, exact: v.other === 0 };
}
