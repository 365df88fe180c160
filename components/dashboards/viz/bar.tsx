"use client";
// Bar panel: the latest value of each series as a horizontal bar (longest first), coloured by threshold when
// the panel has thresholds, else by series; a list, so it reads the same to a screen reader.
import type { Panel } from "@/lib/dashboards/schema";
import { colorFor, formatValue } from "@/lib/dashboards/units";
import { latestValues, type NamedSeries } from "@/lib/dashboards/viz-data";

export function BarViz({ panel, series }: { panel: Panel; series: NamedSeries[] }) {
  const bars = latestValues(series).sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  const finite = bars.map((b) => b.value).filter((v): v is number => v !== null);
  const max = panel.max ?? Math.max(0, ...finite);
  const min = panel.min ?? Math.min(0, ...finite);
  const span = max - min || 1;
  return (
    <ul
      className="h-full space-y-1.5 overflow-y-auto pr-1 text-xs"
      data-testid="viz-bar"
      aria-label={panel.title || "Bars"}
    >
      {bars.map((b) => {
        const width = b.value === null ? 0 : Math.min(100, Math.max(0, ((b.value - min) / span) * 100));
        const color = panel.thresholds?.length ? colorFor(b.value, panel.thresholds, b.color) : b.color;
        const text = formatValue(b.value, panel.unit, panel.decimals);
        return (
          <li key={b.key} className="grid grid-cols-[minmax(0,2fr)_minmax(0,5fr)] items-center gap-2">
            <span className="truncate font-mono" title={b.name}>
              {b.name}
            </span>
            <span className="flex min-w-0 items-center gap-2">
              <span className="h-4 min-w-0 flex-1 rounded-sm bg-surface-2">
                <span className="block h-full rounded-sm" style={{ width: `${width}%`, background: color }} />
              </span>
              <span className="w-20 shrink-0 text-right tabular-nums" data-testid="bar-value">
                {text}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
