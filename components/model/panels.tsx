"use client";
// Volume, label delay and confusion-matrix panels of the model page.
import { prepareConfusion } from "@/lib/charts/confusion";
import { formatCount, formatDuration, formatInteger } from "@/lib/charts/format";
import type { ResolvedRange } from "@/lib/charts/range";
import { prepareLabelDelayChart, prepareVolumeChart } from "@/lib/charts/series";
import { ConfusionMatrixTable } from "../charts/confusion-matrix";
import { TimeSeriesChart } from "../charts/time-series-chart";
import type { QualityWindowRow } from "../hooks/types";
import { SendLabelsHelp, SendPredictionsHelp } from "../ingest-help";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";

interface ChartPanelProps {
  windows: QualityWindowRow[];
  versions: string[];
  colors: Record<string, string>;
  range: ResolvedRange;
}

export function VolumePanel({ windows, versions, colors, range }: ChartPanelProps) {
  const { rows, series, total } = prepareVolumeChart(windows, versions, colors);
  return (
    <Panel
      title="Prediction volume"
      description={`${formatInteger(total)} predictions · per ${range.window === "1h" ? "hour" : "day"}, by version`}
      testId="volume-panel"
    >
      {total > 0 ? (
        <TimeSeriesChart
          rows={rows}
          series={series}
          spanMs={range.spanMs}
          yFormat={(v) => formatCount(v)}
          yDomain={[0, "auto"]}
          label="Prediction volume over time by version"
        />
      ) : (
        <EmptyState title="No predictions in this range">
          <p>Pick a longer range above, or check that your service is sending predictions:</p>
          <SendPredictionsHelp />
        </EmptyState>
      )}
    </Panel>
  );
}

export function LabelDelayPanel({
  model,
  windows,
  versions,
  colors,
  range,
}: ChartPanelProps & { model: string }) {
  const { rows, series, hasData } = prepareLabelDelayChart(windows, versions, colors);
  return (
    <Panel
      title="Label delay"
      description="Time from prediction to label: p50 solid, p90 dashed"
      testId="delay-panel"
    >
      {hasData ? (
        <TimeSeriesChart
          rows={rows}
          series={series}
          spanMs={range.spanMs}
          yFormat={(minutes) => formatDuration(minutes * 60)}
          yDomain={[0, "auto"]}
          label="Label delay p50 and p90 over time"
        />
      ) : (
        <EmptyState title="No labels yet">
          <SendLabelsHelp model={model} />
        </EmptyState>
      )}
    </Panel>
  );
}

export function ConfusionPanel({
  model,
  allWindows,
  version,
}: {
  model: string;
  allWindows: QualityWindowRow[];
  version: string | null;
}) {
  const data = prepareConfusion(allWindows.map((w) => w.confusionMatrix));
  return (
    <Panel
      title="Confusion matrix"
      description={`Whole range · ${version ? `version ${version}` : "all versions"}`}
      testId="confusion-panel"
    >
      {data && data.total > 0 ? (
        <ConfusionMatrixTable data={data} />
      ) : (
        <EmptyState title="No labeled predictions in this range">
          <SendLabelsHelp model={model} />
        </EmptyState>
      )}
    </Panel>
  );
}
