"use client";
// The GPU table: one group per node (its GPUs and their mean utilization), per GPU a utilization bar, a memory
// bar (used of total), temperature, power, SM clock and the pod using it. Column headers are buttons that sort
// (aria-sort says how); the numbers are text, the bars only repeat them for the eye.
import {
  formatCelsius,
  formatMemory,
  formatMHz,
  formatUtilization,
  formatWatts,
  type GpuRow,
  type GpuSortKey,
  gpuLabel,
  groupByNode,
  memoryShare,
  type SortDir,
  sortGpuRows,
} from "@/lib/charts/gpu-view";
import { SortIcon } from "../icons";

const COLUMNS: Array<{ key: GpuSortKey; label: string; align?: "right" }> = [
  { key: "gpu", label: "GPU" },
  { key: "utilization", label: "Utilization" },
  { key: "memory", label: "Memory" },
  { key: "temperatureC", label: "Temp", align: "right" },
  { key: "powerW", label: "Power", align: "right" },
  { key: "smClockMHz", label: "SM clock", align: "right" },
  { key: "pod", label: "Pod" },
];

/** A bar for a share in [0, 1]; warn colour when nearly full. */
function Bar({ share, label }: { share: number | null; label: string }) {
  const pct = share === null ? 0 : Math.min(1, Math.max(0, share)) * 100;
  return (
    <div className="flex min-w-40 items-center gap-2">
      <div className="h-2 w-24 shrink-0 overflow-hidden rounded-full bg-surface-2" aria-hidden="true">
        {share !== null && (
          <div
            className={`h-full rounded-full ${pct >= 90 ? "bg-warn" : "bg-accent"}`}
            style={{ width: `${pct}%` }}
          />
        )}
      </div>
      <span className="whitespace-nowrap tabular-nums">{label}</span>
    </div>
  );
}

function GpuCells({ row }: { row: GpuRow }) {
  const share = memoryShare(row);
  return (
    <tr
      className="border-b border-border last:border-0 hover:bg-surface-2/60"
      data-testid="gpu-row"
      data-key={row.key}
    >
      <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-normal">
        <span className="font-medium" title={row.uuid ?? undefined}>
          {gpuLabel(row)}
        </span>
        {row.modelName && <div className="text-xs text-muted">{row.modelName}</div>}
      </th>
      <td className="px-3 py-2" data-testid="gpu-util">
        <Bar
          share={row.utilization === null ? null : row.utilization / 100}
          label={formatUtilization(row.utilization)}
        />
      </td>
      <td className="px-3 py-2" data-testid="gpu-memory">
        <Bar share={share} label={formatMemory(row)} />
      </td>
      <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap" data-testid="gpu-temp">
        {formatCelsius(row.temperatureC)}
      </td>
      <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap" data-testid="gpu-power">
        {formatWatts(row.powerW)}
      </td>
      <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap" data-testid="gpu-clock">
        {formatMHz(row.smClockMHz)}
      </td>
      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs" data-testid="gpu-pod">
        {row.pod ? (
          <>
            {row.namespace && <span className="text-muted">{row.namespace}/</span>}
            {row.pod}
          </>
        ) : (
          "—"
        )}
      </td>
    </tr>
  );
}

export function GpuTable({
  rows,
  sort,
  onSort,
}: {
  rows: GpuRow[];
  sort: { key: GpuSortKey; dir: SortDir };
  onSort: (sort: { key: GpuSortKey; dir: SortDir }) => void;
}) {
  const groups = groupByNode(sortGpuRows(rows, sort.key, sort.dir));
  const toggle = (key: GpuSortKey) =>
    onSort({
      key,
      // numbers start with the largest (the busiest GPU first); names start with A
      dir:
        sort.key === key
          ? sort.dir === "asc"
            ? "desc"
            : "asc"
          : key === "gpu" || key === "pod"
            ? "asc"
            : "desc",
    });
  return (
    <div className="relative overflow-x-auto rounded-md border border-border">
      <table className="w-full text-sm" data-testid="gpu-table">
        <caption className="sr-only">GPUs by node; column headers sort the GPUs within each node.</caption>
        <thead className="border-b border-border text-left text-xs text-muted">
          <tr>
            {COLUMNS.map((c) => {
              const active = c.key === sort.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
                  className={`px-3 py-2 font-medium ${c.align === "right" ? "text-right" : ""}`}
                >
                  <button
                    type="button"
                    onClick={() => toggle(c.key)}
                    className="inline-flex items-center gap-1 rounded hover:text-fg"
                    data-testid={`gpu-sort-${c.key}`}
                  >
                    {c.label}
                    <SortIcon dir={active ? sort.dir : null} width={12} height={12} />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.node} data-testid="gpu-node" data-node={g.node}>
            <tr className="border-b border-border bg-surface-2/60">
              <th
                scope="rowgroup"
                colSpan={COLUMNS.length}
                className="px-3 py-1.5 text-left text-xs font-medium"
              >
                <span className="font-mono">{g.node}</span>
                <span className="ml-2 text-muted">
                  {g.rows.length} GPU{g.rows.length === 1 ? "" : "s"} · mean{" "}
                  {formatUtilization(g.utilization)}
                </span>
              </th>
            </tr>
            {g.rows.map((row) => (
              <GpuCells key={row.key} row={row} />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
