"use client";
// Heatmap panel: rows = series, columns = time steps, colour = the value on a viridis scale from the range's
// min to max (the cluster page's scale, lib/charts/gpu-heatmap.ts). Each cell names its series, time and value.
import { useMemo } from "react";
import { formatDateTime } from "@/lib/charts/format";
import { UTIL_STOPS, utilizationColor } from "@/lib/charts/gpu-heatmap";
import type { Panel } from "@/lib/dashboards/schema";
import { formatValue } from "@/lib/dashboards/units";
import { heatGrid, type NamedSeries } from "@/lib/dashboards/viz-data";

export function HeatmapViz({
  panel,
  series,
  frame,
}: {
  panel: Panel;
  series: NamedSeries[];
  frame: { start: number; end: number; step: number };
}) {
  const grid = useMemo(() => heatGrid(series, frame), [series, frame]);
  const min = panel.min ?? grid.min;
  const max = panel.max ?? grid.max;
  const share = (v: number) => (max === min ? 0.5 : (v - min) / (max - min));
  const fmt = (v: number) => formatValue(v, panel.unit, panel.decimals);
  const cols = grid.times.length;
  const gradient = `linear-gradient(to right, ${UTIL_STOPS.map(([p, c]) => `${c} ${p}%`).join(", ")})`;
  return (
    <div className="flex h-full min-h-0 flex-col gap-1 text-xs" data-testid="viz-heatmap">
      <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,10rem)_minmax(0,1fr)] gap-x-2">
        <ul className="flex min-h-0 flex-col" aria-hidden="true">
          {grid.rows.map((r) => (
            <li key={r.key} className="flex min-h-0 flex-1 items-center truncate font-mono" title={r.name}>
              {r.name}
            </li>
          ))}
        </ul>
        <svg
          viewBox={`0 0 ${Math.max(1, cols)} ${Math.max(1, grid.rows.length)}`}
          preserveAspectRatio="none"
          className="h-full w-full min-h-0"
          role="img"
          aria-label={`${panel.title || "Heatmap"}: ${grid.rows.length} series × ${cols} steps, from ${fmt(grid.min)} to ${fmt(grid.max)}`}
        >
          {grid.values.map((row, r) =>
            row.map((v, c) =>
              v === null ? null : (
                <rect
                  key={`${grid.rows[r]!.key}-${grid.times[c]}`}
                  x={c}
                  y={r}
                  width={1.02}
                  height={1.02}
                  fill={utilizationColor(share(v) * 100)}
                >
                  <title>{`${grid.rows[r]!.name} · ${formatDateTime(grid.times[c]!)} · ${fmt(v)}`}</title>
                </rect>
              ),
            ),
          )}
        </svg>
      </div>
      <div className="grid grid-cols-[minmax(0,10rem)_minmax(0,1fr)] gap-x-2 text-muted">
        <span className="flex items-center gap-1">
          <span className="tabular-nums">{fmt(min)}</span>
          <span
            aria-hidden="true"
            className="h-2 min-w-8 flex-1 rounded-sm"
            style={{ background: gradient }}
          />
          <span className="tabular-nums">{fmt(max)}</span>
        </span>
        {cols > 0 && (
          <span className="flex justify-between tabular-nums">
            <span>{formatDateTime(grid.times[0]!)}</span>
            <span>{formatDateTime(grid.times[cols - 1]!)}</span>
          </span>
        )}
      </div>
    </div>
  );
}
