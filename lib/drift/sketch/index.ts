// Mergeable per-feature summaries ("sketches") for drift over any time range. The worker sketches each
// model/version/feature per hour; drift over a range merges stored sketches (mergeSerializedSketch) and feeds the
// statistical tests numericInput() / categoricalInput() instead of raw rows.
//
// WHAT IS EXACT
// - count, missing, the JSON kinds seen, min, max. Mean and std (population, ddof = 0 as np.std): from exact
//   sums (moments.ts), one rounding at the end, bit-identical whatever the merge order; null once |x| ≥ 2^440.
// - Numbers while a sketch holds ≤ 64 distinct values: the value → count map itself (numericInput().exact).
//   Low-cardinality numeric features (Evidently's chisquare / z choices, per-value binning up to 20 uniques)
//   stay exact; summary `unique` is exact up to 64 and null ("more than 64") above.
// - Categories while ≤ 500 distinct (CATEGORY_CAP). Above: "__other__" holds the overflow and the tests see it
//   as one more category; kept counts are lower bounds, the total is exact (categorical.ts).
// - Merging: sketch(concat(x, y)) and any merge tree of the parts' sketches serialise to the same string;
//   merge(a, b) ≡ merge(b, a). Only a categorical side that overflowed its cap is exempt from the former.
//
// ERROR BOUNDS past 64 distinct numbers. numericInput() builds weighted values from one of two exactly
// mergeable histograms and pins the exact min and max at the ends (values strictly ascending, weights summing
// to the count). There is always a one-to-one pairing of raw values with units of weight (the sorted order)
// in which each raw value x moves by at most
// - log buckets, α = SKETCH_RELATIVE_ACCURACY = 0.01 (DDSketch: bucket ceil(log_γ|x|), γ = (1+α)/(1−α),
//   representative 2γ^i/(γ+1)): α·|x|, up to ~1e-12 relative float slack at bucket edges. Exceptions:
//   |x| < 2^−1022 moves to 0; magnitudes more than 8192 buckets (~71 decades) below the largest of their sign
//   fold into the lowest kept bucket (and move by at most its representative);
// - uniform grid (only while all values share a sign and max|x| ≤ 4·min|x|; 512 cells of width 2^k over
//   [min, max]): half a cell, 2^(k−1) < (max − min)/510 (or ≤ 2^−52·max|x| for data a few ulps wide).
// numericInput() returns the bound met: `maxAbsError` (largest move) and `wassersteinBound` (mean move, for log
// buckets ≤ α(1+α)/(1−α)·mean|x|), and by default uses the histogram with the smaller mean move. Hence:
// - Wasserstein-1 between the raw values and the weighted ones ≤ wassersteinBound; between two sketched samples
//   it differs from the raw one by ≤ the sum of both bounds (divide by the std for Evidently's normed form;
//   summary().std is exact, the std of the weighted values is off by ≤ maxAbsError).
// - ECDF: F_raw(t − e) ≤ F_sketch(t) ≤ F_raw(t + e) with e = maxAbsError; for log buckets and t > 0 also
//   F_raw(t/(1+α)) ≤ F_sketch(t) ≤ F_raw(t/(1−α)). So quantiles move by ≤ α relative, and KS by at most the raw
//   mass (of either sample) inside such a window.
// - Binned shares (PSI, KL, JS, Hellinger, TVD over Sturges bins of [min, max]): the edges equal the raw ones
//   (exact min and max); a value can change bin only if an edge lies within its bound (α|x| or half a cell).
// Log buckets keep resolution across orders of magnitude and heavy tails but not for narrow offset data
// (latitudes, Kelvin, epoch seconds: one bucket is 2% wide), which the grid covers. Remaining weak spot: narrow
// offset data plus an outlier of the other sign or 4× away drop the grid, and the bulk then shares few buckets.
// Measured with scipy on random lognormal / normal samples (no shift and a 0.1 shift): drift scores from log
// buckets differ from raw ones by ≲ 0.006 (n = 1,000) and ≲ 0.002 (n = 240,000) for normed Wasserstein, PSI
// (Sturges) and JS, KS by ≤ 0.004; α = 0.001 cuts that ~10× but makes sketches ~4× larger and merges 4–7× slower.
//
// TYPE. Numerical when every non-missing value is a JSON number; categorical when any is a string or boolean,
// or all are missing. Both sides are kept so an override either way has data: numbers and JSON-number strings
// ("12.5") feed the numeric side, every non-missing value feeds the categorical side as categoryKey(value)
// (1 and "1" are one category). The categorical side of a continuous numeric feature collapses to "__other__".
//
// COST (2-core shared VM, Node 20; see tests/unit/drift-sketch.test.ts). addValue ~0.5–0.8 µs per value
// (10k rows × 50 features ≈ 250–450 ms). One lognormal feature-hour of 10k values serialises to ~770 chars
// (normal ~1,150; 40 integer values ~740; 20 categories ~310). 720 hourly sketches × 50 features: merging parsed
// sketches 80–220 ms, mergeSerializedSketch from stored strings 200–950 ms (JSON.parse alone 55–145 ms).
// Reading 36,000 rows per request does not fit a 200 ms p95; a daily roll-up tier (30 daily + ≤ 46 hourly
// sketches per month) cuts it ~10×.
export {
  CATEGORY_CAP,
  type CategoricalSketch,
  OTHER_CATEGORY,
} from "./categorical";
export {
  addValue,
  categoricalInput,
  categoryKey,
  cloneSketch,
  emptySketch,
  type FeatureSketch,
  type FeatureType,
  inferFeatureType,
  mergeSketches,
  numericInput,
  numericString,
  type SketchSummary,
  sketchSummary,
  sketchType,
} from "./feature";
export { NUMERIC_EXACT_CAP, type NumericInput, type NumericMethod, type NumericSketch } from "./numeric";
export { mergeSerializedSketch, parseSketch, SKETCH_FORMAT_VERSION, serializeSketch } from "./serialize";
export { GRID_CELLS, SKETCH_RELATIVE_ACCURACY } from "./stores";
