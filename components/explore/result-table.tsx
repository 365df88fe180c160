"use client";
// Table of an instant query: one row per series (label set + value), sortable by either column.
import { useMemo, useState } from "react";
import { sortTable, type TableRow, type TableSortDir, type TableSortKey } from "@/lib/charts/prom-table";
import { SortIcon } from "../icons";
import { EmptyState } from "../ui/empty-state";

const MAX_ROWS = 1000;

function Labels({ row }: { row: TableRow }) {
  const name = row.metric.__name__;
  const pairs = Object.entries(row.metric).filter(([k]) => k !== "__name__");
  if (pairs.length === 0 && !name) return <span className="text-muted">{row.labels}</span>;
  return (
    <span className="break-all font-mono">
      {name && <span className="font-medium">{name}</span>}
      {pairs.length > 0 && (
        <>
          {"{"}
          {pairs
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v], i) => (
              <span key={k}>
                {i > 0 && ", "}
                <span className="text-[#D55E00] dark:text-[#E69F00]">{k}</span>=
                <span className="text-[#007a57] dark:text-[#3fcf9f]">"{v}"</span>
              </span>
            ))}
          {"}"}
        </>
      )}
    </span>
  );
}

export function ResultTable({ rows }: { rows: TableRow[] }) {
  const [sort, setSort] = useState<{ key: TableSortKey; dir: TableSortDir } | null>(null);
  const sorted = useMemo(() => (sort ? sortTable(rows, sort.key, sort.dir) : rows), [rows, sort]);

  if (rows.length === 0) {
    return (
      <EmptyState title="Empty query result">
        <p>
          No series match at this time. Check the metric name and label matchers, or pick an earlier time.
        </p>
      </EmptyState>
    );
  }

  function header(key: TableSortKey, label: string, className: string) {
    const dir = sort?.key === key ? sort.dir : null;
    const next: TableSortDir = dir === "asc" ? "desc" : "asc";
    return (
      <th
        scope="col"
        className={className}
        aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
      >
        <button
          type="button"
          onClick={() => setSort({ key, dir: next })}
          className="inline-flex items-center gap-1 font-medium hover:text-fg"
        >
          {label}
          <SortIcon dir={dir} width={12} height={12} />
        </button>
      </th>
    );
  }

  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" data-testid="explore-table">
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            {header("labels", "Series", "py-2 pr-3")}
            {header("value", "Value", "py-2 pl-3 text-right")}
          </tr>
        </thead>
        <tbody>
          {sorted.slice(0, MAX_ROWS).map((r) => (
            <tr
              key={r.key}
              className="border-b border-border/60 align-top last:border-0 hover:bg-surface-2/60"
            >
              <td className="py-1.5 pr-3 text-xs">
                <Labels row={r} />
              </td>
              <td className="whitespace-nowrap py-1.5 pl-3 text-right font-mono text-xs tabular-nums">
                {r.display.map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: sample lines of one series are ordered and fixed
                  <div key={i}>{line}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS && (
        <p className="mt-2 text-xs text-muted">
          Showing the first {MAX_ROWS} of {rows.length} series. Narrow the query with label matchers.
        </p>
      )}
    </div>
  );
}
