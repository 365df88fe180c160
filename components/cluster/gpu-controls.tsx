"use client";
// The GPU view's pickers: where the numbers come from (Vigil's own series or an external Prometheus data
// source), the time range of the heatmap (presets or custom; the table shows the range's end), and a node filter.
import type { RangeSelection, ResolvedRange } from "@/lib/charts/range";
import { controlBase } from "../experiments/form-fields";
import { useDataSources } from "../hooks/use-prom-datasources";
import { TimeRangePicker } from "../ui/time-range-picker";

export function SourcePicker({
  source,
  onChange,
}: {
  source: string | null;
  onChange: (source: string | null) => void;
}) {
  const sources = useDataSources().data?.datasources ?? [];
  const known = source === null || sources.some((s) => s.name === source);
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-muted">Source</span>
      <select
        data-testid="gpu-source"
        value={source ?? ""}
        onChange={(e) => onChange(e.target.value || null)}
        className={controlBase}
        title="Vigil's own scraped series, or an external Prometheus data source"
      >
        <option value="">Vigil</option>
        {sources.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name}
          </option>
        ))}
        {!known && <option value={source ?? ""}>{source}</option>}
      </select>
    </label>
  );
}

export function NodeFilter({
  nodes,
  node,
  onChange,
}: {
  nodes: string[];
  node: string | null;
  onChange: (node: string | null) => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-muted">Node</span>
      <select
        data-testid="gpu-node-filter"
        value={node ?? ""}
        onChange={(e) => onChange(e.target.value || null)}
        className={controlBase}
      >
        <option value="">All nodes</option>
        {nodes.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
        {node && !nodes.includes(node) && <option value={node}>{node}</option>}
      </select>
    </label>
  );
}

/** Presets and a custom from/to, as the model page offers (lib/charts/range.ts), without its version filter. */
export function ClusterRangePicker(props: {
  selection: RangeSelection;
  resolved: ResolvedRange;
  onChange: (sel: RangeSelection) => void;
}) {
  return <TimeRangePicker {...props} testId="gpu-range" />;
}
