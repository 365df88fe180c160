"use client";
// Cumulative charts over time: each variant's metric (TimeSeriesChart) and each treatment's lift with its
// confidence band (a range area under the line) around a zero line. Rows from lib/charts/experiment-timeline.
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  formatLift,
  formatMetricValue,
  type MetricValueType,
  metricLabel,
} from "@/lib/charts/experiment-format";
import type { LiftTimeline, MetricTimeline } from "@/lib/charts/experiment-timeline";
import { formatDateTime, formatTimeTick } from "@/lib/charts/format";
import { TimeSeriesChart } from "../charts/time-series-chart";

const tooltipStyle = {
  background: "var(--surface)",
  border: "1px solid var(--border)",
  borderRadius: 6,
  color: "var(--fg)",
  fontSize: 12,
};

export function MetricOverTime({
  timeline,
  metric,
  type,
  spanMs,
}: {
  timeline: MetricTimeline;
  metric: string;
  type: MetricValueType;
  spanMs: number;
}) {
  return (
    <TimeSeriesChart
      rows={timeline.rows}
      series={timeline.series}
      spanMs={spanMs}
      yFormat={(v) => formatMetricValue(v, type, metric)}
      label={`Cumulative ${metricLabel(metric)} per variant over time`}
    />
  );
}

function formatTooltipValue(v: unknown): string {
  if (Array.isArray(v) && v.length === 2) return `[${formatLift(Number(v[0]))}, ${formatLift(Number(v[1]))}]`;
  return typeof v === "number" ? formatLift(v) : "—";
}

export function LiftOverTime({
  timeline,
  metric,
  spanMs,
  height = 220,
}: {
  timeline: LiftTimeline;
  metric: string;
  spanMs: number;
  height?: number;
}) {
  const showDots = timeline.rows.length <= 2;
  return (
    <figure
      aria-label={`Cumulative lift of ${metricLabel(metric)} with its confidence band over time`}
      className="m-0 w-full"
      style={{ height }}
      data-testid={`lift-timeline-${metric}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={timeline.rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="ts"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(t: number) => formatTimeTick(t, spanMs)}
            tick={{ fontSize: 11, fill: "var(--muted)" }}
            stroke="var(--border)"
            minTickGap={24}
          />
          <YAxis
            tickFormatter={(v: number) => formatLift(v, 0)}
            tick={{ fontSize: 11, fill: "var(--muted)" }}
            stroke="var(--border)"
            width={56}
          />
          <ReferenceLine y={0} stroke="var(--muted)" strokeDasharray="4 3" />
          <Tooltip
            contentStyle={tooltipStyle}
            labelStyle={{ color: "var(--muted)" }}
            labelFormatter={(t) => (typeof t === "number" ? formatDateTime(t) : String(t))}
            formatter={(v, name) => [formatTooltipValue(v), String(name)]}
          />
          {timeline.series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} iconType="plainline" />}
          {timeline.series.map((s) => (
            <Area
              key={s.band}
              dataKey={s.band}
              name={`${s.label} interval`}
              stroke="none"
              fill={s.color}
              fillOpacity={0.18}
              isAnimationActive={false}
              legendType="none"
              connectNulls={false}
              type="monotone"
            />
          ))}
          {timeline.series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={2}
              dot={showDots ? { r: 3 } : false}
              isAnimationActive={false}
              connectNulls={false}
              type="monotone"
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
