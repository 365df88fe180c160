"use client";
// Drift charts: the table's sparkline, a time series with a dashed reference line (threshold, reference
// missing share) and the reference-vs-current distribution bars. Rows come from lib/charts/drift.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { logTicks } from "@/lib/charts/drift";
import { formatDateTime, formatPercent, formatTimeTick } from "@/lib/charts/format";
import { SERIES_COLORS } from "@/lib/charts/palette";
import type { SeriesDef, SeriesRow } from "@/lib/charts/types";

const tooltipStyle = {
  background: "var(--surface)",
  border: "1px solid var(--border)",
  borderRadius: 6,
  color: "var(--fg)",
  fontSize: 12,
};

/** Reference (grey) and current (blue) in every distribution chart. */
export const DISTRIBUTION_COLORS = { reference: SERIES_COLORS[7], current: SERIES_COLORS[0] } as const;

export function DriftSparkline({
  rows,
  series,
  threshold,
  logFloor,
  label,
  className = "h-8 w-28",
}: {
  rows: SeriesRow[];
  series: SeriesDef[];
  threshold: number | null;
  /** p-values: a log axis from this floor to 1 (rows already raised to the floor). */
  logFloor: number | null;
  label: string;
  className?: string;
}) {
  return (
    <div className={className} role="img" aria-label={label} data-testid="drift-sparkline">
      {rows.length > 0 && (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 2, right: 1, bottom: 2, left: 1 }}>
            {logFloor !== null ? (
              <YAxis hide scale="log" domain={[logFloor, 1]} allowDataOverflow />
            ) : (
              <YAxis hide domain={[0, "auto"]} />
            )}
            <XAxis hide dataKey="ts" type="number" scale="time" domain={["dataMin", "dataMax"]} />
            {threshold !== null && (
              <ReferenceLine
                y={threshold}
                stroke="var(--muted)"
                strokeDasharray="3 3"
                strokeWidth={1}
                ifOverflow="extendDomain"
              />
            )}
            {series.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                stroke={s.color}
                strokeWidth={1.5}
                dot={rows.length <= 2 ? { r: 1.5 } : false}
                isAnimationActive={false}
                connectNulls={false}
                type="linear"
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}

export function DriftLineChart({
  rows,
  series,
  spanMs,
  yFormat,
  yDomain = [0, "auto"],
  reference,
  logFloor = null,
  label,
  height = 220,
}: {
  rows: SeriesRow[];
  series: SeriesDef[];
  spanMs: number;
  yFormat: (v: number) => string;
  yDomain?: [number | "auto" | "dataMin", number | "auto" | "dataMax"];
  /** p-values: a log axis from this floor to 1 (rows already raised to the floor; tooltips say "≤ floor"). */
  logFloor?: number | null;
  /** A dashed horizontal line (threshold, reference share); the panel's description names it. */
  reference?: number | null;
  label: string;
  height?: number;
}) {
  const showDots = rows.length <= 2;
  return (
    <figure aria-label={label} className="m-0 w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 12, right: 8, bottom: 0, left: 0 }}>
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
          {logFloor !== null ? (
            <YAxis
              scale="log"
              domain={[logFloor, 1]}
              ticks={logTicks(logFloor)}
              allowDataOverflow
              tickFormatter={yFormat}
              tick={{ fontSize: 11, fill: "var(--muted)" }}
              stroke="var(--border)"
              width={64}
            />
          ) : (
            <YAxis
              tickFormatter={yFormat}
              tick={{ fontSize: 11, fill: "var(--muted)" }}
              stroke="var(--border)"
              width={64}
              domain={yDomain}
              allowDecimals
            />
          )}
          <Tooltip
            contentStyle={tooltipStyle}
            labelStyle={{ color: "var(--muted)" }}
            labelFormatter={(t) => (typeof t === "number" ? formatDateTime(t) : String(t))}
            formatter={(v) =>
              typeof v === "number"
                ? logFloor !== null && v <= logFloor
                  ? `≤ ${yFormat(logFloor)}`
                  : yFormat(v)
                : String(v ?? "—")
            }
          />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} iconType="plainline" />}
          {reference !== null && reference !== undefined && (
            <ReferenceLine
              y={reference}
              stroke="var(--fg)"
              strokeOpacity={0.7}
              strokeDasharray="6 4"
              strokeWidth={1.5}
              ifOverflow="extendDomain"
            />
          )}
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={2}
              dot={showDots ? { r: 3 } : false}
              isAnimationActive={false}
              connectNulls={false}
              type="linear"
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/**
 * Reference vs current shares per bin, side by side on shared bins: vertical bars for numbers (bins in order),
 * horizontal bars for categories (long names stay readable on a phone).
 */
export function DistributionChart({
  rows,
  categorical,
  label,
}: {
  rows: Array<{ label: string; reference: number; current: number }>;
  categorical: boolean;
  label: string;
}) {
  const height = categorical ? Math.max(160, 28 * rows.length + 48) : 240;
  const pct = (v: number) => formatPercent(v, 0);
  const bars = (
    <>
      <Bar
        dataKey="reference"
        name="Reference"
        fill={DISTRIBUTION_COLORS.reference}
        fillOpacity={0.75}
        isAnimationActive={false}
      />
      <Bar
        dataKey="current"
        name="Current"
        fill={DISTRIBUTION_COLORS.current}
        fillOpacity={0.9}
        isAnimationActive={false}
      />
    </>
  );
  const tooltip = (
    <Tooltip
      contentStyle={tooltipStyle}
      labelStyle={{ color: "var(--muted)" }}
      cursor={{ fill: "var(--surface-2)" }}
      formatter={(v) => (typeof v === "number" ? formatPercent(v, 1) : String(v ?? "—"))}
    />
  );
  const tick = { fontSize: 11, fill: "var(--muted)" };
  return (
    <figure aria-label={label} className="m-0 w-full" style={{ height }} data-testid="distribution-chart">
      <ResponsiveContainer width="100%" height="100%">
        {categorical ? (
          <BarChart
            data={rows}
            layout="vertical"
            margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
            barGap={1}
          >
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              tickFormatter={pct}
              tick={tick}
              stroke="var(--border)"
              domain={[0, "auto"]}
            />
            <YAxis
              type="category"
              dataKey="label"
              tick={tick}
              stroke="var(--border)"
              width={96}
              interval={0}
              tickFormatter={(s: string) => (s.length > 14 ? `${s.slice(0, 13)}…` : s)}
            />
            {tooltip}
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {bars}
          </BarChart>
        ) : (
          <BarChart
            data={rows}
            margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
            barGap={0}
            barCategoryGap="12%"
          >
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={tick} stroke="var(--border)" minTickGap={8} />
            <YAxis tickFormatter={pct} tick={tick} stroke="var(--border)" width={48} domain={[0, "auto"]} />
            {tooltip}
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {bars}
          </BarChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
