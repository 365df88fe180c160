"use client";
// Time range presets (1h, 24h, 7d, 30d) and a custom from/to (lib/charts/range.ts), shared by the model page
// and the Cluster page; `extra` sits next to the presets (e.g. the model page's version filter).
import { type FormEvent, type ReactNode, useId, useState } from "react";
import {
  fromLocalInput,
  PRESET_KEYS,
  type RangeSelection,
  type ResolvedRange,
  toLocalInput,
} from "@/lib/charts/range";

const seg =
  "px-3 py-1.5 text-sm border-border first:rounded-l-md last:rounded-r-md border -ml-px first:ml-0 aria-pressed:bg-accent aria-pressed:text-accent-fg aria-pressed:border-accent hover:bg-surface-2 aria-pressed:hover:bg-accent";
export const rangeInput = "rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-fg";

export function TimeRangePicker({
  selection,
  resolved,
  onChange,
  extra,
  testId,
}: {
  selection: RangeSelection;
  resolved: ResolvedRange;
  onChange: (sel: RangeSelection) => void;
  extra?: ReactNode;
  testId?: string;
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
      <div className="flex flex-wrap items-center gap-2">
        <fieldset className="flex" aria-label="Time range" data-testid={testId}>
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
        {extra}
      </div>
      {isCustom && (
        <form onSubmit={applyCustom} className="flex flex-wrap items-end gap-2" aria-label="Custom range">
          {(["from", "to"] as const).map((field) => (
            <div key={field} className="flex flex-col">
              <label htmlFor={`${id}-${field}`} className="text-xs text-muted">
                {field === "from" ? "From" : "To"}
              </label>
              <input
                id={`${id}-${field}`}
                name={field}
                type="datetime-local"
                className={rangeInput}
                defaultValue={toLocalInput(resolved[field])}
              />
            </div>
          ))}
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
