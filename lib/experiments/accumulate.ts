// One pass over the experiment's units (predictions), keeping only sufficient statistics per variant per UTC
// day (plus each variant's latencies, for the p95 guardrail). Pure: collect.ts feeds it rows from the
// database, the tests feed it hand-made units.
import { classKey, type RawValue, type Task } from "../quality";
import { clipProbability } from "../quality/state";
import { addUnit, emptyMoments, type Moments } from "./moments";

export const DAY_MS = 86_400_000;

export interface EventTotals {
  count: number;
  sum: number;
  notZeroOne: number;
}

/** One prediction of the experiment, reduced to what the metrics need. */
export interface Unit {
  /** index into the experiment's variants */
  variant: number;
  ts: number;
  latencyMs: number | null;
  /** the CUPED covariate's value on this prediction, when numeric */
  covariate: number | null;
  /** per event name: how many events, the sum of their values, and how many values were neither 0 nor 1 */
  events: ReadonlyMap<string, EventTotals>;
  prediction: RawValue;
  label: RawValue | null;
  score: number | null;
  scores: Record<string, number> | null;
}

export interface EventMoments {
  /** y = 1 when the unit has at least one event of the name */
  binary: Moments;
  /** y = the sum of the unit's event values (0 without an event) */
  mean: Moments;
}

/** What one variant accumulated on one UTC day. */
export interface DayStats {
  n: number;
  events: Record<string, EventMoments>;
  /** labeled units, y = prediction correct */
  accuracy: Moments;
  /** labeled units with a usable probability, y = the unit's log loss */
  logLoss: Moments;
  /** actual class → predicted class → count */
  confusion: Record<string, Record<string, number>>;
}

export interface Accumulator {
  eventNames: readonly string[];
  task: Task;
  positiveClass: string | null;
  /** UTC day index → one DayStats per variant */
  days: Map<number, DayStats[]>;
  latencies: number[][];
  /** per event name: every value seen was 0 or 1 */
  zeroOne: Record<string, boolean>;
  units: number;
  /** every unit's covariate values: their mean stands in for a unit without one (CUPED) */
  covariate: { n: number; sum: number };
}

function emptyDay(eventNames: readonly string[]): DayStats {
  const events: Record<string, EventMoments> = {};
  for (const name of eventNames) events[name] = { binary: emptyMoments(), mean: emptyMoments() };
  return { n: 0, events, accuracy: emptyMoments(), logLoss: emptyMoments(), confusion: {} };
}

export function createAccumulator(opts: {
  variants: number;
  eventNames: readonly string[];
  task: Task;
  positiveClass: string | null;
}): Accumulator {
  return {
    eventNames: opts.eventNames,
    task: opts.task,
    positiveClass: opts.positiveClass,
    days: new Map(),
    latencies: Array.from({ length: opts.variants }, () => []),
    zeroOne: Object.fromEntries(opts.eventNames.map((n) => [n, true])),
    units: 0,
    covariate: { n: 0, sum: 0 },
  };
}

export function emptyDayStats(eventNames: readonly string[]): DayStats {
  return emptyDay(eventNames);
}

/**
 * The unit's log loss as scikit-learn's log_loss computes it per row (lib/quality): binary with `score`
 * (probability of the positive class), else the normalised probability of the actual class in `scores`.
 */
export function unitLogLoss(u: Unit, task: Task, positiveClass: string | null): number | null {
  if (u.label === null) return null;
  const actual = classKey(u.label);
  if (task === "binary" && u.score !== null && Number.isFinite(u.score) && positiveClass !== null) {
    const p = clipProbability(u.score);
    return actual === positiveClass ? -Math.log(p) : -Math.log(1 - p);
  }
  if (!u.scores) return null;
  const keys = Object.keys(u.scores);
  if (keys.length === 0 || keys.some((k) => !Number.isFinite(u.scores![k]))) return null;
  if (!Object.hasOwn(u.scores, actual)) return null;
  let clippedSum = 0;
  for (const k of keys) clippedSum += clipProbability(u.scores[k]!);
  return -Math.log(clipProbability(u.scores[actual]!) / clippedSum);
}

export function addToAccumulator(acc: Accumulator, u: Unit): void {
  const dayIndex = Math.floor(u.ts / DAY_MS);
  let perVariant = acc.days.get(dayIndex);
  if (!perVariant) {
    perVariant = acc.latencies.map(() => emptyDay(acc.eventNames));
    acc.days.set(dayIndex, perVariant);
  }
  const day = perVariant[u.variant]!;
  acc.units += 1;
  day.n += 1;
  const x = u.covariate;
  if (x !== null) {
    acc.covariate.n += 1;
    acc.covariate.sum += x;
  }
  for (const name of acc.eventNames) {
    const seen = u.events.get(name);
    const m = day.events[name]!;
    addUnit(m.binary, seen && seen.count > 0 ? 1 : 0, x);
    addUnit(m.mean, seen ? seen.sum : 0, x);
  }
  for (const [name, seen] of u.events) if (seen.notZeroOne > 0) acc.zeroOne[name] = false;
  if (u.latencyMs !== null && Number.isFinite(u.latencyMs)) acc.latencies[u.variant]!.push(u.latencyMs);
  if (u.label === null || acc.task === "regression") return;
  const actual = classKey(u.label);
  const predicted = classKey(u.prediction);
  addUnit(day.accuracy, actual === predicted ? 1 : 0, x);
  const row = day.confusion[actual] ?? {};
  day.confusion[actual] = row;
  row[predicted] = (row[predicted] ?? 0) + 1;
  const loss = unitLogLoss(u, acc.task, acc.positiveClass);
  if (loss !== null) addUnit(day.logLoss, loss, x);
}
