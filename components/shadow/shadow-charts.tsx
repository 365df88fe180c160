"use client";
// The Shadows tab's charts: agreement over time (TimeSeriesChart) and the |Δ score| histogram.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatInteger, formatPercent } from "@/lib/charts/format";
import { SERIES_COLORS } from "@/lib/charts/palette";
import type { HistogramBar } from "@/lib/charts/shadow";
import type { SeriesRow } from "@/lib/charts/types";
import { TimeSeriesChart } from "../charts/time-series-chart";

const tooltipStyle = {
  background: "var(--surface)",
  border: "1px solid var(--border)",
  borderRadius: 6,
  color: "var(--fg)",
  fontSize: 12,
};

export function AgreementChart({ rows, spanMs, name }: { rows: SeriesRow[]; spanMs: number; name: string }) {
  return (
    <TimeSeriesChart
      rows={rows}
      series={[{ key: "agreement", label: `${name} agreement`, color: SERIES_COLORS[0] ?? "currentColor" }]}
      spanMs={spanMs}
      yFormat={(v) => formatPercent(v, 0)}
      yDomain={["auto", 1]}
      label={`Agreement of ${name} with production over time`}
    />
  );
}

export function ScoreDiffHistogram({ bars, label }: { bars: HistogramBar[]; label: string }) {
  return (
    <figure aria-label={label} className="m-0 h-56 w-full" data-testid="shadow-score-histogram">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 10, fill: "var(--muted)" }}
            stroke="var(--border)"
            interval="preserveStartEnd"
            minTickGap={16}
          />
          <YAxis
            tickFormatter={(v: number) => formatInteger(v)}
            tick={{ fontSize: 11, fill: "var(--muted)" }}
            stroke="var(--border)"
            width={56}
            allowDecimals={false}
          />
          <Tooltip
            contentStyle={tooltipStyle}
            labelStyle={{ color: "var(--muted)" }}
            labelFormatter={(l) => `|Δ score| ${String(l)}`}
            formatter={(v, _n, item) => [
              `${formatInteger(Number(v))} rows (${formatPercent((item.payload as HistogramBar).share)})`,
              "Rows",
            ]}
          />
          <Bar dataKey="count" fill={SERIES_COLORS[0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
