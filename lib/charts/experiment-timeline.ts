// Cumulative charts of an experiment from `timeline` (one point per UTC day, cumulative since the start): each
// variant's metric value, and each treatment's relative lift with its confidence band. Series keys are
// positional ("v0", "v1" …) because variant keys may contain "." which recharts reads as a path.
import type { ExperimentResults } from "../experiments/schemas";
import { variantColors } from "./experiment-results";
import { seriesColor } from "./palette";
import type { SeriesDef, SeriesRow } from "./types";

function ok(n: number | null | undefined): n is number {
  return typeof n === "number" && Number.isFinite(n);
}

const seriesKey = (index: number) => `v${index}`;
const bandKey = (index: number) => `v${index}_ci`;

export interface MetricTimeline {
  rows: SeriesRow[];
  series: SeriesDef[];
}

/** The metric's cumulative value per variant per day; a day without a value is a gap. */
export function metricTimeline(
  r: Pick<ExperimentResults, "timeline" | "variants">,
  metric: string,
): MetricTimeline {
  const colors = variantColors(r.variants);
  const series = r.variants.map((v, i) => ({
    key: seriesKey(i),
    label: `${v.key} (${v.version})`,
    color: colors[v.key] ?? seriesColor(i),
  }));
  const rows = r.timeline
    .map((p) => {
      const row: SeriesRow = { ts: Date.parse(p.ts) };
      r.variants.forEach((v, i) => {
        const value = p.variants[v.key]?.metrics[metric];
        row[seriesKey(i)] = ok(value) ? value : null;
      });
      return row;
    })
    .filter((row) => Number.isFinite(row.ts))
    .sort((a, b) => a.ts - b.ts);
  return { rows, series };
}

/** A row of the lift chart: the lift per treatment and its interval as a [low, high] pair (a range area). */
export type LiftTimelineRow = { ts: number } & Record<string, number | [number, number] | null>;

export interface LiftSeriesDef extends SeriesDef {
  band: string;
}

export interface LiftTimeline {
  rows: LiftTimelineRow[];
  series: LiftSeriesDef[];
}

/** Each non-control variant's cumulative relative lift on `metric`, with its confidence band. */
export function liftTimeline(
  r: Pick<ExperimentResults, "timeline" | "variants" | "control">,
  metric: string,
): LiftTimeline {
  const colors = variantColors(r.variants);
  const treatments = r.variants.map((v, i) => ({ v, i })).filter(({ v }) => v.key !== r.control);
  const series = treatments.map(({ v, i }) => ({
    key: seriesKey(i),
    band: bandKey(i),
    label: `${v.key} vs ${r.control}`,
    color: colors[v.key] ?? seriesColor(i),
  }));
  const rows = r.timeline
    .map((p) => {
      const row: LiftTimelineRow = { ts: Date.parse(p.ts) };
      for (const { v, i } of treatments) {
        const l = p.lifts.find((x) => x.variant === v.key && x.metric === metric);
        row[seriesKey(i)] = l && ok(l.lift) ? l.lift : null;
        row[bandKey(i)] = l?.ci && ok(l.ci[0]) && ok(l.ci[1]) ? [l.ci[0], l.ci[1]] : null;
      }
      return row;
    })
    .filter((row) => Number.isFinite(row.ts))
    .sort((a, b) => a.ts - b.ts);
  return { rows, series };
}

/** Span of the timeline in ms (for the time axis' tick format); at least a day. */
export function timelineSpan(rows: ReadonlyArray<{ ts: number }>): number {
  if (rows.length < 2) return 86_400_000;
  return Math.max(86_400_000, rows[rows.length - 1]!.ts - rows[0]!.ts);
}
