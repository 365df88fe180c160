"use client";
// Graph of a range query: one line per series (palette colours), or stacked areas; legend with each
// series' label set (click to show only that series); hover tooltip with the values at that time.
import { useMemo, useState } from "react";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import { formatDateTime, formatTimeTick } from "@/lib/charts/format";
import type { GraphSeries, PreparedGraph } from "@/lib/charts/prom-graph";
import { formatAxisValue, formatPromValue } from "@/lib/charts/prom-result";
import type { SeriesRow } from "@/lib/charts/types";
import { EmptyState } from "../ui/empty-state";

const TOOLTIP_MAX = 12;

function GraphTooltip({
  active,
  label,
  byTs,
  series,
}: Pick<TooltipContentProps, "active" | "label"> & { byTs: Map<number, SeriesRow>; series: GraphSeries[] }) {
  if (!active || typeof label !== "number") return null;
  const row = byTs.get(label);
  if (!row) return null;
  const entries = series
    .map((s) => ({ s, v: row[s.key] }))
    .filter((e): e is { s: GraphSeries; v: number } => typeof e.v === "number")
    .sort((a, b) => b.v - a.v);
  return (
    <div className="max-w-[min(70vw,560px)] rounded-md border border-border bg-surface p-2 text-xs shadow-md">
      <p className="mb-1 text-muted">{formatDateTime(label)}</p>
      <ul className="space-y-0.5">
        {entries.slice(0, TOOLTIP_MAX).map(({ s, v }) => (
          <li key={s.key} className="flex items-baseline gap-2">
            <span
              aria-hidden="true"
              className="inline-block size-2 shrink-0 rounded-full"
              style={{ background: s.color }}
            />
            <span className="min-w-0 truncate font-mono">{s.label}</span>
            <span className="ml-auto pl-2 font-mono font-medium tabular-nums">{formatPromValue(v)}</span>
          </li>
        ))}
      </ul>
      {entries.length > TOOLTIP_MAX && (
        <p className="mt-1 text-muted">+{entries.length - TOOLTIP_MAX} more</p>
      )}
    </div>
  );
}

export function ResultGraph({ graph, stacked }: { graph: PreparedGraph; stacked: boolean }) {
  const [only, setOnly] = useState<string | null>(null);
  const byTs = useMemo(() => new Map(graph.rows.map((r) => [r.ts, r])), [graph.rows]);
  const visible = graph.series.filter((s) => only === null || s.key === only);
  const showDots = graph.rows.length <= 2;

  if (!graph.hasData) {
    return (
      <EmptyState title="No data points in this range">
        <p>
          {graph.total === 0
            ? "The query returned no series. Check the metric name and label matchers, or widen the range."
            : "Every sample is NaN or ±Inf. Try a longer range or a different function."}
        </p>
      </EmptyState>
    );
  }

  return (
    <div className="space-y-3">
      <figure
        aria-label="Query result graph"
        data-testid="explore-graph"
        className="m-0 h-80 w-full overflow-x-clip"
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={graph.rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="ts"
              type="number"
              scale="time"
              domain={["dataMin", "dataMax"]}
              tickFormatter={(t: number) => formatTimeTick(t, graph.spanMs)}
              tick={{ fontSize: 11, fill: "var(--muted)" }}
              stroke="var(--border)"
              minTickGap={32}
            />
            <YAxis
              tickFormatter={formatAxisValue}
              tick={{ fontSize: 11, fill: "var(--muted)" }}
              stroke="var(--border)"
              width={56}
              domain={["auto", "auto"]}
              allowDecimals
            />
            <Tooltip
              content={(p) => <GraphTooltip active={p.active} label={p.label} byTs={byTs} series={visible} />}
              cursor={{ stroke: "var(--muted)", strokeDasharray: "3 3" }}
              isAnimationActive={false}
            />
            {visible.map((s) =>
              stacked ? (
                <Area
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  stackId="stack"
                  stroke={s.color}
                  fill={s.color}
                  fillOpacity={0.35}
                  strokeWidth={1.5}
                  isAnimationActive={false}
                  connectNulls={false}
                  type="linear"
                />
              ) : (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  stroke={s.color}
                  strokeWidth={1.5}
                  dot={showDots ? { r: 3 } : false}
                  isAnimationActive={false}
                  connectNulls={false}
                  type="linear"
                />
              ),
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <ul
        aria-label="Series"
        className="max-h-48 space-y-0.5 overflow-y-auto text-xs"
        data-testid="graph-legend"
      >
        {graph.series.map((s) => (
          <li key={s.key} className="min-w-0">
            <button
              type="button"
              aria-pressed={only === s.key}
              title={only === s.key ? "Show all series" : "Show only this series"}
              onClick={() => setOnly((cur) => (cur === s.key ? null : s.key))}
              className={`flex w-full min-w-0 items-center gap-2 rounded px-1 py-0.5 text-left hover:bg-surface-2 ${
                only !== null && only !== s.key ? "opacity-40" : ""
              }`}
            >
              <span
                aria-hidden="true"
                className="inline-block h-0.5 w-4 shrink-0"
                style={{ background: s.color }}
              />
              <span className="min-w-0 break-all font-mono">{s.label}</span>
              {s.nonFinite > 0 && (
                <span className="ml-auto shrink-0 text-muted">{s.nonFinite} NaN/Inf skipped</span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
