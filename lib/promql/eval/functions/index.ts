// Function call dispatch. Every Prometheus 2.42 function is handled by one module; unknown names are refused.
import type { Call } from "../../ast";
import { PromQLError } from "../../ast";
import type { Evaluator, Grid, Value } from "../types";
import { evalHistogramCall } from "./histogram";
import { evalLabelCall } from "./labels";
import { evalMathCall } from "./math";
import { evalMiscCall } from "./misc";
import { evalRangeCall, isRangeFunction } from "./range";
import { evalTimeCall } from "./time";

const HANDLERS = [evalMathCall, evalTimeCall, evalLabelCall, evalHistogramCall, evalMiscCall];

export async function evalCall(ev: Evaluator, call: Call, grid: Grid): Promise<Value> {
  if (isRangeFunction(call.func)) return evalRangeCall(ev, call, grid);
  for (const h of HANDLERS) {
    const v = await h(ev, call, grid);
    if (v) return v;
  }
  throw new PromQLError(`function "${call.func}" is not supported`, call.pos, "unsupported");
}
