// The per-step view a range function receives: samples [lo, hi) of one series inside the closed window.
export interface Window {
  t: Float64Array;
  v: Float64Array;
  lo: number;
  hi: number;
  rangeStart: number;
  rangeEnd: number;
  rangeMs: number;
  /** The step's evaluation time (predict_linear's intercept time). */
  evalTs: number;
  /** Values of the scalar arguments at this step, in argument order without the range vector. */
  args: number[];
}

/** Returns the output value, or undefined to emit nothing for this series at this step. */
export type RangeFn = (w: Window) => number | undefined;
