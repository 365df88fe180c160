"use client";
// GPU utilization heatmap in SVG (recharts has none): rows = GPUs, columns = steps of the range, colour on a
// fixed 0–100 % viridis scale with its legend. Each cell's tooltip gives the GPU, the step and the exact value;
// for screen readers the picture is one image with a summary, and a hidden table gives each GPU's numbers.
import { useEffect, useRef, useState } from "react";
import { formatDateTime, formatTimeTick } from "@/lib/charts/format";
import {
  cellTitle,
  type Heatmap,
  heatmapLayout,
  heatmapRowStats,
  heatmapSummary,
  tickColumns,
  UTIL_STOPS,
  utilizationColor,
} from "@/lib/charts/gpu-heatmap";
import { formatUtilization } from "@/lib/charts/gpu-view";

/**
 * The element's width, following resizes (the SVG is drawn in pixels so text is never stretched); null until
 * measured, so no guessed width ever pushes the page sideways.
 */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(240, Math.floor(el.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

function Legend() {
  const gradient = `linear-gradient(to right, ${UTIL_STOPS.map(([p, c]) => `${c} ${p}%`).join(", ")})`;
  return (
    <div className="flex flex-wrap items-center gap-4 text-xs text-muted" data-testid="heatmap-legend">
      <div className="flex items-center gap-2">
        <span>0 %</span>
        <div className="h-3 w-40 rounded-sm" style={{ background: gradient }} aria-hidden="true" />
        <span>100 %</span>
        <span className="sr-only">
          utilization colour scale: dark purple at 0 %, through blue and green, to yellow at 100 %
        </span>
      </div>
      <div className="flex items-center gap-1.5">
        <span
          className="inline-block h-3 w-3 rounded-sm border border-border bg-surface-2"
          aria-hidden="true"
        />
        <span>no data</span>
      </div>
    </div>
  );
}

export function GpuHeatmap({ heatmap, spanMs }: { heatmap: Heatmap; spanMs: number }) {
  const { ref, width } = useWidth();
  return (
    // relative: the visually hidden table inside is positioned against this box, never against the page
    <div ref={ref} className="relative">
      {heatmap.rows.length === 0 ? (
        <p className="text-sm text-muted" data-testid="gpu-heatmap-empty">
          No GPU utilization samples in this range.
        </p>
      ) : width === null ? (
        <div className="h-32" aria-hidden="true" />
      ) : (
        <HeatmapPicture heatmap={heatmap} spanMs={spanMs} width={width} />
      )}
    </div>
  );
}

function HeatmapPicture({ heatmap, spanMs, width }: { heatmap: Heatmap; spanMs: number; width: number }) {
  const columns = heatmap.times.length;
  // Narrow screens give the labels less room so the picture keeps most of the width.
  const labelWidth = Math.min(150, Math.round(width * 0.32));
  const maxChars = Math.floor((labelWidth - 8) / 7); // ~7 px per character at 11 px
  const layout = heatmapLayout({ width, rows: heatmap.rows.length, columns, labelWidth });
  const summary = heatmapSummary(heatmap);
  const stats = heatmapRowStats(heatmap);
  // Cells touch; round outward so no hairline gaps show between them.
  const cellW = Math.max(1, layout.cellWidth + 0.5);
  return (
    <div className="space-y-2">
      <svg
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={summary}
        data-testid="gpu-heatmap"
        className="block max-w-full"
      >
        {heatmap.rows.map((row, r) => (
          <g key={row.key} data-testid="heat-row">
            <rect
              x={layout.labelWidth}
              y={layout.y(r) + 1}
              width={Math.max(0, layout.width - layout.labelWidth)}
              height={layout.rowHeight - 2}
              className="fill-surface-2"
            />
            <text
              x={layout.labelWidth - 8}
              y={layout.y(r) + layout.rowHeight / 2}
              textAnchor="end"
              dominantBaseline="central"
              className="fill-muted text-[11px]"
            >
              <title>{row.label}</title>
              {row.label.length > maxChars ? `${row.label.slice(0, maxChars - 1)}…` : row.label}
            </text>
            {heatmap.values[r]!.map((v, c) =>
              v === null ? null : (
                <rect
                  // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position in time
                  key={c}
                  x={layout.x(c)}
                  y={layout.y(r) + 1}
                  width={cellW}
                  height={layout.rowHeight - 2}
                  fill={utilizationColor(v)}
                  data-testid="heat-cell"
                >
                  <title>{cellTitle(row, heatmap.times[c]!, heatmap.step, v)}</title>
                </rect>
              ),
            )}
          </g>
        ))}
        {tickColumns(columns, Math.max(2, Math.floor((layout.width - layout.labelWidth) / 110))).map((c) => (
          <text
            key={c}
            x={layout.x(c) + layout.cellWidth / 2}
            y={layout.height - layout.axisHeight / 2 + 2}
            textAnchor={c === 0 ? "start" : "middle"}
            dominantBaseline="central"
            className="fill-muted text-[11px]"
          >
            {formatTimeTick(heatmap.times[c]! * 1000, spanMs)}
          </text>
        ))}
      </svg>
      <Legend />
      {/* A table ignores the 1px width of sr-only: the wrapper clips it so it never widens the page. */}
      <div className="sr-only">
        <table>
          <caption>GPU utilization per GPU over the range</caption>
          <thead>
            <tr>
              <th scope="col">GPU</th>
              <th scope="col">Mean</th>
              <th scope="col">Min</th>
              <th scope="col">Max</th>
              <th scope="col">Max at</th>
            </tr>
          </thead>
          <tbody>
            {stats.map((s) => (
              <tr key={s.row.key}>
                <th scope="row">{s.row.label}</th>
                <td>{formatUtilization(s.mean)}</td>
                <td>{formatUtilization(s.min)}</td>
                <td>{formatUtilization(s.max)}</td>
                <td>{s.maxAt === null ? "—" : formatDateTime(s.maxAt * 1000)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
