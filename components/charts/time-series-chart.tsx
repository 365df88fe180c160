"use client";
// Render step for every time-series panel: rows and series come from a lib/charts prepare function.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDateTime, formatTimeTick } from "@/lib/charts/format";
import type { SeriesDef, SeriesRow } from "@/lib/charts/types";

export interface TimeSeriesChartProps {
  rows: SeriesRow[];
  series: SeriesDef[];
  spanMs: number;
  yFormat: (v: number) => string;
  height?: number;
  yDomain?: [number | "auto" | "dataMin", number | "auto" | "dataMax"];
  label: string;
}

const tooltipStyle = {
  background: "var(--surface)",
  border: "1px solid var(--border)",
  borderRadius: 6,
  color: "var(--fg)",
  fontSize: 12,
};

export function TimeSeriesChart({
  rows,
  series,
  spanMs,
  yFormat,
  height = 220,
  yDomain = ["auto", "auto"],
  label,
}: TimeSeriesChartProps) {
  const showDots = rows.length <= 2;
  return (
    <figure aria-label={label} className="m-0 w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
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
            tickFormatter={yFormat}
            tick={{ fontSize: 11, fill: "var(--muted)" }}
            stroke="var(--border)"
            width={64}
            domain={yDomain}
            allowDecimals
          />
          <Tooltip
            contentStyle={tooltipStyle}
            labelStyle={{ color: "var(--muted)" }}
            labelFormatter={(t) => (typeof t === "number" ? formatDateTime(t) : String(t))}
            formatter={(v) => (typeof v === "number" ? yFormat(v) : String(v ?? "—"))}
          />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} iconType="plainline" />}
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? "5 4" : undefined}
              dot={showDots ? { r: 3 } : false}
              isAnimationActive={false}
              connectNulls={false}
              type="monotone"
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
