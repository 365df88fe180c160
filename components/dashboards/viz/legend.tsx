"use client";
// A panel's series legend: colour, name and (optionally) the latest value; click a name to show only that
// series, click again for all.

export interface LegendEntry {
  key: string;
  name: string;
  color: string;
  value?: string;
}

export function Legend({
  entries,
  only,
  onToggle,
  placement,
}: {
  entries: LegendEntry[];
  only: string | null;
  onToggle: (key: string) => void;
  placement: "bottom" | "right";
}) {
  return (
    <ul
      aria-label="Legend"
      data-testid="panel-legend"
      className={
        placement === "right"
          ? "w-2/5 max-w-64 shrink-0 space-y-0.5 overflow-y-auto text-xs"
          : "flex max-h-16 shrink-0 flex-wrap gap-x-3 gap-y-0.5 overflow-y-auto text-xs"
      }
    >
      {entries.map((e) => (
        <li key={e.key} className="min-w-0">
          <button
            type="button"
            aria-pressed={only === e.key}
            title={only === e.key ? "Show all series" : "Show only this series"}
            onClick={() => onToggle(e.key)}
            className={`flex min-w-0 max-w-full items-center gap-1.5 rounded px-1 text-left hover:bg-surface-2 ${
              only !== null && only !== e.key ? "opacity-40" : ""
            }`}
          >
            <span
              aria-hidden="true"
              className="inline-block h-0.5 w-3 shrink-0"
              style={{ background: e.color }}
            />
            <span className="min-w-0 truncate font-mono">{e.name}</span>
            {e.value !== undefined && (
              <span className="ml-1 shrink-0 tabular-nums text-muted">{e.value}</span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
