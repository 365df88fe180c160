"use client";
// Stat panel: each series' latest value as a big number coloured by the thresholds, with a sparkline of the
// range underneath; several series share the panel as tiles.
import { Area, AreaChart, ResponsiveContainer, YAxis } from "recharts";
import type { Panel } from "@/lib/dashboards/schema";
import { colorFor, formatValue } from "@/lib/dashboards/units";
import { lastValue, type NamedSeries } from "@/lib/dashboards/viz-data";

const MAX_TILES = 12;

function StatTile({ panel, series, showName }: { panel: Panel; series: NamedSeries; showName: boolean }) {
  const value = lastValue(series);
  const color = colorFor(value, panel.thresholds, "var(--fg)");
  const text = formatValue(value, panel.unit, panel.decimals);
  const rows = series.points.filter(([, v]) => Number.isFinite(v)).map(([ts, v]) => ({ ts, v }));
  const spark = panel.thresholds?.length ? color : series.color;
  return (
    <div
      className="relative flex min-h-0 min-w-0 flex-1 basis-32 flex-col items-center justify-center overflow-hidden rounded-md"
      data-testid="viz-stat"
    >
      {rows.length > 1 && (
        <div aria-hidden="true" className="absolute inset-x-0 bottom-0 h-1/2 opacity-60">
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={rows} margin={{ top: 0, right: 0, bottom: 0, left: 0 }}>
              <YAxis hide domain={["dataMin", "dataMax"]} />
              <Area
                dataKey="v"
                type="monotone"
                stroke={spark}
                fill={spark}
                fillOpacity={0.15}
                strokeWidth={1.5}
                isAnimationActive={false}
                dot={false}
              />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      )}
      <p
        className="relative text-3xl font-semibold tabular-nums leading-tight"
        style={{ color }}
        data-testid="stat-value"
      >
        {!showName && <span className="sr-only">{series.name}: </span>}
        {text}
      </p>
      {showName && (
        <p className="relative max-w-full truncate px-1 font-mono text-xs text-muted">{series.name}</p>
      )}
    </div>
  );
}

export function StatViz({ panel, series }: { panel: Panel; series: NamedSeries[] }) {
  const shown = series.slice(0, MAX_TILES);
  return (
    <div className="flex h-full min-h-0 flex-wrap gap-2">
      {shown.map((s) => (
        <StatTile key={s.key} panel={panel} series={s} showName={series.length > 1} />
      ))}
    </div>
  );
}
