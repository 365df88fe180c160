// Views over the accumulated statistics: days merged into totals (or running totals for the timeline), one
// metric's moments picked out of a day, and F1 from confusion counts through lib/quality.
import { computeQualityMetrics, createQualityState, type Task } from "../quality";
import { type DayStats, emptyDayStats } from "./accumulate";
import type { MetricDefinition } from "./definition";
import { type Moments, mergeInto } from "./moments";

export type MetricType = "binary" | "mean" | "f1";

/** Adds b into a (same event names). */
export function mergeDayInto(a: DayStats, b: DayStats): void {
  a.n += b.n;
  for (const name of Object.keys(b.events)) {
    const into = a.events[name];
    const from = b.events[name]!;
    if (!into) continue;
    mergeInto(into.binary, from.binary);
    mergeInto(into.mean, from.mean);
  }
  mergeInto(a.accuracy, b.accuracy);
  mergeInto(a.logLoss, b.logLoss);
  for (const actual of Object.keys(b.confusion)) {
    const row = a.confusion[actual] ?? {};
    a.confusion[actual] = row;
    for (const [predicted, count] of Object.entries(b.confusion[actual]!))
      row[predicted] = (row[predicted] ?? 0) + count;
  }
}

/** Every day's stats of each variant merged: one DayStats per variant. */
export function totalsOf(days: Map<number, DayStats[]>, variants: number, eventNames: readonly string[]) {
  const totals = Array.from({ length: variants }, () => emptyDayStats(eventNames));
  for (const perVariant of days.values())
    perVariant.forEach((d, i) => {
      mergeDayInto(totals[i]!, d);
    });
  return totals;
}

/** The moments of a binary or mean metric in a variant's stats (null for F1). */
export function momentsOf(stats: DayStats, metric: MetricDefinition, type: MetricType): Moments | null {
  if (type === "f1") return null;
  if (metric.source === "quality") return metric.key === "log_loss" ? stats.logLoss : stats.accuracy;
  const event = stats.events[metric.event ?? metric.key];
  if (!event) return null;
  return type === "binary" ? event.binary : event.mean;
}

/** F1 as the quality pages compute it: of the positive class (binary) or the macro average (multiclass). */
export function f1Of(
  confusion: Record<string, Record<string, number>>,
  task: Task,
  positiveClass: string | null,
): { n: number; f1: number | null } {
  const state = createQualityState();
  let n = 0;
  for (const row of Object.values(confusion)) for (const count of Object.values(row)) n += count;
  state.confusion = confusion;
  state.count = n;
  state.labeled = n;
  if (n === 0 || task === "regression") return { n, f1: null };
  return { n, f1: computeQualityMetrics(state, { task, positiveClass }).f1 };
}

/** NaN and ±Infinity (undefined quantities) become null in the API. */
export const finite = (x: number | null | undefined): number | null =>
  typeof x === "number" && Number.isFinite(x) ? x : null;

export const finiteInterval = (i: readonly [number, number] | null | undefined): [number, number] | null =>
  i && Number.isFinite(i[0]) && Number.isFinite(i[1]) ? [i[0], i[1]] : null;
