// Pure encoding between Vigil's predictions and a shadow model's tensors, following the plan checkConfig made:
// rows of feature objects → typed arrays + dims per input tensor, and the output tensor → predicted class,
// score and per-class scores per row. No onnxruntime here (the caller wraps the data in ort.Tensor).
//
// Feature values: numbers as they are; booleans → 1/0; strings holding a number → that number; null or an
// absent key → the feature's `missing` default, else NaN in float tensors (the model decides what NaN means)
// and a row error in integer tensors (they have no NaN). Anything else (a non-numeric string, an object, a
// fractional value for an integer tensor, a value outside int32) is a row error. A row with an error is still
// encoded (with the missing value, so the batch can run) and the caller reports the error instead of its output.
// Categorical features: one-hot → one slot per category, 1 for the value's category, all zeros for an unknown
// or missing value; ordinal → the category's index, the `missing` default (or -1) for an unknown or missing one.
// Categories match by type: "1" (string) is not 1 (number).
import { categoryKey, type ShadowConfig } from "./config";
import type { ElementType, Plan } from "./signature";

export type TypedData = Float32Array | Float64Array | Int32Array | BigInt64Array;
export interface TensorData {
  type: ElementType;
  data: TypedData;
  dims: number[];
}
export interface Encoded {
  feeds: Record<string, TensorData>;
  /** Per row: why it could not be encoded faithfully, or null. */
  errors: Array<string | null>;
}

export interface ShadowOutput {
  /** Class name (labelMap) or column index; regression: the value. */
  predictedClass: string | number | null;
  /** output[scoreIndex]; regression: the value. */
  score: number | null;
  /** class → probability (classifiers); null for regression. */
  scores: Record<string, number> | null;
}

type Lookup = Map<string, Map<string, number>>;
const lookups = new WeakMap<ShadowConfig, Lookup>();

function lookupOf(config: ShadowConfig): Lookup {
  let lookup = lookups.get(config);
  if (!lookup) {
    lookup = new Map();
    for (const [feature, enc] of Object.entries(config.encodings))
      lookup.set(feature, new Map(enc.categories.map((c, i) => [categoryKey(c), i])));
    lookups.set(config, lookup);
  }
  return lookup;
}

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

function allocate(type: ElementType, length: number): TypedData {
  switch (type) {
    case "float32":
      return new Float32Array(length);
    case "float64":
      return new Float64Array(length);
    case "int32":
      return new Int32Array(length);
    case "int64":
      return new BigInt64Array(length);
  }
}

const present = (v: unknown) => v !== null && v !== undefined;
const categoryOf = (v: unknown) =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? categoryKey(v) : undefined;

/** The numeric value of a plain (not categorical) feature, or a reason it has none. */
function plainValue(value: unknown): number | null | string {
  if (!present(value)) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : "is not a finite number";
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && NUMERIC.test(value)) return Number(value);
  return `is ${JSON.stringify(value)?.slice(0, 40)}, not a number`;
}

/** Encodes rows (feature name → value) into the input tensors of the plan. */
export function encodeRows(
  config: ShadowConfig,
  plan: Plan,
  rows: ReadonlyArray<Record<string, unknown>>,
): Encoded {
  const n = rows.length;
  const lookup = lookupOf(config);
  const errors: Array<string | null> = new Array(n).fill(null);
  const feeds: Record<string, TensorData> = {};

  for (const input of plan.inputs) {
    if (input.layout === "flat" && n !== 1)
      throw new Error(`input ${input.name} takes one row per run (shape [${input.slots}]); got ${n} rows`);
    const isInt = input.type === "int32" || input.type === "int64";
    const values = new Float64Array(n * input.slots);
    for (let r = 0; r < n; r++) {
      const row = rows[r]!;
      let at = r * input.slots;
      const fail = (message: string) => {
        errors[r] ??= message;
      };
      for (const feature of input.features) {
        const enc = config.encodings[feature];
        const value = row[feature];
        const fallback = config.missing[feature];
        if (enc?.type === "onehot") {
          const key = present(value) ? categoryOf(value) : undefined;
          const index = key === undefined ? undefined : lookup.get(feature)!.get(key);
          if (index !== undefined) values[at + index] = 1;
          at += enc.categories.length;
          continue;
        }
        let v: number;
        if (enc?.type === "ordinal") {
          const key = present(value) ? categoryOf(value) : undefined;
          v = (key === undefined ? undefined : lookup.get(feature)!.get(key)) ?? fallback ?? -1;
        } else {
          const plain = plainValue(value);
          if (typeof plain === "number") v = plain;
          else {
            if (typeof plain === "string") fail(`feature "${feature}" ${plain}`);
            else if (fallback === undefined && isInt)
              fail(
                `feature "${feature}" is missing and has no default in missing (input ${input.name} is ${input.type})`,
              );
            v = fallback ?? (isInt ? 0 : Number.NaN);
          }
        }
        if (isInt && !Number.isInteger(v)) {
          fail(`feature "${feature}" is ${v}; input ${input.name} is ${input.type} (integers only)`);
          v = fallback !== undefined && Number.isInteger(fallback) ? fallback : 0;
        }
        if (input.type === "int32" && (v > 2147483647 || v < -2147483648)) {
          fail(`feature "${feature}" is ${v}, outside int32 (input ${input.name})`);
          v = 0;
        }
        values[at++] = v;
      }
    }
    const data = allocate(input.type, values.length);
    if (data instanceof BigInt64Array) for (let i = 0; i < values.length; i++) data[i] = BigInt(values[i]!);
    else data.set(values);
    const dims =
      input.layout === "batch" ? [n, input.slots] : input.layout === "vector" ? [n] : [input.slots];
    feeds[input.name] = { type: input.type, data, dims };
  }
  return { feeds, errors };
}

/** The output tensor (data + dims, rows first) → one result per row. */
export function decodeOutput(
  config: ShadowConfig,
  plan: Plan,
  output: { data: ArrayLike<number | bigint>; dims: readonly number[] },
  rows: number,
): ShadowOutput[] {
  const columns = output.dims.length >= 2 ? output.dims[output.dims.length - 1]! : 1;
  if (output.data.length !== rows * columns)
    throw new Error(
      `output ${plan.output.name} has ${output.data.length} values for ${rows} rows × ${columns} columns`,
    );
  const si = plan.scoreIndex;
  if (si >= columns)
    throw new Error(`scoreIndex ${si} is out of range: output ${plan.output.name} has ${columns} columns`);
  const labels = config.labelMap ?? {};
  const className = (i: number): string | number => labels[String(i)] ?? i;
  const at = (i: number) => Number(output.data[i]!);
  const results: ShadowOutput[] = [];
  for (let r = 0; r < rows; r++) {
    const base = r * columns;
    if (columns === 1 && config.threshold === undefined) {
      const v = at(base);
      results.push({ predictedClass: v, score: v, scores: null });
    } else if (columns === 1) {
      const p = at(base);
      results.push({
        predictedClass: className(p >= plan.threshold ? 1 : 0),
        score: p,
        scores: { [String(className(0))]: 1 - p, [String(className(1))]: p },
      });
    } else {
      const scores: Record<string, number> = {};
      let best = 0;
      for (let c = 0; c < columns; c++) {
        scores[String(className(c))] = at(base + c);
        if (at(base + c) > at(base + best)) best = c;
      }
      const score = at(base + si);
      const predicted = columns === 2 ? (score >= plan.threshold ? si : 1 - si) : best;
      results.push({ predictedClass: className(predicted), score, scores });
    }
  }
  return results;
}
