"use client";
// The model page's Serving tab: the endpoints that serve the model, then GPU utilization, request rate, queue
// time, p95 latency and the headline quality metric stacked on one time axis, so a drop in quality can be read
// against load at the same instant. Cluster series come from Vigil or an external Prometheus (`?source=`);
// latency (logged with the predictions) and quality always come from Vigil.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { formatPromDuration } from "@/lib/charts/prom-step";
import type { ResolvedRange } from "@/lib/charts/range";
import {
  mainMetric,
  pickEndpoint,
  promWindow,
  qualityQuery,
  qualityWindow,
  servingSearch,
  servingWindow,
} from "@/lib/charts/serving";
import { servingTarget } from "@/lib/charts/serving-endpoints";
import { servingQueries } from "@/lib/cluster/serving-queries";
import { useModelLatency, useServingEndpoints, useServingSeries } from "../hooks/use-serving";
import { EmptyState } from "../ui/empty-state";
import { Skeleton } from "../ui/skeleton";
import { EndpointsStrip } from "./serving-endpoints";
import {
  GpuPanel,
  LatencyPanel,
  QualityPanel,
  queueFormat,
  requestRateFormat,
  VersionSeriesPanel,
} from "./serving-panels";
import { SourcePicker } from "./serving-source-picker";

export function ServingView({
  model,
  range,
  version,
  colors,
  live,
  task,
  source,
  endpointName,
}: {
  model: string;
  range: ResolvedRange;
  version: string | null;
  colors: Record<string, string>;
  live: boolean;
  task: string | null;
  source: string | null;
  endpointName: string | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const endpointsQuery = useServingEndpoints(model);
  const endpoints = endpointsQuery.data?.endpoints ?? [];
  const endpoint = pickEndpoint(endpoints, endpointName);

  const win = useMemo(() => servingWindow(range.from, range.to), [range.from, range.to]);
  const prom = promWindow(win);
  const queries = endpoint ? servingQueries(servingTarget(endpoint, version), win.stepSeconds) : null;
  const run = (expr: string | null | undefined) => ({ query: expr ?? null, ...prom, datasource: source });
  const gpu = useServingSeries(run(queries?.gpu.expr), { live });
  const perGpu = useServingSeries(run(queries?.gpuPerDevice.expr), { live });
  const rate = useServingSeries(run(queries?.requestRate.expr), { live });
  const queue = useServingSeries(run(queries?.queueMs.expr), { live });

  const latency = useModelLatency(
    {
      model,
      from: new Date(win.startMs).toISOString(),
      to: range.to,
      stepSeconds: win.stepSeconds,
      version,
    },
    { live },
  );

  const metric = mainMetric(task);
  const qw = qualityWindow(range.from, range.to, range.window);
  const qualityText = qualityQuery(metric, { model, version, window: range.window, stepSeconds: qw.step });
  const quality = useServingSeries({ query: qualityText, ...qw, datasource: null }, { live });

  // One axis for all five charts: from the earliest first point to the range's end.
  const domain: [number, number] = [Math.min(win.startMs, qw.start * 1000), win.endMs];

  function navigate(changes: { source?: string | null; endpoint?: string | null }) {
    router.push(`${pathname}?${servingSearch(params.toString(), changes)}`, { scroll: false });
  }

  const common = { domain, source, hasEndpoint: endpoint !== null };
  const versionMap = endpoint?.versionMap ?? {};
  return (
    <div className="space-y-4" data-testid="serving-view">
      {endpointsQuery.isPending ? (
        <Skeleton className="h-28 w-full" />
      ) : endpointsQuery.error && !endpointsQuery.data ? (
        <EmptyState title="Could not load the serving endpoints">
          <p>{endpointsQuery.error.message}. Retrying every 30 seconds.</p>
        </EmptyState>
      ) : (
        <EndpointsStrip
          endpoints={endpoints}
          colors={colors}
          charted={endpoint?.name ?? null}
          onChart={(name) => navigate({ endpoint: name })}
        />
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SourcePicker source={source} onChange={(s) => navigate({ source: s })} />
        <p className="text-xs text-muted">
          {version ? `Version ${version}` : "Every version"} · one point per{" "}
          {formatPromDuration(win.stepSeconds)}
          {queries ? ` · rates over ${queries.rateWindow}` : ""} · hover a chart to see the same instant in
          all
        </p>
      </div>
      <div className="space-y-3">
        <GpuPanel
          plan={queries?.gpu ?? null}
          perGpuPlan={queries?.gpuPerDevice ?? null}
          mean={gpu}
          perGpu={perGpu}
          {...common}
        />
        <VersionSeriesPanel
          title="Request rate"
          plan={queries?.requestRate ?? null}
          query={rate}
          versionMap={versionMap}
          colors={colors}
          yFormat={requestRateFormat}
          testId="serving-requests"
          rateWindow={queries?.rateWindow ?? null}
          {...common}
        />
        <VersionSeriesPanel
          title="Queue time per request"
          plan={queries?.queueMs ?? null}
          query={queue}
          versionMap={versionMap}
          colors={colors}
          yFormat={queueFormat}
          testId="serving-queue"
          rateWindow={queries?.rateWindow ?? null}
          {...common}
        />
        <LatencyPanel latency={latency} colors={colors} domain={domain} stepSeconds={win.stepSeconds} />
        <QualityPanel
          metric={metric}
          query={quality}
          queryText={qualityText}
          window={range.window}
          colors={colors}
          domain={domain}
        />
      </div>
    </div>
  );
}
