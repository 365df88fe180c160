"use client";
// One of the Serving tab's stacked charts: every chart spans the same time domain and shares a recharts syncId,
// so the tooltip follows the cursor across GPU, load, queue, latency and quality at the same instant. Each one
// names where its numbers come from and, instead of an empty box, why there are none.
import type { ReactNode } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDateTime, formatTimeTick } from "@/lib/charts/format";
import { latestValues } from "@/lib/charts/serving";
import { isolatedPoints, timeTicks } from "@/lib/charts/serving-axes";
import type { SeriesDef, SeriesRow } from "@/lib/charts/types";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { Skeleton } from "../ui/skeleton";

const SYNC_ID = "model-serving";

const tooltipStyle = {
  background: "var(--surface)",
  border: "1px solid var(--border)",
  borderRadius: 6,
  color: "var(--fg)",
  fontSize: 12,
};

type Bound = number | "auto" | ((value: number) => number);

export type ChartState =
  | { kind: "loading" }
  | { kind: "empty"; title: string; detail?: ReactNode }
  | {
      kind: "data";
      rows: SeriesRow[];
      series: SeriesDef[];
      /** Keys drawn as thin lines (per-GPU detail under the mean). */
      thin?: ReadonlySet<string>;
      /** Hourly / daily points: join across gaps so a sparse series still reads as a line. */
      connect?: boolean;
    };

export function ServingChart({
  title,
  source,
  state,
  domain,
  yFormat,
  yDomain = [0, "auto"],
  testId,
  actions,
}: {
  title: string;
  /** Where the numbers come from (shown under the title). */
  source: ReactNode;
  state: ChartState;
  /** Epoch ms: the shared time axis. */
  domain: [number, number];
  yFormat: (v: number) => string;
  yDomain?: [Bound, Bound];
  testId: string;
  actions?: ReactNode;
}) {
  const spanMs = domain[1] - domain[0];
  const ticks = timeTicks(domain);
  const isolated =
    state.kind === "data"
      ? isolatedPoints(
          state.rows,
          state.series.map((s) => s.key),
          state.connect,
        )
      : new Map<string, Set<number>>();
  return (
    <Panel title={title} description={source} testId={testId} actions={actions}>
      {state.kind === "loading" ? (
        <Skeleton className="h-40 w-full" />
      ) : state.kind === "empty" ? (
        <div data-testid={`${testId}-empty`}>
          <EmptyState title={state.title}>{state.detail}</EmptyState>
        </div>
      ) : (
        <>
          <LatestValues
            rows={state.rows}
            series={state.series}
            thin={state.thin}
            yFormat={yFormat}
            testId={testId}
          />
          <figure aria-label={`${title} over time`} className="m-0 h-40 w-full">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={state.rows} syncId={SYNC_ID} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
                <XAxis
                  dataKey="ts"
                  type="number"
                  scale="time"
                  domain={domain}
                  allowDataOverflow
                  ticks={ticks}
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
                {state.series.map((s) => {
                  const thin = state.thin?.has(s.key) ?? false;
                  const lone = isolated.get(s.key);
                  return (
                    <Line
                      key={s.key}
                      dataKey={s.key}
                      name={s.label}
                      stroke={s.color}
                      strokeWidth={thin ? 1 : 2}
                      strokeOpacity={thin ? 0.6 : 1}
                      strokeDasharray={s.dashed ? "5 4" : undefined}
                      dot={
                        lone?.size
                          ? (p: { cx?: number; cy?: number; index?: number }) =>
                              lone.has(p.index ?? -1) && p.cx !== undefined && p.cy !== undefined ? (
                                <circle
                                  key={`${s.key}-${p.index}`}
                                  className="serving-dot"
                                  cx={p.cx}
                                  cy={p.cy}
                                  r={3}
                                  fill={s.color}
                                />
                              ) : (
                                <g key={`${s.key}-${p.index}`} />
                              )
                          : false
                      }
                      isAnimationActive={false}
                      connectNulls={state.connect ?? false}
                      type="monotone"
                    />
                  );
                })}
              </LineChart>
            </ResponsiveContainer>
          </figure>
        </>
      )}
    </Panel>
  );
}

/** The latest value of each (non-thin) line, in its colour: the chart's legend and the figures a reader wants first. */
function LatestValues({
  rows,
  series,
  thin,
  yFormat,
  testId,
}: {
  rows: SeriesRow[];
  series: SeriesDef[];
  thin?: ReadonlySet<string>;
  yFormat: (v: number) => string;
  testId: string;
}) {
  const latest = latestValues({ rows, series: series.filter((s) => !thin?.has(s.key)) });
  if (latest.length === 0) return null;
  return (
    <dl className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs" data-testid={`${testId}-latest`}>
      {latest.map((l) => (
        <div key={l.key} className="flex items-center gap-1.5" title={`latest: ${formatDateTime(l.ts)}`}>
          <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ background: l.color }} />
          <dt className="text-muted">{l.label}</dt>
          <dd className="font-mono font-medium">{yFormat(l.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
