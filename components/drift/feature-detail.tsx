"use client";
// One column's drift: reference vs current distribution (…/drift/distribution), the statistic per hour with
// its threshold dashed, and the missing-value share per hour against the reference's.
import Link from "next/link";
import { type KeyboardEvent, useEffect, useId, useRef } from "react";
import {
  type ColumnDrift,
  type ColumnSeries,
  columnDisplayName,
  type DriftReference,
  driftRule,
  formatSignificant,
  formatStatistic,
  formatThreshold,
  isPValueTest,
  logPValueRows,
  prepareDistribution,
  prepareDriftLines,
  shareAxisMax,
  stattestLabel,
} from "@/lib/charts/drift";
import { formatInteger, formatPercent } from "@/lib/charts/format";
import type { ResolvedRange } from "@/lib/charts/range";
import { ApiError } from "../hooks/fetch-json";
import { useDriftDistribution } from "../hooks/use-drift";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { DistributionChart, DriftLineChart } from "./drift-charts";
import { DriftBadges } from "./feature-table";

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted">{term}</dt>
      <dd className="font-mono text-sm tabular-nums">{children}</dd>
    </div>
  );
}

function DistributionPanel({
  model,
  featureKey,
  column,
  range,
  version,
  reference,
}: {
  model: string;
  featureKey: string;
  column: ColumnDrift;
  range: ResolvedRange;
  version: string | null;
  reference: DriftReference | null;
}) {
  const q = useDriftDistribution(
    {
      model,
      feature: featureKey,
      from: range.from,
      to: range.to,
      version,
      // No referenceFrom/To: the endpoint resolves the same reference as …/drift (a pinned window's own
      // version, an uploaded profile), which explicit bounds would replace.
    },
    reference !== null,
  );
  const name = columnDisplayName(featureKey);
  let body: React.ReactNode;
  if (!reference) {
    body = (
      <EmptyState title="No reference data yet">
        <p>The distribution is compared once the reference holds data.</p>
      </EmptyState>
    );
  } else if (q.error instanceof ApiError && q.error.status === 404) {
    body = (
      <EmptyState title="Distribution not available">
        <p>
          {q.error.message}. The reference-vs-current distribution of “{name}” cannot be shown; the test
          result and the statistic and missing-value share over time are here.
        </p>
      </EmptyState>
    );
  } else if (q.error) {
    body = (
      <EmptyState title="Could not load the distribution">
        <p>{q.error.message}.</p>
      </EmptyState>
    );
  } else if (!q.data) {
    body = (
      <LoadingRegion label="Loading distribution">
        <Skeleton className="h-60 w-full" />
      </LoadingRegion>
    );
  } else {
    const { rows, hasData } = prepareDistribution(q.data.bins);
    const categorical = q.data.type === "categorical";
    body = hasData ? (
      <>
        <DistributionChart
          rows={rows}
          categorical={categorical}
          label={`${name}: share of values per ${categorical ? "category" : "bin"}, reference vs current`}
        />
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer text-muted hover:text-fg">Show as a table</summary>
          <div className="mt-2 max-h-64 overflow-auto">
            <table className="w-full tabular-nums">
              <thead className="text-left text-muted">
                <tr>
                  <th scope="col" className="py-1 pr-2 font-medium">
                    {categorical ? "Category" : "Bin"}
                  </th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">
                    Reference
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    Current
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label} className="border-t border-border/60">
                    <th scope="row" className="py-1 pr-2 text-left font-mono font-normal break-all">
                      {r.label}
                    </th>
                    <td className="py-1 pr-2 text-right">{formatPercent(r.reference)}</td>
                    <td className="py-1 text-right">{formatPercent(r.current)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </>
    ) : (
      <EmptyState title="No values in either range" />
    );
  }
  return (
    <Panel
      title="Distribution"
      description={
        column.type === "numerical"
          ? "Share of values per bin (bins shared by both windows): reference grey, current blue"
          : "Share of each category: reference grey, current blue"
      }
      testId="drift-distribution"
    >
      {body}
    </Panel>
  );
}

export function FeatureDetail({
  model,
  featureKey,
  column,
  range,
  version,
  reference,
  driftSeries,
  missingSeries,
  colors,
  closeHref,
  onClose,
  focusOnOpen,
  onFocused,
}: {
  model: string;
  featureKey: string;
  column: ColumnDrift;
  range: ResolvedRange;
  version: string | null;
  reference: DriftReference | null;
  driftSeries: ColumnSeries[] | undefined;
  missingSeries: ColumnSeries[] | undefined;
  colors: Record<string, string>;
  closeHref: string;
  onClose: () => void;
  focusOnOpen: boolean;
  onFocused: () => void;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusOnOpen) return;
    heading.current?.focus();
    onFocused();
  }, [focusOnOpen, onFocused]);

  const name = columnDisplayName(featureKey);
  const pValue = isPValueTest(column.stattest);
  const stat = prepareDriftLines(driftSeries ?? [], colors, column.stattest);
  const log = pValue
    ? logPValueRows(
        stat.rows,
        stat.series.map((s) => s.key),
        column.threshold,
      )
    : null;
  const missing = prepareDriftLines(missingSeries ?? [], colors);
  const missingMax = shareAxisMax(
    missing.rows,
    missing.series.map((s) => s.key),
    column.referenceMissingShare,
  );
  const statFormat = (v: number) => formatSignificant(v, 2);
  const pct = (v: number) => formatPercent(v, v !== 0 && Math.abs(v) < 0.1 ? 1 : 0);

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.key === "Escape") {
      e.preventDefault();
      onClose();
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      onKeyDown={onKeyDown}
      className="space-y-4 rounded-lg border border-accent/40 bg-surface p-4 shadow-sm"
      data-testid="feature-detail"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h2
            id={headingId}
            ref={heading}
            tabIndex={-1}
            className="flex flex-wrap items-center gap-2 text-base font-semibold"
          >
            <span className="break-all font-mono">{name}</span>
            <span className="text-sm font-normal text-muted">{column.type}</span>
          </h2>
          <DriftBadges column={column} />
        </div>
        <Link
          href={closeHref}
          scroll={false}
          onClick={(e) => {
            e.preventDefault();
            onClose();
          }}
          className="rounded-md border border-border px-2 py-1 text-sm text-muted hover:text-fg"
        >
          Close<span className="sr-only"> the detail of {name}</span>
        </Link>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-3 lg:grid-cols-6">
        <Fact term="Test">{stattestLabel(column.stattest)}</Fact>
        <Fact term="Statistic">{formatStatistic(column.statistic, column.stattest)}</Fact>
        <Fact term="Threshold">{formatThreshold(column.threshold, column.stattest)}</Fact>
        <Fact term={pValue ? "Test statistic" : "p-value"}>
          {pValue ? formatSignificant(column.testStatistic) : formatStatistic(column.pValue, "ks")}
        </Fact>
        <Fact term="Values (ref. / current)">
          {formatInteger(column.referenceCount)} / {formatInteger(column.currentCount)}
        </Fact>
        <Fact term="Method">{column.method}</Fact>
      </dl>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <DistributionPanel
          model={model}
          featureKey={featureKey}
          column={column}
          range={range}
          version={version}
          reference={reference}
        />
        <Panel
          title={pValue ? "p-value over time" : "Statistic over time"}
          description={`Per hour, by version · ${driftRule(column.stattest)}; threshold ${formatThreshold(column.threshold, column.stattest)} dashed${pValue ? " · log scale" : ""}`}
          testId="drift-statistic-panel"
        >
          {!driftSeries ? (
            <Skeleton className="h-56 w-full" />
          ) : stat.hasData ? (
            <DriftLineChart
              rows={log?.rows ?? stat.rows}
              series={stat.series}
              spanMs={range.spanMs}
              yFormat={statFormat}
              logFloor={log?.floor ?? null}
              reference={column.threshold}
              label={`${name}: ${stattestLabel(column.stattest)} per hour with the threshold`}
            />
          ) : (
            <EmptyState title="No hourly values in this range">
              <p>
                The worker writes one value per hour once the reference window is complete. Pick a longer
                range above, or wait for the next hour.
              </p>
            </EmptyState>
          )}
        </Panel>
        <Panel
          title="Missing values over time"
          description={`Share of predictions without this value, per hour; the reference's ${formatPercent(column.referenceMissingShare)} dashed`}
          testId="drift-missing-panel"
        >
          {!missingSeries ? (
            <Skeleton className="h-56 w-full" />
          ) : missing.hasData ? (
            <DriftLineChart
              rows={missing.rows}
              series={missing.series}
              spanMs={range.spanMs}
              yFormat={pct}
              yDomain={[0, missingMax]}
              reference={column.referenceMissingShare}
              label={`${name}: share of missing values per hour`}
            />
          ) : (
            <EmptyState title="No hourly values in this range">
              <p>Missing shares are written per hour with the drift values.</p>
            </EmptyState>
          )}
        </Panel>
      </div>
    </section>
  );
}
