// The cumulative timeline: at the end of each UTC day since the start (the last point at `to`), every
// variant's unit count and metric values, and each comparison's lift with its interval (plain tests, no CUPED).
import type { Task } from "../quality";
import { DAY_MS, type DayStats, emptyDayStats } from "./accumulate";
import { frequentist } from "./compare";
import type { MetricDefinition, VariantDefinition } from "./definition";
import { meanOf } from "./moments";
import type { ExperimentResults } from "./schemas";
import { f1Of, finite, finiteInterval, type MetricType, mergeDayInto, momentsOf } from "./summaries";

type TimelinePoint = ExperimentResults["timeline"][number];

export interface TimelineInput {
  days: Map<number, DayStats[]>;
  variants: readonly VariantDefinition[];
  metrics: ReadonlyArray<{ metric: MetricDefinition; type: MetricType }>;
  eventNames: readonly string[];
  alpha: number;
  task: Task;
  positiveClass: string | null;
  to: number;
}

function metricValue(stats: DayStats, metric: MetricDefinition, type: MetricType, input: TimelineInput) {
  if (type === "f1") return f1Of(stats.confusion, input.task, input.positiveClass).f1;
  const m = momentsOf(stats, metric, type);
  return m ? meanOf(m) : null;
}

export function buildTimeline(input: TimelineInput): TimelinePoint[] {
  const running = input.variants.map(() => emptyDayStats(input.eventNames));
  const points: TimelinePoint[] = [];
  for (const day of [...input.days.keys()].sort((a, b) => a - b)) {
    input.days.get(day)!.forEach((d, i) => {
      mergeDayInto(running[i]!, d);
    });
    const variants: TimelinePoint["variants"] = {};
    input.variants.forEach((v, i) => {
      const metrics: Record<string, number | null> = {};
      for (const { metric, type } of input.metrics)
        metrics[metric.key] = metricValue(running[i]!, metric, type, input);
      variants[v.key] = { n: running[i]!.n, metrics };
    });
    const lifts: TimelinePoint["lifts"] = [];
    for (let i = 1; i < input.variants.length; i++) {
      for (const { metric, type } of input.metrics) {
        const c = momentsOf(running[0]!, metric, type);
        const t = momentsOf(running[i]!, metric, type);
        if (type === "f1" || !c || !t) {
          const fc = metricValue(running[0]!, metric, type, input);
          const ft = metricValue(running[i]!, metric, type, input);
          const lift = fc !== null && ft !== null ? finite(ft / fc - 1) : null;
          lifts.push({ variant: input.variants[i]!.key, metric: metric.key, lift, ci: null });
          continue;
        }
        const f = frequentist(type, c, t, input.alpha);
        lifts.push({
          variant: input.variants[i]!.key,
          metric: metric.key,
          lift: finite(f.lift),
          ci: finiteInterval(f.liftCi),
        });
      }
    }
    points.push({ ts: new Date(Math.min((day + 1) * DAY_MS, input.to)).toISOString(), variants, lifts });
  }
  return points;
}
