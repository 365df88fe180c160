"use client";
// The Shadows tab: the model's shadow models (GET …/shadows) and, with `&shadow=<id>` in the URL, one shadow
// against production over the page's range: verdict, agreement over time, |Δ score| histogram, quality side by
// side, latency, disagreement by segment and a sample of disagreeing rows.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { lastOverTime, seriesWindow, tabSearch } from "@/lib/charts/drift";
import { formatDateTime, formatInteger, formatMetric, formatPercent } from "@/lib/charts/format";
import { asMatrix } from "@/lib/charts/prom-graph";
import type { ResolvedRange } from "@/lib/charts/range";
import {
  agreementRows,
  agreementSelector,
  backfillProgress,
  deltaTone,
  histogramBars,
  qualityRows,
  type ShadowComparison,
  type ShadowListItem,
  segmentRows,
  shadowVerdict,
} from "@/lib/charts/shadow";
import { ApiError } from "../hooks/fetch-json";
import { useShadowComparison, useShadowPredictions, useShadowSeries, useShadows } from "../hooks/use-shadow";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { AgreementChart, ScoreDiffHistogram } from "./shadow-charts";
import { AddShadow } from "./shadow-form";
import { DisagreeingRows, QualityTable, SegmentTable } from "./shadow-tables";

const SAMPLE_ROWS = 20;

export function ShadowsView({
  model,
  range,
  live,
  shadow,
}: {
  model: string;
  range: ResolvedRange;
  live: boolean;
  shadow: number | null;
}) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const list = useShadows(model, { live });
  const hrefFor = (id: number | null) => `${pathname}?${tabSearch(search, { tab: "shadows", shadow: id })}`;

  if (list.error && !list.data) {
    const e = list.error;
    return (
      <EmptyState title={e instanceof ApiError && e.status === 404 ? "No shadows" : "Could not load shadows"}>
        <p>{e.message}.</p>
      </EmptyState>
    );
  }
  if (!list.data)
    return (
      <LoadingRegion label="Loading shadows">
        <Skeleton className="h-32 w-full" />
      </LoadingRegion>
    );
  const shadows = list.data.shadows;
  const selected = shadow !== null ? (shadows.find((s) => s.id === shadow) ?? null) : null;

  return (
    <div className="space-y-4">
      <AddShadow model={model} range={range} />
      <Panel
        title="Shadow models"
        description="Candidate models run on production's traffic; their answers are never served"
        testId="shadow-list"
      >
        {shadows.length === 0 ? (
          <EmptyState title="No shadow models yet">
            <p>
              Upload an ONNX model with <code>POST /api/v1/models/{model}/shadows</code> (see docs/shadow.md);
              it then runs on every new prediction.
            </p>
          </EmptyState>
        ) : (
          <ul className="divide-y divide-border">
            {shadows.map((s) => (
              <ShadowListEntry key={s.id} shadow={s} href={hrefFor(s.id)} selected={s.id === shadow} />
            ))}
          </ul>
        )}
      </Panel>
      {shadow !== null &&
        (selected ? (
          <ShadowDetail
            key={selected.id}
            shadow={selected}
            range={range}
            live={live}
            closeHref={hrefFor(null)}
          />
        ) : (
          <EmptyState title={`No shadow ${shadow} on this model`}>
            <p>
              <Link className="text-accent underline" href={hrefFor(null)} scroll={false}>
                Back to the list
              </Link>
            </p>
          </EmptyState>
        ))}
    </div>
  );
}

function BackfillLine({ shadow }: { shadow: ShadowListItem }) {
  const b = backfillProgress(shadow);
  if (!b) return null;
  return (
    <span className="flex items-center gap-2 text-xs text-muted" data-testid="shadow-backfill">
      Backfill {b.state}
      {b.total > 0 && (
        <>
          <progress
            className="h-2 w-24"
            max={b.total}
            value={b.done}
            aria-label={`Backfill of ${shadow.name}: ${formatInteger(b.done)} of ${formatInteger(b.total)}`}
          />
          {formatInteger(b.done)} / {formatInteger(b.total)}
          {b.share !== null && ` (${formatPercent(b.share, 0)})`}
        </>
      )}
    </span>
  );
}

function ShadowListEntry({
  shadow,
  href,
  selected,
}: {
  shadow: ShadowListItem;
  href: string;
  selected: boolean;
}) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="shadow-list-item">
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <Link
          href={href}
          scroll={false}
          aria-current={selected ? "true" : undefined}
          className="font-medium text-accent hover:underline aria-[current]:text-fg"
        >
          {shadow.name}
        </Link>
        <Badge tone={shadow.status === "active" ? "good" : "muted"}>{shadow.status}</Badge>
        <span className="text-xs text-muted">added {formatDateTime(shadow.createdAt)}</span>
      </div>
      <BackfillLine shadow={shadow} />
    </li>
  );
}

function Verdict({ c }: { c: ShadowComparison }) {
  const line = shadowVerdict(c);
  const tone = deltaTone(c.accuracyDelta);
  return (
    <section
      aria-label="Verdict"
      className="rounded-lg border border-border bg-surface p-4 shadow-sm"
      data-testid="shadow-verdict"
    >
      <p className="text-base font-medium">
        {line ?? `${c.name} has no answered predictions in this range.`}
        {tone && tone !== "same" && (
          <span className={`ml-2 ${tone === "better" ? "text-good" : "text-bad"}`}>
            ({tone === "better" ? "significantly better" : "significantly worse"})
          </span>
        )}
      </p>
      <p className="mt-1 text-xs text-muted">
        {formatInteger(c.evaluated)} compared · {formatInteger(c.labeled)} labeled · {formatInteger(c.errors)}{" "}
        errors · {formatInteger(c.skipped)} not sampled · {formatDateTime(c.from)} – {formatDateTime(c.to)}
      </p>
    </section>
  );
}

function ShadowDetail({
  shadow,
  range,
  live,
  closeHref,
}: {
  shadow: ShadowListItem;
  range: ResolvedRange;
  live: boolean;
  closeHref: string;
}) {
  const p = { id: shadow.id, from: range.from, to: range.to };
  const comparison = useShadowComparison(p, { live });
  const sample = useShadowPredictions({ ...p, disagreeing: true, limit: SAMPLE_ROWS }, { live });
  const steps = useMemo(() => seriesWindow(range.from, range.to), [range.from, range.to]);
  const series = useShadowSeries(
    lastOverTime(agreementSelector(shadow.model, shadow.name), steps.step),
    steps,
    { live },
  );
  const c = comparison.data;
  const agreement = useMemo(
    () => (c ? agreementRows(series.data ? asMatrix(series.data) : undefined, c.timeline) : null),
    [c, series.data],
  );

  const header = (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <h2 className="text-lg font-semibold">{shadow.name}</h2>
      <Link href={closeHref} scroll={false} className="text-sm text-accent underline">
        Close
      </Link>
    </div>
  );

  if (comparison.error && !c)
    return (
      <div className="space-y-4">
        {header}
        <EmptyState title="Could not load the comparison">
          <p>{comparison.error.message}. Retrying every 30 seconds.</p>
        </EmptyState>
      </div>
    );
  if (!c || !agreement)
    return (
      <div className="space-y-4">
        {header}
        <LoadingRegion label="Loading comparison">
          <Skeleton className="h-20 w-full" />
          <Skeleton className="mt-4 h-72 w-full" />
        </LoadingRegion>
      </div>
    );

  const segments = segmentRows(c.bySegment);
  const bars = histogramBars(c.scoreDiffHistogram);
  return (
    <div className="space-y-4" aria-busy={comparison.isFetching} data-testid="shadow-detail">
      {header}
      <Verdict c={c} />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel
          title="Agreement over time"
          description={
            agreement.source === "series"
              ? "Share of rows with production's class, per hour (vigil_shadow_agreement)"
              : "Share of rows with production's class, per hour of this range"
          }
          testId="shadow-agreement"
        >
          {agreement.rows.length === 0 ? (
            <p className="text-sm text-muted">No answered predictions in this range.</p>
          ) : (
            <AgreementChart rows={agreement.rows} spanMs={range.spanMs} name={c.name} />
          )}
        </Panel>
        <Panel
          title="Score difference"
          description={
            c.meanAbsScoreDiff === null
              ? "No rows with a score on both sides"
              : `|shadow − production| score on ${formatInteger(c.scored)} rows · mean ${formatMetric(c.meanAbsScoreDiff)}`
          }
        >
          {bars.length > 0 ? (
            <ScoreDiffHistogram
              bars={bars}
              label={`Histogram of score differences between ${c.name} and production`}
            />
          ) : (
            <p className="text-sm text-muted">Neither side sent scores.</p>
          )}
        </Panel>
        <Panel
          title="Quality on the same rows"
          description={`${formatInteger(c.labeled)} labeled rows; Δ = shadow − production, accuracy with a 95% paired interval`}
        >
          {c.labeled === 0 ? (
            <p className="text-sm text-muted">No labels for these rows yet.</p>
          ) : (
            <QualityTable rows={qualityRows(c)} shadowName={c.name} />
          )}
        </Panel>
        <Panel title="Latency" description="Per-row inference time, milliseconds">
          <dl className="grid grid-cols-4 gap-2 text-sm" data-testid="shadow-latency">
            <dt className="text-xs text-muted" />
            {(["p50", "p95", "p99"] as const).map((k) => (
              <dt key={k} className="text-right text-xs text-muted">
                {k}
              </dt>
            ))}
            <dd className="font-medium">Shadow</dd>
            {(["p50", "p95", "p99"] as const).map((k) => (
              <dd key={k} className="text-right font-mono text-xs tabular-nums">
                {formatMetric(c.latencyMs[k], 2)}
              </dd>
            ))}
            <dd className="font-medium">Production</dd>
            {(["p50", "p95", "p99"] as const).map((k) => (
              <dd key={k} className="text-right font-mono text-xs tabular-nums">
                {formatMetric(c.productionLatencyMs[k], 2)}
              </dd>
            ))}
          </dl>
        </Panel>
      </div>
      <Panel
        title="Disagreement by segment"
        description="Categorical features' most frequent values; most disagreeing rows first"
        testId="shadow-segments"
      >
        {segments.length === 0 ? (
          <p className="text-sm text-muted">No categorical (string) features in this range.</p>
        ) : (
          <SegmentTable rows={segments} />
        )}
      </Panel>
      <Panel
        title="Disagreeing predictions"
        description={`Up to ${SAMPLE_ROWS} of the newest rows where ${c.name} and production predicted different classes`}
        testId="shadow-disagreeing"
      >
        {sample.data ? (
          sample.data.rows.length === 0 ? (
            <p className="text-sm text-muted">No disagreements in this range.</p>
          ) : (
            <DisagreeingRows rows={sample.data.rows} />
          )
        ) : sample.error ? (
          <p className="text-sm text-muted">{sample.error.message}</p>
        ) : (
          <Skeleton className="h-32 w-full" />
        )}
      </Panel>
    </div>
  );
}
