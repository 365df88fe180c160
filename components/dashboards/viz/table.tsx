"use client";
// Table panel: one row per series with its labels and latest value; every column sorts (aria-sort on the
// header), the value cell coloured by threshold.
import { useMemo, useState } from "react";
import type { Panel } from "@/lib/dashboards/schema";
import { colorFor, formatValue } from "@/lib/dashboards/units";
import { type NamedSeries, type SortDir, sortTable, tableData } from "@/lib/dashboards/viz-data";
import { SortIcon } from "../../icons";

const VALUE = "__value__";

export function TableViz({ panel, series }: { panel: Panel; series: NamedSeries[] }) {
  const data = useMemo(() => tableData(series), [series]);
  const [sort, setSort] = useState<{ column: string; dir: SortDir }>({ column: VALUE, dir: "desc" });
  const rows = useMemo(() => sortTable(data, sort.column, sort.dir), [data, sort]);
  const columns = [
    ...data.columns.map((c) => ({ key: c, label: c === "__name__" ? "metric" : c })),
    { key: VALUE, label: "Value" },
  ];
  const toggle = (column: string) =>
    setSort((s) =>
      s.column === column
        ? { column, dir: s.dir === "asc" ? "desc" : "asc" }
        : { column, dir: column === VALUE ? "desc" : "asc" },
    );
  return (
    <div className="h-full overflow-auto" data-testid="viz-table">
      <table className="w-full text-xs">
        <caption className="sr-only">{panel.title || "Latest values"}</caption>
        <thead className="sticky top-0 border-b border-border bg-surface text-left text-muted">
          <tr>
            {columns.map((c) => {
              const active = sort.column === c.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
                  className={`px-2 py-1 font-medium whitespace-nowrap ${c.key === VALUE ? "text-right" : ""}`}
                >
                  <button
                    type="button"
                    onClick={() => toggle(c.key)}
                    className="inline-flex items-center gap-1 hover:text-fg"
                  >
                    {c.label}
                    <SortIcon dir={active ? sort.dir : null} width={11} height={11} />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-b border-border last:border-0">
              {data.columns.map((c) => (
                <td key={c} className="px-2 py-1 font-mono break-all">
                  {r.labels[c] ?? ""}
                </td>
              ))}
              <td
                className="px-2 py-1 text-right font-mono tabular-nums whitespace-nowrap"
                style={{ color: colorFor(r.value, panel.thresholds, "var(--fg)") }}
              >
                {formatValue(r.value, panel.unit, panel.decimals)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
