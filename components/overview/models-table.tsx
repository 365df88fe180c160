"use client";
// Wide screens: sortable table of models. Sorting is done by lib/charts/overview.
import Link from "next/link";
import { formatCount, formatDateTime, formatPercent, formatRelativeTime } from "@/lib/charts/format";
import type { SortDir, SortKey } from "@/lib/charts/overview";
import { Sparkline } from "../charts/sparkline";
import type { ModelSummary } from "../hooks/types";
import { SortIcon } from "../icons";
import { HealthBadge, TaskBadge } from "../model-badges";
import { VersionQuality } from "./version-quality";

const COLUMNS: Array<{ key: SortKey | null; label: string; align?: "right" }> = [
  { key: "name", label: "Model" },
  { key: "health", label: "Health" },
  { key: "predictions24h", label: "Volume 24h", align: "right" },
  { key: "f1", label: "Latest quality" },
  { key: "labelCoverage", label: "Labeled", align: "right" },
  { key: "lastPredictionAt", label: "Last prediction" },
];

export function ModelsTable({
  models,
  sort,
  dir,
  onSort,
  now,
}: {
  models: ModelSummary[];
  sort: SortKey;
  dir: SortDir;
  onSort: (key: SortKey) => void;
  now: number;
}) {
  return (
    <div className="hidden overflow-x-auto rounded-lg border border-border bg-surface md:block">
      <table className="w-full text-sm" data-testid="models-table">
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
          {models.map((m) => (
            <tr key={m.name} className="border-b border-border last:border-0 hover:bg-surface-2/60">
              <td className="px-3 py-3 align-top">
                <Link
                  href={`/models/${encodeURIComponent(m.name)}`}
                  className="font-medium text-accent hover:underline"
                >
                  {m.displayName || m.name}
                </Link>
                <div className="mt-1 flex flex-wrap items-center gap-1.5">
                  {m.displayName && <span className="font-mono text-xs text-muted">{m.name}</span>}
                  <TaskBadge task={m.task} source={m.taskSource} />
                </div>
              </td>
              <td className="px-3 py-3 align-top">
                <HealthBadge health={m.health} />
              </td>
              <td className="px-3 py-3 align-top">
                <div className="flex items-center justify-end gap-3">
                  <Sparkline volume={m.volume} />
                  <span className="w-12 text-right tabular-nums">{formatCount(m.predictions24h)}</span>
                </div>
              </td>
              <td className="px-3 py-3 align-top">
                <VersionQuality model={m} />
              </td>
              <td className="px-3 py-3 text-right align-top tabular-nums">
                {formatPercent(m.labelCoverage, 0)}
              </td>
              <td className="px-3 py-3 align-top whitespace-nowrap">
                <time
                  dateTime={m.lastPredictionAt ?? undefined}
                  title={m.lastPredictionAt ? formatDateTime(m.lastPredictionAt) : undefined}
                >
                  {formatRelativeTime(m.lastPredictionAt, now)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
