"use client";
// The experiments list as a sortable table (sorting lives in lib/charts/experiment-list). Narrow screens
// scroll the table inside its own box.
import Link from "next/link";
import {
  type DisplayStatus,
  displayStatus,
  type ExperimentListItem,
  type ExperimentSortKey,
  type SortDir,
  STATUS_TONE,
  unitsSoFar,
  variantsLabel,
} from "@/lib/charts/experiment-list";
import { formatDateTime, formatInteger, formatRelativeTime } from "@/lib/charts/format";
import { SortIcon } from "../icons";
import { Badge } from "../ui/badge";

const COLUMNS: Array<{ key: ExperimentSortKey | null; label: string; align?: "right" }> = [
  { key: "key", label: "Experiment" },
  { key: "model", label: "Model" },
  { key: "status", label: "Status" },
  { key: null, label: "Variants" },
  { key: "units", label: "Units", align: "right" },
  { key: "startAt", label: "Started" },
  { key: "endAt", label: "Ends" },
];

export function StatusBadge({ status }: { status: DisplayStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{status}</Badge>;
}

function When({ iso, now, none }: { iso: string | null; now: number; none: string }) {
  if (!iso) return <span className="text-muted">{none}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelativeTime(iso, now)}
    </time>
  );
}

export function ExperimentsTable({
  experiments,
  sort,
  dir,
  onSort,
  now,
}: {
  experiments: ExperimentListItem[];
  sort: ExperimentSortKey;
  dir: SortDir;
  onSort: (key: ExperimentSortKey) => void;
  now: number;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full min-w-[760px] text-sm" data-testid="experiments-table">
        <thead className="border-b border-border text-left text-xs text-muted">
          <tr>
            {COLUMNS.map((c) => {
              const active = c.key === sort;
              return (
                <th
                  key={c.label}
                  scope="col"
                  aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
                  className={`px-3 py-2 font-medium ${c.align === "right" ? "text-right" : ""}`}
                >
                  {c.key ? (
                    <button
                      type="button"
                      onClick={() => c.key && onSort(c.key)}
                      className="inline-flex items-center gap-1 rounded hover:text-fg"
                    >
                      {c.label}
                      <SortIcon dir={active ? dir : null} width={12} height={12} />
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {experiments.map((e) => {
            const units = unitsSoFar(e);
            return (
              <tr
                key={e.key}
                className="border-b border-border last:border-0 hover:bg-surface-2/60"
                data-testid="experiment-row"
              >
                <td className="px-3 py-3 align-top">
                  <Link
                    href={`/experiments/${encodeURIComponent(e.key)}`}
                    className="font-medium text-accent hover:underline"
                  >
                    {e.name || e.key}
                  </Link>
                  {e.name && <div className="font-mono text-xs text-muted">{e.key}</div>}
                  {e.summary?.decision && (
                    <p className="mt-1 line-clamp-2 max-w-md text-xs text-muted" title={e.summary.decision}>
                      {e.summary.decision}
                    </p>
                  )}
                </td>
                <td className="px-3 py-3 align-top">
                  <Link
                    href={`/models/${encodeURIComponent(e.model)}`}
                    className="text-fg hover:text-accent hover:underline"
                  >
                    {e.model}
                  </Link>
                </td>
                <td className="px-3 py-3 align-top">
                  <div className="flex flex-wrap gap-1">
                    <StatusBadge status={displayStatus(e, now)} />
                    {e.summary?.srmFlagged && (
                      <Badge tone="bad" title="Sample ratio mismatch: the split differs from the weights">
                        SRM
                      </Badge>
                    )}
                  </div>
                </td>
                <td className="px-3 py-3 align-top text-xs">{variantsLabel(e.variants)}</td>
                <td className="px-3 py-3 text-right align-top tabular-nums">
                  {units === null ? <span className="text-muted">not computed</span> : formatInteger(units)}
                </td>
                <td className="px-3 py-3 align-top whitespace-nowrap">
                  <When iso={e.startAt} now={now} none="—" />
                </td>
                <td className="px-3 py-3 align-top whitespace-nowrap">
                  <When iso={e.endAt} now={now} none="no end" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
