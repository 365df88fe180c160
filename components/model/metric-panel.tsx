"use client";
// Quality over time: one metric at a time (selector), one line per version in its colour.
import { useState } from "react";
import { formatMetric, formatPercent } from "@/lib/charts/format";
import type { ResolvedRange } from "@/lib/charts/range";
import {
  CLASSIFICATION_METRICS,
  isProportion,
  METRIC_LABELS,
  type MetricKey,
  prepareMetricChart,
  REGRESSION_METRICS,
} from "@/lib/charts/series";
import { TimeSeriesChart } from "../charts/time-series-chart";
import type { QualityWindowRow, Task } from "../hooks/types";
import { SendLabelsHelp } from "../ingest-help";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";

export function MetricPanel({
  model,
  task,
  windows,
  versions,
  colors,
  range,
}: {
  model: string;
  task: Task | null;
  windows: QualityWindowRow[];
  versions: string[];
  colors: Record<string, string>;
  range: ResolvedRange;
}) {
  const metrics = task === "regression" ? REGRESSION_METRICS : [...CLASSIFICATION_METRICS, "rocAuc" as const];
  const [picked, setPicked] = useState<MetricKey>(metrics[0]!);
  const metric = metrics.includes(picked) ? picked : metrics[0]!;
  const { rows, series, hasData } = prepareMetricChart(windows, versions, metric, colors);
  const labeled = windows.some((w) => w.labeled > 0);
  const fmt = isProportion(metric) ? (v: number) => formatPercent(v, 0) : (v: number) => formatMetric(v, 2);

  return (
    <Panel
      title={`${METRIC_LABELS[metric]} over time`}
      description={`Per ${range.window === "1h" ? "hour" : "day"}, by version, on labeled predictions`}
      testId="metric-panel"
      actions={
        <fieldset className="flex flex-wrap gap-1">
          <legend className="sr-only">Metric</legend>
          {metrics.map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={m === metric}
              onClick={() => setPicked(m)}
              className="rounded-md border border-border px-2 py-0.5 text-xs text-muted hover:text-fg aria-pressed:border-accent aria-pressed:bg-accent aria-pressed:text-accent-fg"
            >
              {METRIC_LABELS[m]}
            </button>
          ))}
        </fieldset>
      }
    >
      {hasData ? (
        <TimeSeriesChart
          rows={rows}
          series={series}
          spanMs={range.spanMs}
          yFormat={fmt}
          label={`${METRIC_LABELS[metric]} over time by version`}
        />
      ) : labeled ? (
        <EmptyState title={`No ${METRIC_LABELS[metric]} values in this range`}>
          <p>Labels arrived but this metric is not computed yet — the worker updates quality every minute.</p>
        </EmptyState>
      ) : (
        <EmptyState title="No labels yet">
          <SendLabelsHelp model={model} />
        </EmptyState>
      )}
    </Panel>
  );
}
