// Dense count arrays keyed by an integer bucket index, the two histograms of a numeric sketch:
//
// - Log buckets (DDSketch): |x| goes to bucket i = ceil(log_γ |x|), γ = (1 + α) / (1 − α), i.e. the interval
//   (γ^(i−1), γ^i]; its representative 2γ^i / (γ + 1) is within relative error α of every value in it.
//   Positive and negative values have one store each; |x| < 2^−1022 (zero and subnormals) is counted apart.
// - Grid cells (kept only for narrow one-signed data, see gridWanted in numeric.ts): x goes to cell
//   j = floor(x / 2^k) of width 2^k, with k the smallest level at which the sketch's [min, max] spans at most
//   GRID_CELLS cells (and |x| / 2^k < 2^52). The representative is the midpoint, within 2^(k−1) of every value in
//   the cell; not fitting at k − 1 means 2^(k−1) < (max − min) / (GRID_CELLS − 2) (or ≤ 2^−52·max|x| for data
//   only a few ulps wide). k depends only on min and max, so the grid of a merged sketch equals the grid of all
//   its values added one by one (a coarser level folds cells exactly: floor(j / 2^d)).
//
// Counts are plain doubles (exact integers up to 2^53).

/**
 * Relative accuracy α of the log buckets. 0.01 rather than 0.001: at 0.001 an hour of 10k values fills ~2,000–
 * 2,600 buckets (≈ one per 4 values) and merging 720 × 50 hourly sketches takes seconds; at 0.01 ~300–550 (see
 * index.ts). Changing it changes every bucket index, so it is written into the serialised form and parseSketch
 * refuses sketches written with another α.
 */
export const SKETCH_RELATIVE_ACCURACY = 0.01;
const GAMMA = (1 + SKETCH_RELATIVE_ACCURACY) / (1 - SKETCH_RELATIVE_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);
const INV_LN_GAMMA = 1 / LN_GAMMA;
/** |x| below this (zero, subnormals) is counted in the zero bucket of the log histogram. */
export const MIN_INDEXABLE = 2 ** -1022;
/**
 * At most this many log buckets per sign: buckets more than LOG_MAX_SPAN below a store's largest bucket are
 * folded into its lowest kept bucket (magnitudes over 71 decades below the largest one, at α = 0.01).
 */
export const LOG_MAX_SPAN = 8192;
/** Cells of the uniform grid across [min, max]. */
export const GRID_CELLS = 512;
export const GRID_MIN_LEVEL = -1074;
export const GRID_MAX_LEVEL = 1023;

export interface LogStore {
  /** Bucket index of counts[0]. */
  offset: number;
  counts: Float64Array;
  /** Lowest and highest non-empty bucket; min > max when empty. */
  min: number;
  max: number;
}

export function emptyLogStore(): LogStore {
  return { offset: 0, counts: new Float64Array(0), min: 1, max: 0 };
}

export function logIndex(absValue: number): number {
  return Math.ceil(Math.log(absValue) * INV_LN_GAMMA);
}

/** The representative |value| of log bucket i, capped at the largest double. */
export function logRepresentative(index: number): number {
  return Math.min((2 * GAMMA ** index) / (GAMMA + 1), Number.MAX_VALUE);
}

function reserve(store: LogStore, lo: number, hi: number): void {
  const { offset, counts } = store;
  if (lo >= offset && hi < offset + counts.length) return;
  const want = hi - lo + 1;
  const size = Math.min(Math.max(want * 2, 64), LOG_MAX_SPAN * 2);
  const slack = Math.floor((size - want) / 2);
  const next = new Float64Array(size);
  const nextOffset = lo - slack;
  if (store.min <= store.max)
    next.set(counts.subarray(store.min - offset, store.max - offset + 1), store.min - nextOffset);
  store.offset = nextOffset;
  store.counts = next;
}

/** Adds count at bucket index, folding buckets that fall LOG_MAX_SPAN below the largest one. */
export function logAdd(store: LogStore, index: number, count: number): void {
  if (store.min > store.max) {
    reserve(store, index, index);
    store.counts[index - store.offset] = count;
    store.min = index;
    store.max = index;
    return;
  }
  if (index > store.max) {
    const floor = index - LOG_MAX_SPAN + 1;
    if (floor > store.min) {
      let folded = 0;
      const top = Math.min(store.max, floor - 1);
      for (let i = store.min; i <= top; i++) {
        folded += store.counts[i - store.offset]!;
        store.counts[i - store.offset] = 0;
      }
      store.min = floor;
      reserve(store, floor, index);
      store.counts[floor - store.offset]! += folded;
    } else reserve(store, store.min, index);
    store.max = index;
  } else if (index < store.min) {
    const floor = store.max - LOG_MAX_SPAN + 1;
    if (index < floor) index = floor;
    reserve(store, index, store.max);
    store.min = index;
  }
  store.counts[index - store.offset]! += count;
}

export function logMerge(into: LogStore, other: LogStore): void {
  if (other.min > other.max) return;
  const lo = into.min > into.max ? other.min : Math.min(into.min, other.min);
  const hi = into.min > into.max ? other.max : Math.max(into.max, other.max);
  if (hi - lo >= LOG_MAX_SPAN) {
    // Rare: the union spans more than LOG_MAX_SPAN buckets, so some fold; go bucket by bucket.
    logAdd(into, other.max, 0);
    for (let i = other.min; i <= other.max; i++) {
      const c = other.counts[i - other.offset]!;
      if (c !== 0) logAdd(into, i, c);
    }
    return;
  }
  reserve(into, lo, hi);
  into.min = lo;
  into.max = hi;
  const dst = into.counts;
  const src = other.counts;
  const shift = other.offset - into.offset;
  const end = other.max - other.offset;
  for (let i = other.min - other.offset; i <= end; i++) dst[i + shift]! += src[i]!;
}

// ---- grid -------------------------------------------------------------------------------------------------

const POW2 = new Float64Array(GRID_MAX_LEVEL - GRID_MIN_LEVEL + 1);
{
  // Exact powers of two by repeated doubling (Math.pow is not guaranteed exact).
  let v = 2 ** -1074;
  for (let k = GRID_MIN_LEVEL; k <= GRID_MAX_LEVEL; k++) {
    POW2[k - GRID_MIN_LEVEL] = v;
    v *= 2;
  }
}

export function pow2(level: number): number {
  return POW2[level - GRID_MIN_LEVEL]!;
}

/** floor(x / 2^level), exact (division by a power of two), with underflow of tiny negatives handled. */
export function gridCell(x: number, level: number): number {
  const j = Math.floor(x / pow2(level));
  return j === 0 && x < 0 ? -1 : j + 0;
}

function fits(min: number, max: number, level: number): boolean {
  const w = pow2(level);
  if (Math.max(Math.abs(min), Math.abs(max)) / w >= 2 ** 52) return false;
  return gridCell(max, level) - gridCell(min, level) < GRID_CELLS;
}

/** The smallest level ≥ from at which [min, max] fits the grid (the condition is monotone in the level). */
export function gridLevel(min: number, max: number, from = GRID_MIN_LEVEL): number {
  let k = from;
  // Jump close to the answer with logarithms, staying below it, then step up exactly.
  const range = max / 2 - min / 2; // halves: max − min may overflow
  if (range > 0) k = Math.max(k, Math.floor(Math.log2(range / GRID_CELLS)) - 1);
  const big = Math.max(Math.abs(min), Math.abs(max));
  if (big > 0) k = Math.max(k, Math.floor(Math.log2(big)) - 54);
  k = Math.min(Math.max(k, GRID_MIN_LEVEL), GRID_MAX_LEVEL);
  while (k < GRID_MAX_LEVEL && !fits(min, max, k)) k++;
  return k;
}

export interface GridStore {
  level: number;
  /** Cell index of counts[0]: always gridCell(min, level) of the sketch. */
  base: number;
  counts: Float64Array; // GRID_CELLS long
}

/** floor(cell / 2^d) for an integer cell index. */
function foldCell(cell: number, d: number): number {
  if (d >= 64) return cell < 0 ? -1 : 0;
  return Math.floor(cell / 2 ** d);
}

/** Moves the grid to a new level (≥ the current one) and base, folding cells exactly. */
function regrid(grid: GridStore, level: number, base: number): void {
  if (level === grid.level && base === grid.base) return;
  const d = level - grid.level;
  const next = new Float64Array(GRID_CELLS);
  const { counts } = grid;
  for (let j = 0; j < GRID_CELLS; j++) {
    const c = counts[j]!;
    if (c === 0) continue;
    next[foldCell(grid.base + j, d) - base]! += c;
  }
  grid.level = level;
  grid.base = base;
  grid.counts = next;
}

export function emptyGrid(min: number, max: number): GridStore {
  const level = gridLevel(min, max);
  return { level, base: gridCell(min, level), counts: new Float64Array(GRID_CELLS) };
}

/** Re-levels the grid for a sketch whose [min, max] is now the given one (min/max only ever widen). */
export function gridFit(grid: GridStore, min: number, max: number): void {
  const level = gridLevel(min, max, grid.level);
  regrid(grid, level, gridCell(min, level));
}

export function gridMerge(into: GridStore, other: GridStore, min: number, max: number): void {
  gridFit(into, min, max);
  const d = into.level - other.level;
  for (let j = 0; j < GRID_CELLS; j++) {
    const c = other.counts[j]!;
    if (c !== 0) into.counts[foldCell(other.base + j, d) - into.base]! += c;
  }
}

/** The midpoint of cell j at a level (exact: (2j + 1)·2^(k−1)); at the finest level the cell's only value. */
export function gridRepresentative(cell: number, level: number): number {
  return level === GRID_MIN_LEVEL ? cell * pow2(level) : (2 * cell + 1) * pow2(level - 1);
}
