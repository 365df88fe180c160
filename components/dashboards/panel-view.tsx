"use client";
// One panel: its title, and its visualisation of the answers to its queries. It never fetches by itself: the
// caller supplies `runQuery` (the dashboard page: Vigil's API with the session; an embed: its token endpoint),
// the variable values and the resolved time range. Empty, no-data and error states are per panel, with the
// query's own error text.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useMemo } from "react";
import {
  type PanelRequest,
  type PanelResponse,
  planPanel,
  type RunPanelQuery,
} from "@/lib/dashboards/panel-query";
import type { Panel } from "@/lib/dashboards/schema";
import type { ResolvedTime } from "@/lib/dashboards/time";
import { interpolateText, type VariableValues } from "@/lib/dashboards/variables";
import { hasPoints, namedSeries } from "@/lib/dashboards/viz-data";
import { AlertIcon } from "../icons";
import { Skeleton } from "../ui/skeleton";
import { BarViz } from "./viz/bar";
import { BuiltinViz } from "./viz/builtin";
import { GaugeViz } from "./viz/gauge";
import { HeatmapViz } from "./viz/heatmap";
import { StatViz } from "./viz/stat";
import { TableViz } from "./viz/table";
import { TimeSeriesViz } from "./viz/time-series";

export interface PanelViewProps {
  panel: Panel;
  variables: VariableValues;
  range: ResolvedTime;
  runQuery: RunPanelQuery;
  /** default true; an embed may hide it */
  showTitle?: boolean;
  /** buttons in the title bar (the panel menu) */
  actions?: ReactNode;
  /** extra label for the query cache, so two callers with different query functions never share answers */
  scope?: string;
  /**
   * Changes when the queries must run again although they are the same (auto refresh, "refresh now"): range
   * queries are aligned to their step, so a refresh within one step asks the same question.
   */
  refreshKey?: number;
}

interface Answer {
  request: PanelRequest;
  response: PanelResponse | null;
  error: string | null;
}

const letter = (i: number) => String.fromCharCode(65 + i);

async function runAll(
  requests: PanelRequest[],
  runQuery: RunPanelQuery,
  signal: AbortSignal,
): Promise<Answer[]> {
  const settled = await Promise.allSettled(requests.map((r) => runQuery(r, signal)));
  return settled.map((s, i) => ({
    request: requests[i]!,
    response: s.status === "fulfilled" ? s.value : null,
    error: s.status === "rejected" ? ((s.reason as Error)?.message ?? String(s.reason)) : null,
  }));
}

function Message({ tone, title, children }: { tone: "muted" | "bad"; title: string; children?: ReactNode }) {
  return (
    <div
      role={tone === "bad" ? "alert" : undefined}
      className={`flex h-full min-h-0 flex-col items-center justify-center gap-1 overflow-auto px-2 text-center text-sm ${tone === "bad" ? "text-bad" : "text-muted"}`}
      data-testid={tone === "bad" ? "panel-error" : "panel-empty"}
    >
      <p className="font-medium">{title}</p>
      {children && <div className="max-w-full text-xs break-words">{children}</div>}
    </div>
  );
}

function Content({
  panel,
  plan,
  answers,
}: {
  panel: Panel;
  plan: ReturnType<typeof planPanel>;
  answers: Answer[];
}) {
  const failures = [
    ...plan.problems.map((p) => ({ target: p.target, message: p.message })),
    ...answers
      .filter((a) => a.error)
      .map((a) => ({ target: a.request.kind === "builtin" ? null : a.request.target, message: a.error! })),
  ];
  const label = (t: number | null) =>
    t === null ? "" : panel.targets.length > 1 ? `Query ${letter(t)}: ` : "";
  const ok = answers.filter((a) => a.response);
  if (ok.length === 0 && failures.length > 0)
    return (
      <Message tone="bad" title={failures.length === 1 ? "Query failed" : "Queries failed"}>
        {failures.map((f) => (
          <p key={`${f.target}-${f.message}`} className="font-mono">
            {label(f.target)}
            {f.message}
          </p>
        ))}
      </Message>
    );
  const builtin = ok.find((a) => a.response && a.response.kind !== "prom")?.response;
  if (builtin && builtin.kind !== "prom") return <BuiltinViz response={builtin} />;
  const proms = ok.flatMap((a) =>
    a.response?.kind === "prom" && a.request.kind !== "builtin"
      ? [{ target: a.request.target, data: a.response.data, legend: panel.targets[a.request.target]?.legend }]
      : [],
  );
  const { series, total } = namedSeries(proms);
  if (!hasPoints(series))
    return (
      <Message tone="muted" title="No data in this range">
        {total === 0
          ? "The queries returned no series: check the metric and labels, the variables, or widen the time range."
          : "Every sample is NaN or ±Inf."}
      </Message>
    );
  const viz = (() => {
    switch (panel.type) {
      case "stat":
        return <StatViz panel={panel} series={series} />;
      case "gauge":
        return <GaugeViz panel={panel} series={series} />;
      case "bar":
        return <BarViz panel={panel} series={series} />;
      case "table":
        return <TableViz panel={panel} series={series} />;
      case "heatmap":
        return <HeatmapViz panel={panel} series={series} frame={plan.timing} />;
      default:
        return <TimeSeriesViz panel={panel} series={series} />;
    }
  })();
  return (
    <div className="flex h-full min-h-0 flex-col">
      {failures.length > 0 && (
        <p
          role="alert"
          className="mb-1 flex shrink-0 items-center gap-1 text-xs text-bad"
          data-testid="panel-error"
        >
          <AlertIcon width={12} height={12} />
          <span className="truncate" title={failures.map((f) => `${label(f.target)}${f.message}`).join("\n")}>
            {failures.map((f) => `${label(f.target)}${f.message}`).join(" · ")}
          </span>
        </p>
      )}
      <div className="min-h-0 flex-1">{viz}</div>
    </div>
  );
}

export function PanelView({
  panel,
  variables,
  range,
  runQuery,
  showTitle = true,
  actions,
  scope = "app",
  refreshKey = 0,
}: PanelViewProps) {
  const plan = useMemo(() => planPanel(panel, variables, range), [panel, variables, range]);
  const query = useQuery({
    queryKey: ["dashboards", "panel", scope, plan.requests, refreshKey] as const,
    queryFn: ({ signal }) => runAll(plan.requests, runQuery, signal),
    enabled: plan.requests.length > 0,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: false,
  });
  const title = interpolateText(panel.title, variables);
  const needsQuery = panel.type !== "builtin" && panel.targets.length === 0;
  return (
    <section
      aria-label={title || "Untitled panel"}
      data-testid="dashboard-panel"
      data-panel-id={panel.id}
      className="flex h-full min-h-0 min-w-0 flex-col overflow-hidden rounded-lg border border-border bg-surface shadow-sm"
    >
      {(showTitle || actions) && (
        <div className="flex min-h-8 shrink-0 items-center gap-2 border-b border-border/60 px-2 py-1">
          {showTitle && (
            <h2 className="min-w-0 flex-1 truncate text-sm font-semibold" title={panel.description ?? title}>
              {title || <span className="font-normal text-muted">Untitled panel</span>}
            </h2>
          )}
          {query.isFetching && (
            <span
              className="size-2 shrink-0 animate-pulse rounded-full bg-accent"
              role="status"
              aria-label="Loading"
            />
          )}
          {actions && <div className="ml-auto flex shrink-0 items-center gap-1">{actions}</div>}
        </div>
      )}
      <div className="min-h-0 flex-1 p-2" data-testid="panel-content">
        {needsQuery ? (
          <Message tone="muted" title="No query yet">
            Edit the panel to add a PromQL query.
          </Message>
        ) : plan.requests.length === 0 ? (
          <Content panel={panel} plan={plan} answers={[]} />
        ) : query.data ? (
          <Content panel={panel} plan={plan} answers={query.data} />
        ) : (
          <Skeleton className="h-full w-full" />
        )}
      </div>
    </section>
  );
}
