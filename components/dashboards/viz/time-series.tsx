"use client";
// Time series panel: one line per series (palette colours), a dashed line per threshold, the panel's unit on
// the axis and tooltip, min/max as the axis range, and a legend (bottom or right) with each series' latest value.
import { useMemo, useState } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDateTime, formatTimeTick } from "@/lib/charts/format";
import type { Panel } from "@/lib/dashboards/schema";
import { formatAxis, formatValue, sortedThresholds, thresholdCss } from "@/lib/dashboards/units";
import { chartRows, lastValue, type NamedSeries } from "@/lib/dashboards/viz-data";
import { Legend } from "./legend";

const tooltipStyle = {
  background: "var(--surface)",
  border: "1px solid var(--border)",
  borderRadius: 6,
  color: "var(--fg)",
  fontSize: 12,
};

export function TimeSeriesViz({ panel, series }: { panel: Panel; series: NamedSeries[] }) {
  const [only, setOnly] = useState<string | null>(null);
  const { rows, defs } = useMemo(() => chartRows(series), [series]);
  const visible = defs.filter((d) => only === null || d.key === only);
  const spanMs = rows.length > 1 ? rows[rows.length - 1]!.ts - rows[0]!.ts : 0;
  const legend = panel.legend ?? { show: series.length > 1, placement: "bottom" as const };
  const fmt = (v: number) => formatValue(v, panel.unit, panel.decimals);
  const label = `${panel.title || "Panel"}: ${series.length} series over time`;
  return (
    <div className={`flex h-full min-h-0 gap-2 ${legend.placement === "right" ? "flex-row" : "flex-col"}`}>
      <figure aria-label={label} className="m-0 min-h-0 min-w-0 flex-1" data-testid="viz-timeseries">
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
              tickFormatter={(v: number) => formatAxis(v, panel.unit)}
              tick={{ fontSize: 11, fill: "var(--muted)" }}
              stroke="var(--border)"
              width={60}
              domain={[panel.min ?? "auto", panel.max ?? "auto"]}
              allowDataOverflow={panel.min !== undefined || panel.max !== undefined}
              allowDecimals
            />
            <Tooltip
              contentStyle={tooltipStyle}
              labelStyle={{ color: "var(--muted)" }}
              labelFormatter={(t) => (typeof t === "number" ? formatDateTime(t) : String(t))}
              formatter={(v) => (typeof v === "number" ? fmt(v) : String(v ?? "—"))}
              isAnimationActive={false}
            />
            {sortedThresholds(panel.thresholds).map((t) => (
              <ReferenceLine
                key={`${t.value}-${t.color}`}
                y={t.value}
                stroke={thresholdCss(t.color)}
                strokeDasharray="4 4"
                ifOverflow="extendDomain"
              />
            ))}
            {visible.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeWidth={1.5}
                dot={rows.length <= 2 ? { r: 3 } : false}
                isAnimationActive={false}
                connectNulls={false}
                type="linear"
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      {legend.show && (
        <Legend
          placement={legend.placement}
          only={only}
          onToggle={(key) => setOnly((cur) => (cur === key ? null : key))}
          entries={series.map((s) => ({
            key: s.key,
            name: s.name,
            color: s.color,
            value: formatValue(lastValue(s), panel.unit, panel.decimals),
          }))}
        />
      )}
    </div>
  );
}
