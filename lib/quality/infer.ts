// Guessing the task from predictions alone, for models registered without one. The rule favours the
// cheapest-to-undo mistake: anything ambiguous is treated as multiclass classification.
import { classKey } from "./classes";
import type { RawValue, Task } from "./types";

interface InferInput {
  prediction: RawValue;
  score?: number | null;
  scores?: Record<string, number> | null;
}

const BINARY_KEY_SETS = [new Set(["0", "1"]), new Set(["false", "true"])];

/**
 * Rule, first match wins:
 * 1. no samples -> "multiclass" (no evidence for a positive class or for numbers);
 * 2. every prediction is a boolean -> "binary";
 * 3. every prediction is a JS number and at least one is not an integer -> "regression"
 *    (numeric strings count as class names, not numbers);
 * 4. at most 2 distinct classes (by classKey) and either some sample has a score/scores, or the classes
 *    are a subset of {0, 1} or {false, true} -> "binary";
 * 5. otherwise (strings, several integer classes, two unscored string classes) -> "multiclass".
 */
export function inferTask(samples: InferInput[]): Task {
  if (samples.length === 0) return "multiclass";
  if (samples.every((s) => typeof s.prediction === "boolean")) return "binary";
  const allNumbers = samples.every((s) => typeof s.prediction === "number");
  if (allNumbers && samples.some((s) => !Number.isInteger(s.prediction))) return "regression";

  const keys = new Set(samples.map((s) => classKey(s.prediction)));
  if (keys.size <= 2) {
    const scored = samples.some((s) => s.score != null || s.scores != null);
    const conventional = BINARY_KEY_SETS.some((set) => [...keys].every((k) => set.has(k)));
    if (scored || conventional) return "binary";
  }
  return "multiclass";
}
