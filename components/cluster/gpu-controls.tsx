"use client";
// The GPU view's pickers: where the numbers come from (Vigil's own series or an external Prometheus data
// source), the time range of the heatmap (presets or custom; the table shows the range's end), and a node filter.
import { type FormEvent, useId, useState } from "react";
import {
  fromLocalInput,
  PRESET_KEYS,
  type RangeSelection,
  type ResolvedRange,
  toLocalInput,
} from "@/lib/charts/range";
import { controlBase } from "../experiments/form-fields";
import { useDataSources } from "../hooks/use-prom-datasources";

const seg =
  "px-3 py-1.5 text-sm border-border first:rounded-l-md last:rounded-r-md border -ml-px first:ml-0 aria-pressed:bg-accent aria-pressed:text-accent-fg aria-pressed:border-accent hover:bg-surface-2 aria-pressed:hover:bg-accent";

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
export function ClusterRangePicker({
  selection,
  resolved,
  onChange,
}: {
  selection: RangeSelection;
  resolved: ResolvedRange;
  onChange: (sel: RangeSelection) => void;
}) {
  const id = useId();
  const [customOpen, setCustomOpen] = useState(selection.kind === "custom");
  const [error, setError] = useState<string | null>(null);
  const isCustom = selection.kind === "custom" || customOpen;

  function applyCustom(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const from = fromLocalInput(String(form.get("from") ?? ""));
    const to = fromLocalInput(String(form.get("to") ?? ""));
    if (!from || !to || Date.parse(from) >= Date.parse(to)) {
      setError("Choose a start before the end.");
      return;
    }
    setError(null);
    onChange({ kind: "custom", from, to });
  }

  return (
    <div className="flex flex-col gap-2">
      <fieldset className="flex" aria-label="Time range" data-testid="gpu-range">
        <legend className="sr-only">Time range</legend>
        {PRESET_KEYS.map((p) => (
          <button
            key={p}
            type="button"
            className={seg}
            aria-pressed={!isCustom && selection.kind === "preset" && selection.preset === p}
            onClick={() => {
              setCustomOpen(false);
              onChange({ kind: "preset", preset: p });
            }}
          >
            {p}
          </button>
        ))}
        <button type="button" className={seg} aria-pressed={isCustom} onClick={() => setCustomOpen(true)}>
          Custom
        </button>
      </fieldset>
      {isCustom && (
        <form onSubmit={applyCustom} className="flex flex-wrap items-end gap-2" aria-label="Custom range">
          <div className="flex flex-col">
            <label htmlFor={`${id}-from`} className="text-xs text-muted">
              From
            </label>
            <input
              id={`${id}-from`}
              name="from"
              type="datetime-local"
              className={controlBase}
              defaultValue={toLocalInput(resolved.from)}
            />
          </div>
          <div className="flex flex-col">
            <label htmlFor={`${id}-to`} className="text-xs text-muted">
              To
            </label>
            <input
              id={`${id}-to`}
              name="to"
              type="datetime-local"
              className={controlBase}
              defaultValue={toLocalInput(resolved.to)}
            />
          </div>
          <button
            type="submit"
            className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg"
          >
            Apply
          </button>
          {error && (
            <p role="alert" className="text-sm text-bad">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
