"use client";
// Per-column drift: a sortable table on wide screens, stacked cards on narrow ones. A row's name is a link to
// its detail (`&feature=`), so Enter opens it; a click anywhere on the row does too.
import Link from "next/link";
import type { MouseEvent } from "react";
import {
  type ColumnDrift,
  type ColumnSeries,
  columnDisplayName,
  type DriftSortDir,
  type DriftSortKey,
  driftRule,
  formatMissing,
  formatStatistic,
  formatThreshold,
  isPValueTest,
  logPValueRows,
  prepareDriftLines,
  sparklineSummary,
  stattestLabel,
} from "@/lib/charts/drift";
import { SortIcon } from "../icons";
import { Badge } from "../ui/badge";
import { Skeleton } from "../ui/skeleton";
import { DriftSparkline } from "./drift-charts";

/** A column of the table with the `feature` label its series carry ("__score__" for the score). */
export interface DriftRow {
  key: string;
  column: ColumnDrift;
}

const COLUMNS: Array<{ key: DriftSortKey | null; label: string; align?: "right"; hint?: string }> = [
  { key: "name", label: "Feature" },
  { key: "type", label: "Type" },
  { key: "test", label: "Test" },
  {
    key: "statistic",
    label: "Statistic",
    align: "right",
    hint: "p-value for K–S, χ² and Z; else a distance",
  },
  { key: "threshold", label: "Threshold", align: "right" },
  { key: "drift", label: "Drifted" },
  { key: "missing", label: "Missing (current vs ref.)", align: "right" },
  { key: null, label: "Over time" },
];

export function DriftBadges({ column }: { column: ColumnDrift }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      {column.stattest === null ? (
        <Badge tone="muted" title={driftRule(null)}>
          not tested
        </Badge>
      ) : column.drifted ? (
        <Badge tone="bad">
          <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-current" />
          drift
        </Badge>
      ) : (
        <Badge tone="good">no drift</Badge>
      )}
      {column.missingDrifted && (
        <Badge tone="warn" title="The share of missing values changed (two-proportion z-test, p < 0.05)">
          missing share changed
        </Badge>
      )}
    </span>
  );
}

function Sparkline({
  row,
  series,
  colors,
  className,
}: {
  row: DriftRow;
  series: Map<string, ColumnSeries[]> | undefined;
  colors: Record<string, string>;
  className?: string;
}) {
  if (!series) return <Skeleton className={className ?? "h-8 w-28"} />;
  const c = row.column;
  const list = series.get(row.key) ?? [];
  const lines = prepareDriftLines(list, colors, c.stattest);
  const log = isPValueTest(c.stattest)
    ? logPValueRows(
        lines.rows,
        lines.series.map((d) => d.key),
        c.threshold,
      )
    : null;
  const s = sparklineSummary(list, c.threshold, c.stattest);
  const name = columnDisplayName(row.key);
  const label =
    s.total === 0
      ? `${name}: no hourly drift values in this range`
      : `${name}: ${stattestLabel(c.stattest, true)} per hour, latest ${formatStatistic(s.latest, c.stattest)}, past the threshold in ${s.past} of ${s.total} hourly values`;
  return (
    <DriftSparkline
      rows={log?.rows ?? lines.rows}
      series={lines.series}
      threshold={c.threshold}
      logFloor={log?.floor ?? null}
      label={label}
      className={className}
    />
  );
}

export function FeatureTable({
  rows,
  sort,
  onSort,
  series,
  colors,
  selected,
  hrefFor,
  onOpen,
  onNavigate,
  caption,
  testId,
  nameLabel = "Feature",
}: {
  rows: DriftRow[];
  /** null: not sortable (the prediction/score/label section). */
  sort: { key: DriftSortKey; dir: DriftSortDir } | null;
  onSort?: (key: DriftSortKey) => void;
  series: Map<string, ColumnSeries[]> | undefined;
  colors: Record<string, string>;
  selected: string | null;
  hrefFor: (key: string) => string;
  onOpen: (key: string) => void;
  /** A name link was followed (the detail then takes the focus). */
  onNavigate?: (key: string) => void;
  caption: string;
  testId: string;
  /** Header of the name column. */
  nameLabel?: string;
}) {
  function rowClick(e: MouseEvent<HTMLElement>, key: string) {
    // The name link navigates by itself; a click elsewhere on the row does the same.
    if ((e.target as HTMLElement).closest("a,button")) return;
    onOpen(key);
  }

  return (
    <>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full text-sm" data-testid={testId}>
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-border text-left text-xs text-muted">
            <tr>
              {COLUMNS.map((col) => {
                const active = sort !== null && col.key === sort.key;
                const align = col.align === "right" ? "text-right" : "";
                return (
                  <th
                    key={col.key ?? col.label}
                    scope="col"
                    aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
                    className={`px-3 py-2 font-medium whitespace-nowrap ${align}`}
                    title={col.hint}
                  >
                    {sort && onSort && col.key ? (
                      <button
                        type="button"
                        onClick={() => col.key && onSort(col.key)}
                        className="inline-flex items-center gap-1 rounded hover:text-fg"
                      >
                        {col.key === "name" ? nameLabel : col.label}
                        <SortIcon dir={active ? sort.dir : null} width={12} height={12} />
                      </button>
                    ) : col.key === "name" ? (
                      nameLabel
                    ) : (
                      col.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const c = r.column;
              const isSelected = r.key === selected;
              return (
                <tr
                  key={r.key}
                  onClick={(e) => rowClick(e, r.key)}
                  data-selected={isSelected || undefined}
                  className="cursor-pointer border-b border-border last:border-0 hover:bg-surface-2/60 data-selected:bg-accent/10"
                >
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link
                      href={hrefFor(r.key)}
                      scroll={false}
                      onClick={() => onNavigate?.(r.key)}
                      data-feature-key={r.key}
                      aria-current={isSelected ? "true" : undefined}
                      className="break-all font-mono text-accent hover:underline"
                    >
                      {columnDisplayName(r.key)}
                    </Link>
                  </th>
                  <td className="px-3 py-2 text-muted">{c.type}</td>
                  <td
                    className="px-3 py-2 whitespace-nowrap"
                    title={c.stattest ? stattestLabel(c.stattest) : undefined}
                  >
                    {stattestLabel(c.stattest, true)}
                  </td>
                  <td className="px-3 py-2 text-right font-mono text-xs tabular-nums whitespace-nowrap">
                    {formatStatistic(c.statistic, c.stattest)}
                  </td>
                  <td className="px-3 py-2 text-right font-mono text-xs tabular-nums whitespace-nowrap">
                    {formatThreshold(c.threshold, c.stattest)}
                  </td>
                  <td className="px-3 py-2">
                    <DriftBadges column={c} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap">
                    {formatMissing(c.missingShare, c.referenceMissingShare)}
                  </td>
                  <td className="px-3 py-2">
                    <Sparkline row={r} series={series} colors={colors} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ul className="space-y-2 md:hidden" data-testid={`${testId}-cards`} aria-label={caption}>
        {rows.map((r) => {
          const c = r.column;
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the card's link is the keyboard target; this only widens the click area
            <li
              key={r.key}
              onClick={(e) => rowClick(e, r.key)}
              data-selected={r.key === selected || undefined}
              className="cursor-pointer rounded-md border border-border p-3 data-selected:border-accent"
            >
              <div className="flex items-start justify-between gap-2">
                <Link
                  href={hrefFor(r.key)}
                  scroll={false}
                  onClick={() => onNavigate?.(r.key)}
                  data-feature-key={r.key}
                  aria-current={r.key === selected ? "true" : undefined}
                  className="min-w-0 break-all font-mono text-sm font-medium text-accent hover:underline"
                >
                  {columnDisplayName(r.key)}
                </Link>
                <DriftBadges column={c} />
              </div>
              <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
                <dt className="text-muted">Test</dt>
                <dd>
                  {stattestLabel(c.stattest, true)} <span className="text-muted">· {c.type}</span>
                </dd>
                <dt className="text-muted">Statistic</dt>
                <dd className="font-mono tabular-nums">
                  {formatStatistic(c.statistic, c.stattest)}{" "}
                  <span className="text-muted">({formatThreshold(c.threshold, c.stattest)})</span>
                </dd>
                <dt className="text-muted">Missing</dt>
                <dd className="tabular-nums">{formatMissing(c.missingShare, c.referenceMissingShare)}</dd>
              </dl>
              <Sparkline row={r} series={series} colors={colors} className="mt-2 h-8 w-full" />
            </li>
          );
        })}
      </ul>
    </>
  );
}
