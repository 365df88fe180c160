"use client";
// 24h hourly volume in a table cell: one line, no axes, palette's first colour.
import { Area, AreaChart, ResponsiveContainer } from "recharts";
import { formatInteger } from "@/lib/charts/format";
import { SERIES_COLORS } from "@/lib/charts/palette";
import { prepareSparkline } from "@/lib/charts/series";

export function Sparkline({
  volume,
  className = "h-8 w-28",
}: {
  volume: ReadonlyArray<{ ts: string; count: number }>;
  className?: string;
}) {
  const rows = prepareSparkline(volume);
  const total = rows.reduce((s, r) => s + (r.count ?? 0), 0);
  const color = SERIES_COLORS[0];
  return (
    <div
      className={className}
      role="img"
      aria-label={`${formatInteger(total)} predictions in the last 24 hours`}
    >
      {rows.length > 0 && (
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={rows} margin={{ top: 2, right: 0, bottom: 2, left: 0 }}>
            <Area
              dataKey="count"
              type="monotone"
              stroke={color}
              fill={color}
              fillOpacity={0.15}
              strokeWidth={1.5}
              isAnimationActive={false}
              dot={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}
