// PromQL function signatures exactly as Prometheus 2.42 declares them (promql/parser/functions.go). The parser's
// checker and the evaluator both read this table, so a function is "known" only if it is listed here — names
// that newer Prometheus versions (and @prometheus-io/lezer-promql) know, such as histogram_avg or
// sort_by_label, are deliberately absent.
import type { ValueType } from "./ast";

export interface FunctionSignature {
  argTypes: ValueType[];
  /** How many trailing args are optional; -1: the last arg type repeats without limit; 0: fixed arity. */
  variadic: number;
  returnType: ValueType;
}

const V: ValueType = "vector";
const M: ValueType = "matrix";
const S: ValueType = "scalar";
const Str: ValueType = "string";

const vecToVec: FunctionSignature = { argTypes: [V], variadic: 0, returnType: V };
const matToVec: FunctionSignature = { argTypes: [M], variadic: 0, returnType: V };
/** Date functions default their argument to vector(time()). */
const optVecToVec: FunctionSignature = { argTypes: [V], variadic: 1, returnType: V };
const noArgScalar: FunctionSignature = { argTypes: [], variadic: 0, returnType: S };

export const FUNCTIONS: Readonly<Record<string, FunctionSignature>> = Object.freeze({
  abs: vecToVec,
  absent: vecToVec,
  absent_over_time: matToVec,
  acos: vecToVec,
  acosh: vecToVec,
  asin: vecToVec,
  asinh: vecToVec,
  atan: vecToVec,
  atanh: vecToVec,
  avg_over_time: matToVec,
  ceil: vecToVec,
  changes: matToVec,
  clamp: { argTypes: [V, S, S], variadic: 0, returnType: V },
  clamp_max: { argTypes: [V, S], variadic: 0, returnType: V },
  clamp_min: { argTypes: [V, S], variadic: 0, returnType: V },
  cos: vecToVec,
  cosh: vecToVec,
  count_over_time: matToVec,
  days_in_month: optVecToVec,
  day_of_month: optVecToVec,
  day_of_week: optVecToVec,
  day_of_year: optVecToVec,
  deg: vecToVec,
  delta: matToVec,
  deriv: matToVec,
  exp: vecToVec,
  floor: vecToVec,
  // Native-histogram accessors: present since Prometheus 2.40 (experimental storage, but the parser always
  // accepts them). On float samples they return nothing.
  histogram_count: vecToVec,
  histogram_fraction: { argTypes: [S, S, V], variadic: 0, returnType: V },
  histogram_quantile: { argTypes: [S, V], variadic: 0, returnType: V },
  histogram_sum: vecToVec,
  holt_winters: { argTypes: [M, S, S], variadic: 0, returnType: V },
  hour: optVecToVec,
  idelta: matToVec,
  increase: matToVec,
  irate: matToVec,
  label_replace: { argTypes: [V, Str, Str, Str, Str], variadic: 0, returnType: V },
  label_join: { argTypes: [V, Str, Str, Str], variadic: -1, returnType: V },
  last_over_time: matToVec,
  ln: vecToVec,
  log10: vecToVec,
  log2: vecToVec,
  max_over_time: matToVec,
  min_over_time: matToVec,
  minute: optVecToVec,
  month: optVecToVec,
  pi: noArgScalar,
  predict_linear: { argTypes: [M, S], variadic: 0, returnType: V },
  present_over_time: matToVec,
  quantile_over_time: { argTypes: [S, M], variadic: 0, returnType: V },
  rad: vecToVec,
  rate: matToVec,
  resets: matToVec,
  round: { argTypes: [V, S], variadic: 1, returnType: V },
  scalar: { argTypes: [V], variadic: 0, returnType: S },
  sgn: vecToVec,
  sin: vecToVec,
  sinh: vecToVec,
  sort: vecToVec,
  sort_desc: vecToVec,
  sqrt: vecToVec,
  stddev_over_time: matToVec,
  stdvar_over_time: matToVec,
  sum_over_time: matToVec,
  tan: vecToVec,
  tanh: vecToVec,
  time: noArgScalar,
  timestamp: vecToVec,
  vector: { argTypes: [S], variadic: 0, returnType: V },
  year: optVecToVec,
});

export function getFunction(name: string): FunctionSignature | undefined {
  return Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}
