"use client";
// Where the Serving tab reads the cluster series (GPU, request rate, queue time) from: Vigil's own store, or an
// external Prometheus-compatible data source (/api/v1/datasources). Latency and quality always come from Vigil.
import { useDataSources } from "../hooks/use-prom-datasources";

export function SourcePicker({
  source,
  onChange,
}: {
  source: string | null;
  onChange: (source: string | null) => void;
}) {
  const sources = useDataSources().data?.datasources ?? [];
  const unknown = source !== null && !sources.some((s) => s.name === source);
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-muted">Cluster series from</span>
      <select
        data-testid="serving-source"
        value={source ?? ""}
        onChange={(e) => onChange(e.target.value || null)}
        className="rounded-md border border-border bg-surface px-2 py-1"
      >
        <option value="">Vigil (its own series)</option>
        {sources.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name} ({s.url})
          </option>
        ))}
        {unknown && <option value={source}>{source} (not configured)</option>}
      </select>
    </label>
  );
}
