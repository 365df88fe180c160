"use client";
// One experiment: the verdict first (decision, SRM banner, power), then the evidence — variant table, lift with
// interval bars per metric, guardrails, and cumulative charts over time. Results refresh every 60 s;
// "Recompute" asks the server to compute them now.
import Link from "next/link";
import { useMemo, useState } from "react";
import { metricLabel } from "@/lib/charts/experiment-format";
import { displayStatus, variantsLabel } from "@/lib/charts/experiment-list";
import {
  guardrailRows,
  liftCharts,
  metricKeys,
  metricType,
  variantRows,
} from "@/lib/charts/experiment-results";
import { liftTimeline, metricTimeline, timelineSpan } from "@/lib/charts/experiment-timeline";
import { formatDateTime } from "@/lib/charts/format";
import type { ExperimentInfo, ExperimentResults } from "@/lib/experiments/schemas";
import { ApiError } from "../hooks/fetch-json";
import { useCanAdminister } from "../hooks/use-drift-settings";
import { useExperiment, useExperimentResults, useRecomputeResults } from "../hooks/use-experiments";
import { useNow } from "../hooks/use-now";
import { ArrowLeftIcon } from "../icons";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { ExperimentActions } from "./experiment-admin";
import { LiftOverTime, MetricOverTime } from "./experiment-charts";
import { GuardrailList, VariantTable } from "./experiment-tables";
import { SrmBanner, Verdict } from "./experiment-verdict";
import { StatusBadge } from "./experiments-table";
import { controlBase } from "./form-fields";
import { LiftBars } from "./lift-bars";

function Header({ experiment, now, admin }: { experiment: ExperimentInfo; now: number; admin: boolean }) {
  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold tracking-tight break-all">
            {experiment.name || experiment.key}
          </h1>
          <StatusBadge status={displayStatus(experiment, now)} />
        </div>
        <p className="text-sm text-muted">
          {experiment.name && <span className="font-mono">{experiment.key} · </span>}
          model{" "}
          <Link
            href={`/models/${encodeURIComponent(experiment.model)}`}
            className="text-accent hover:underline"
          >
            {experiment.model}
          </Link>{" "}
          · {variantsLabel(experiment.variants)} · from {formatDateTime(experiment.startAt)}
          {experiment.endAt ? ` to ${formatDateTime(experiment.endAt)}` : ", no end"}
        </p>
        {experiment.description && <p className="max-w-3xl text-sm">{experiment.description}</p>}
      </div>
      {admin && <ExperimentActions experiment={experiment} />}
    </div>
  );
}

function OverTime({ results }: { results: ExperimentResults }) {
  const metrics = metricKeys(results);
  const [metric, setMetric] = useState(metrics[0] ?? "");
  const chosen = metrics.includes(metric) ? metric : (metrics[0] ?? "");
  const values = useMemo(() => metricTimeline(results, chosen), [results, chosen]);
  const lifts = useMemo(() => liftTimeline(results, chosen), [results, chosen]);
  const spanMs = timelineSpan(values.rows);
  return (
    <Panel
      title="Over time"
      description="Cumulative since the start, one point per UTC day"
      testId="experiment-timeline"
      actions={
        metrics.length > 1 ? (
          <select
            aria-label="Metric shown over time"
            value={chosen}
            onChange={(e) => setMetric(e.target.value)}
            className={controlBase}
          >
            {metrics.map((m) => (
              <option key={m} value={m}>
                {metricLabel(m)}
              </option>
            ))}
          </select>
        ) : undefined
      }
    >
      {values.rows.length === 0 ? (
        <p className="text-sm text-muted">
          No full day of data yet; the first point appears after midnight UTC.
        </p>
      ) : (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <div className="min-w-0">
            <h3 className="mb-1 text-xs font-medium text-muted">{metricLabel(chosen)} per variant</h3>
            <MetricOverTime
              timeline={values}
              metric={chosen}
              type={metricType(results, chosen)}
              spanMs={spanMs}
            />
          </div>
          <div className="min-w-0">
            <h3 className="mb-1 text-xs font-medium text-muted">Lift vs control, with its interval</h3>
            <LiftOverTime timeline={lifts} metric={chosen} spanMs={spanMs} />
          </div>
        </div>
      )}
    </Panel>
  );
}

function Evidence({ results }: { results: ExperimentResults }) {
  const rows = useMemo(() => variantRows(results), [results]);
  const charts = useMemo(() => liftCharts(results), [results]);
  const guardrails = guardrailRows(results);
  return (
    <>
      <Panel
        title="Variants"
        description="Units assigned and each metric with its 95% interval"
        testId="experiment-variants-panel"
      >
        <VariantTable rows={rows} metrics={metricKeys(results)} />
      </Panel>
      {charts.map((c) => (
        <Panel
          key={c.metric}
          title={`Lift: ${c.label}`}
          description={`Relative to ${results.control}; bar = ${Math.round((1 - results.experiment.alpha) * 100)}% interval, thin bar = sequential interval`}
          testId={`experiment-lift-${c.metric}`}
        >
          <LiftBars chart={c} />
        </Panel>
      ))}
      {results.experiment.guardrails.length > 0 && (
        <Panel
          title="Guardrails"
          description="A variant regresses when it is worse than the control beyond the guardrail's limit (latency: +10% on p95; errors: a significant increase)"
        >
          {guardrails.length === 0 ? (
            <p className="text-sm text-muted">No guardrail data yet.</p>
          ) : (
            <GuardrailList rows={guardrails} />
          )}
        </Panel>
      )}
      <OverTime results={results} />
    </>
  );
}

export function ExperimentView({ experimentKey }: { experimentKey: string }) {
  const now = useNow(60_000);
  const info = useExperiment(experimentKey);
  const results = useExperimentResults(experimentKey);
  const recompute = useRecomputeResults(experimentKey);
  const canAdminister = useCanAdminister("_");
  const experiment = info.data?.experiment ?? results.data?.experiment;

  const back = (
    <Link href="/experiments" className="inline-flex items-center gap-1 text-sm text-muted hover:text-fg">
      <ArrowLeftIcon /> Experiments
    </Link>
  );
  const missing = info.error instanceof ApiError && info.error.status === 404;
  if (missing)
    return (
      <div className="space-y-4">
        {back}
        <EmptyState title={`No experiment “${experimentKey}”`}>
          <p>
            It may have been deleted.{" "}
            <Link href="/experiments" className="text-accent underline">
              See all experiments
            </Link>
            .
          </p>
        </EmptyState>
      </div>
    );

  return (
    <div className="space-y-4">
      {back}
      {experiment ? (
        <Header experiment={experiment} now={now} admin={canAdminister === true} />
      ) : info.error ? (
        <EmptyState title="Could not load the experiment">
          <p>{info.error.message}</p>
        </EmptyState>
      ) : (
        <Skeleton className="h-16 w-full" />
      )}
      {results.data ? (
        <div className="space-y-4" aria-busy={results.isFetching || recompute.isPending}>
          <Verdict
            results={results.data}
            now={now}
            onRecompute={() => recompute.mutate()}
            recomputing={recompute.isPending}
            recomputeError={recompute.error?.message ?? null}
          />
          <SrmBanner results={results.data} />
          <Evidence results={results.data} />
        </div>
      ) : results.error ? (
        <EmptyState title="Could not load the results">
          <p>{results.error.message}. The page retries every minute.</p>
        </EmptyState>
      ) : (
        <LoadingRegion label="Loading results">
          <Skeleton className="h-24 w-full" />
          <Skeleton className="mt-4 h-40 w-full" />
          <Skeleton className="mt-4 h-56 w-full" />
        </LoadingRegion>
      )}
    </div>
  );
}
