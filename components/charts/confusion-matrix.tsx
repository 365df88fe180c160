// Confusion-matrix heatmap as an accessible table: counts in cells, shading by row share.
import type { PreparedConfusion } from "@/lib/charts/confusion";
import { formatInteger, formatPercent } from "@/lib/charts/format";
import { heatColor, heatTextIsLight } from "@/lib/charts/palette";

export function ConfusionMatrixTable({ data }: { data: PreparedConfusion }) {
  return (
    <div className="overflow-x-auto">
      <table className="border-separate border-spacing-1 text-sm" data-testid="confusion-matrix">
        <caption className="caption-bottom pt-2 text-left text-xs text-muted">
          Rows: actual label · columns: predicted label · shading: share of the row ·{" "}
          {formatInteger(data.correct)} of {formatInteger(data.total)} correct
        </caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 text-left text-xs font-normal text-muted">
              actual ↓ / predicted →
            </th>
            {data.labels.map((l) => (
              <th key={l} scope="col" className="px-2 font-mono text-xs font-medium">
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.actual}>
              <th scope="row" className="px-2 text-right font-mono text-xs font-medium">
                {row.actual}
              </th>
              {row.cells.map((c) => (
                <td
                  key={c.predicted}
                  data-testid="confusion-cell"
                  title={`actual ${c.actual}, predicted ${c.predicted}: ${formatInteger(c.count)} (${formatPercent(c.rowShare)} of row)`}
                  className="h-14 min-w-16 rounded px-2 text-center tabular-nums"
                  style={{
                    background: heatColor(c.rowShare),
                    color: heatTextIsLight(c.rowShare) ? "#ffffff" : "var(--fg)",
                    outline: c.actual === c.predicted ? "1px solid var(--border)" : undefined,
                  }}
                >
                  <div className="font-semibold">{formatInteger(c.count)}</div>
                  <div className="text-[11px] opacity-80">{formatPercent(c.rowShare, 0)}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
