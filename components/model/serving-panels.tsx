"use client";
// The Serving tab's five charts. Each turns its query's state into a ServingChart: the lines, or the reason
// there are none (no endpoint, not exported by this server kind, the query failed or returned nothing).
import Link from "next/link";
import { formatMetric, formatPercent } from "@/lib/charts/format";
import type { PromQueryData } from "@/lib/charts/prom-result";
import { formatPromDuration } from "@/lib/charts/prom-step";
import { exploreSearch } from "@/lib/charts/prom-url";
import {
  gpuLines,
  type LatencyResponse,
  latencyLines,
  type MainMetric,
  matrixOf,
  type SeriesStatus,
  seriesStatus,
  versionLines,
} from "@/lib/charts/serving";
import { formatMs, formatRate, formatUtilization, SHARE_DOMAIN } from "@/lib/charts/serving-axes";
import type { ServingQuery } from "@/lib/cluster/serving-queries";
import type { ChartState } from "./serving-chart";
import { ServingChart } from "./serving-chart";

export interface QueryState<T> {
  data: T | undefined;
  error: Error | null;
}

interface Common {
  domain: [number, number];
  /** External data source name; null = Vigil. */
  source: string | null;
  hasEndpoint: boolean;
}

function exploreHref(query: string, domain: [number, number], source: string | null): string {
  const range = formatPromDuration(Math.max(60, Math.round((domain[1] - domain[0]) / 1000)));
  return `/explore?${exploreSearch({
    q: query,
    mode: "graph",
    range,
    end: new Date(domain[1]).toISOString(),
    time: null,
    step: null,
    stacked: false,
    ds: source,
  })}`;
}

function SourceLine({
  plan,
  source,
  domain,
  extra,
}: {
  plan: ServingQuery | null;
  source: string | null;
  domain: [number, number];
  extra?: string;
}) {
  const from = source ? `data source "${source}"` : "Vigil";
  if (!plan || plan.expr === null) return <>From {from} · no query for this endpoint</>;
  return (
    <>
      From {from} · {plan.source}
      {extra ? ` · ${extra}` : ""} ·{" "}
      <Link href={exploreHref(plan.expr, domain, source)} className="text-accent underline" title={plan.expr}>
        query in Explore
      </Link>
    </>
  );
}

/** The empty states shared by the cluster charts. */
function emptyState(
  status: SeriesStatus,
  plan: ServingQuery | null,
  source: string | null,
): ChartState | null {
  switch (status.kind) {
    case "no-endpoint":
      return {
        kind: "empty",
        title: "No serving endpoint registered",
        detail: (
          <p>
            Register the model&apos;s server on the{" "}
            <Link href="/cluster" className="text-accent underline">
              Cluster page
            </Link>{" "}
            (with its metrics job and a GPU selector) to chart its load here.
          </p>
        ),
      };
    case "unavailable":
      return {
        kind: "empty",
        title: "Not available for this endpoint",
        detail: <p>Because {status.reason}.</p>,
      };
    case "error":
      return { kind: "empty", title: "The query failed", detail: <p>{status.message}</p> };
    case "loading":
      return { kind: "loading" };
    case "nothing":
      return {
        kind: "empty",
        title: "The query returned nothing in this range",
        detail: (
          <>
            <p>
              {source ? `Data source "${source}"` : "Vigil"} has no samples for it: check that the
              server&apos;s metrics are scraped (a scrape target on the Cluster page, or remote write) under
              the endpoint&apos;s job, or pick another source above.
            </p>
            {plan?.expr && <code className="block break-all text-xs">{plan.expr}</code>}
          </>
        ),
      };
    case "data":
      return null;
  }
}

export function GpuPanel({
  plan,
  perGpuPlan,
  mean,
  perGpu,
  ...c
}: Common & {
  plan: ServingQuery | null;
  perGpuPlan: ServingQuery | null;
  mean: QueryState<PromQueryData>;
  perGpu: QueryState<PromQueryData>;
}) {
  const status = seriesStatus({ hasEndpoint: c.hasEndpoint, plan, ...mean });
  const lines = status.kind === "data" ? gpuLines(status.result, matrixOf(perGpu.data)) : null;
  const state: ChartState = lines
    ? { kind: "data", rows: lines.rows, series: lines.series, thin: lines.thin }
    : emptyState(status, plan, c.source)!;
  return (
    <ServingChart
      title="GPU utilization"
      source={
        <SourceLine
          plan={plan}
          source={c.source}
          domain={c.domain}
          extra={perGpuPlan?.expr ? "mean of the serving pods' GPUs, each GPU thin" : undefined}
        />
      }
      state={state}
      domain={c.domain}
      yFormat={formatUtilization}
      yDomain={[0, 100]}
      testId="serving-gpu"
    />
  );
}

export function VersionSeriesPanel({
  title,
  plan,
  query,
  versionMap,
  colors,
  yFormat,
  testId,
  rateWindow,
  ...c
}: Common & {
  title: string;
  plan: ServingQuery | null;
  query: QueryState<PromQueryData>;
  versionMap: Record<string, string>;
  colors: Record<string, string>;
  yFormat: (v: number) => string;
  testId: string;
  rateWindow: string | null;
}) {
  const status = seriesStatus({ hasEndpoint: c.hasEndpoint, plan, ...query });
  const versionLabel = plan?.expr ? plan.versionLabel : null;
  const lines =
    status.kind === "data" ? versionLines(status.result, { versionLabel, versionMap, colors }) : null;
  const state: ChartState = lines
    ? { kind: "data", rows: lines.rows, series: lines.series }
    : emptyState(status, plan, c.source)!;
  return (
    <ServingChart
      title={title}
      source={
        <SourceLine
          plan={plan}
          source={c.source}
          domain={c.domain}
          extra={rateWindow ? `rate over ${rateWindow}` : undefined}
        />
      }
      state={state}
      domain={c.domain}
      yFormat={yFormat}
      testId={testId}
    />
  );
}

export const requestRateFormat = formatRate;
export const queueFormat = formatMs;

export function LatencyPanel({
  latency,
  colors,
  domain,
  stepSeconds,
}: {
  latency: QueryState<LatencyResponse>;
  colors: Record<string, string>;
  domain: [number, number];
  stepSeconds: number;
}) {
  let state: ChartState;
  if (latency.error && !latency.data)
    state = { kind: "empty", title: "Could not load latency", detail: <p>{latency.error.message}</p> };
  else if (!latency.data) state = { kind: "loading" };
  else {
    const lines = latencyLines(latency.data, colors);
    state = lines.hasData
      ? { kind: "data", rows: lines.rows, series: lines.series }
      : {
          kind: "empty",
          title: "No prediction in this range logged a latency",
          detail: (
            <p>
              Send <code>latencyMs</code> with each prediction (the time your service took to answer) to chart
              its p95 here.
            </p>
          ),
        };
  }
  return (
    <ServingChart
      title="p95 latency"
      source={
        <>
          From Vigil · the 95th percentile of <code>latencyMs</code> logged with the predictions, per{" "}
          {formatPromDuration(stepSeconds)}
        </>
      }
      state={state}
      domain={domain}
      yFormat={formatMs}
      testId="serving-latency"
    />
  );
}

export function QualityPanel({
  metric,
  query,
  queryText,
  window,
  colors,
  domain,
}: {
  metric: MainMetric;
  query: QueryState<PromQueryData>;
  queryText: string;
  window: "1h" | "1d";
  colors: Record<string, string>;
  domain: [number, number];
}) {
  let state: ChartState;
  if (query.error && !query.data)
    state = { kind: "empty", title: `Could not load ${metric.label}`, detail: <p>{query.error.message}</p> };
  else if (!query.data) state = { kind: "loading" };
  else {
    const lines = versionLines(matrixOf(query.data), { versionLabel: "version", colors });
    state = lines.hasData
      ? { kind: "data", rows: lines.rows, series: lines.series, connect: true }
      : {
          kind: "empty",
          title: `No ${metric.label} in this range yet`,
          detail: (
            <p>Quality needs labels: send them for the predictions; the worker updates it every minute.</p>
          ),
        };
  }
  const fmt: (v: number) => string = metric.proportion
    ? (v) => formatPercent(v, 1)
    : (v) => formatMetric(v, 3);
  const plan: ServingQuery = {
    expr: queryText,
    versionLabel: "version",
    source: `${metric.series} per ${window === "1h" ? "hour" : "day"}, on labeled predictions`,
  };
  return (
    <ServingChart
      title={metric.label}
      source={<SourceLine plan={plan} source={null} domain={domain} />}
      state={state}
      domain={domain}
      yFormat={fmt}
      yDomain={metric.proportion ? SHARE_DOMAIN : [0, "auto"]}
      testId="serving-quality"
    />
  );
}
