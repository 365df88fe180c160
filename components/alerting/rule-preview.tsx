"use client";
// The live preview of the selected rule over the last 24 hours (POST /api/v1/alert-rules/preview): the
// query's series, the threshold line of `<expr> <op> <number>` (the graph then shows the left-hand side, so
// the crossing is visible), and shaded bands where the rule would have been pending (amber) or firing (red).
import { useEffect, useMemo, useState } from "react";
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { RuleDraft } from "@/lib/charts/alert-editor";
import { findThreshold, previewChart } from "@/lib/charts/alert-preview";
import { formatDuration, formatTimeTick } from "@/lib/charts/format";
import { formatAxisValue, formatPromValue } from "@/lib/charts/prom-result";
import { type PreviewRequest, useRulePreview } from "../hooks/use-alerting-rules";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { LoadingRegion, Skeleton } from "../ui/skeleton";

const DAY = 86_400_000;
const PENDING_FILL = "var(--warn)";
const FIRING_FILL = "var(--bad)";

/** The expression settles for 600 ms before a preview is asked for. */
function useSettled<T>(value: T, ms = 600): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return settled;
}

export function RulePreview({ rule, datasource }: { rule: RuleDraft; datasource: string | null }) {
  const expr = useSettled(rule.expr.trim());
  const forText = useSettled(rule.for.trim());
  const keepText = useSettled(rule.keepFiringFor.trim());
  // "Now" per minute, so the request (and its cache key) only changes when the inputs do.
  const [to, setTo] = useState(() => Math.floor(Date.now() / 60_000) * 60_000);
  const alerting = rule.kind === "alert";
  const threshold = useMemo(() => (alerting ? findThreshold(expr) : null), [alerting, expr]);

  const base = expr ? { datasource, from: to - DAY, to } : null;
  const stateRequest: PreviewRequest | null = base
    ? {
        ...base,
        expr,
        ...(alerting && forText ? { for: forText } : {}),
        ...(alerting && keepText ? { keep_firing_for: keepText } : {}),
      }
    : null;
  const valueRequest: PreviewRequest | null = base && threshold ? { ...base, expr: threshold.lhs } : null;
  const states = useRulePreview(stateRequest);
  const values = useRulePreview(valueRequest ?? stateRequest);

  const chart = useMemo(
    () => (states.data && values.data ? previewChart(values.data, states.data) : null),
    [states.data, values.data],
  );
  const error = states.error ?? values.error;
  const loading = (states.isFetching || values.isFetching) && !chart;

  return (
    <Panel
      title="Preview: last 24 hours"
      description={
        threshold
          ? `The series of ${threshold.lhs}, the threshold ${threshold.op} ${formatPromValue(threshold.value)}, and when the rule would have been pending or firing.`
          : alerting
            ? "The query's series and when the rule would have been pending or firing."
            : "The values this recording rule would write."
      }
      actions={
        <button
          type="button"
          className="rounded-md border border-border px-2 py-1 text-xs text-muted hover:text-fg"
          onClick={() => setTo(Math.floor(Date.now() / 60_000) * 60_000)}
        >
          Refresh
        </button>
      }
      testId="rule-preview"
    >
      {!expr ? (
        <EmptyState title="No expression yet">
          <p>Write a PromQL expression above; the graph follows as you type.</p>
        </EmptyState>
      ) : error ? (
        <p role="alert" className="break-words text-sm text-bad" data-testid="preview-error">
          {error.message}
        </p>
      ) : loading || !chart ? (
        <LoadingRegion label="Loading the preview">
          <Skeleton className="h-64 w-full" />
        </LoadingRegion>
      ) : !chart.hasData ? (
        <EmptyState title="The query returned nothing in the last 24 hours">
          <p>
            {threshold
              ? "No series matched the left-hand side: check the metric name and label matchers in Explore."
              : "An alerting rule with no data follows its no-data setting; check the metric name in Explore."}
          </p>
        </EmptyState>
      ) : (
        <div className="space-y-2">
          <p className="text-sm" data-testid="preview-verdict">
            {alerting ? (
              chart.firingPeriods > 0 ? (
                <span className="font-medium text-bad">
                  Would have fired {chart.firingPeriods} {chart.firingPeriods === 1 ? "time" : "times"} (
                  {formatDuration(chart.firingMs / 1000)} firing, {formatDuration(chart.pendingMs / 1000)}{" "}
                  pending)
                </span>
              ) : chart.pendingMs > 0 ? (
                <span className="font-medium text-warn">
                  Would have been pending for {formatDuration(chart.pendingMs / 1000)} but never fired
                </span>
              ) : (
                <span className="font-medium text-good">Would not have fired in the last 24 hours</span>
              )
            ) : (
              <span className="text-muted">{chart.total} series</span>
            )}
            {chart.total > chart.series.length && (
              <span className="text-muted">
                {" "}
                · showing {chart.series.length} of {chart.total} series
              </span>
            )}
          </p>
          <figure
            aria-label="Rule preview graph"
            data-testid="preview-graph"
            className="m-0 h-64 w-full overflow-x-clip"
          >
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={chart.rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
                <XAxis
                  dataKey="ts"
                  type="number"
                  scale="time"
                  domain={[to - DAY, to]}
                  tickFormatter={(t: number) => formatTimeTick(t, DAY)}
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
                />
                {chart.bands.map((b) => (
                  <ReferenceArea
                    key={`${b.state}-${b.from}`}
                    x1={b.from}
                    x2={b.to}
                    fill={b.state === "firing" ? FIRING_FILL : PENDING_FILL}
                    fillOpacity={0.18}
                    stroke="none"
                    ifOverflow="hidden"
                    className={`preview-band-${b.state}`}
                  />
                ))}
                {threshold && (
                  <ReferenceLine
                    y={threshold.value}
                    stroke="var(--bad)"
                    strokeDasharray="6 3"
                    ifOverflow="extendDomain"
                    label={{
                      value: `${threshold.op} ${formatPromValue(threshold.value)}`,
                      position: "insideTopRight",
                      fontSize: 11,
                      fill: "var(--bad)",
                    }}
                  />
                )}
                <Tooltip
                  labelFormatter={(t) => (typeof t === "number" ? new Date(t).toLocaleString() : String(t))}
                  formatter={(v) => (typeof v === "number" ? formatPromValue(v) : String(v))}
                  contentStyle={{
                    background: "var(--surface)",
                    border: "1px solid var(--border)",
                    fontSize: 12,
                  }}
                  isAnimationActive={false}
                />
                {chart.series.map((s) => (
                  <Line
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    stroke={s.color}
                    strokeWidth={1.5}
                    dot={chart.rows.length <= 2}
                    isAnimationActive={false}
                    connectNulls={false}
                    type="linear"
                  />
                ))}
              </ComposedChart>
            </ResponsiveContainer>
          </figure>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted" aria-label="Legend">
            {alerting && (
              <>
                <li className="flex items-center gap-1.5">
                  <span aria-hidden="true" className="inline-block size-3 rounded-sm bg-warn/30" /> pending
                </li>
                <li className="flex items-center gap-1.5">
                  <span aria-hidden="true" className="inline-block size-3 rounded-sm bg-bad/30" /> firing
                </li>
              </>
            )}
            {chart.series.slice(0, 8).map((s) => (
              <li key={s.key} className="flex min-w-0 items-center gap-1.5">
                <span
                  aria-hidden="true"
                  className="inline-block h-0.5 w-4 shrink-0"
                  style={{ background: s.color }}
                />
                <span className="break-all font-mono">{s.label}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Panel>
  );
}
