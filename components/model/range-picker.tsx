"use client";
// Time range (1h, 24h, 7d, 30d, custom) and version filter, both kept in the URL so links share.
import { type FormEvent, useId, useState } from "react";
import {
  fromLocalInput,
  PRESET_KEYS,
  type RangeSelection,
  type ResolvedRange,
  toLocalInput,
} from "@/lib/charts/range";

const seg =
  "px-3 py-1.5 text-sm border-border first:rounded-l-md last:rounded-r-md border -ml-px first:ml-0 aria-pressed:bg-accent aria-pressed:text-accent-fg aria-pressed:border-accent hover:bg-surface-2 aria-pressed:hover:bg-accent";
const input = "rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-fg";

export function RangePicker({
  selection,
  resolved,
  versions,
  version,
  onChange,
}: {
  selection: RangeSelection;
  resolved: ResolvedRange;
  versions: string[];
  version: string | null;
  onChange: (sel: RangeSelection, version: string | null) => void;
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
    onChange({ kind: "custom", from, to }, version);
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <fieldset className="flex" aria-label="Time range">
          <legend className="sr-only">Time range</legend>
          {PRESET_KEYS.map((p) => (
            <button
              key={p}
              type="button"
              className={seg}
              aria-pressed={!isCustom && selection.kind === "preset" && selection.preset === p}
              onClick={() => {
                setCustomOpen(false);
                onChange({ kind: "preset", preset: p }, version);
              }}
            >
              {p}
            </button>
          ))}
          <button type="button" className={seg} aria-pressed={isCustom} onClick={() => setCustomOpen(true)}>
            Custom
          </button>
        </fieldset>
        <label htmlFor={`${id}-version`} className="sr-only">
          Version
        </label>
        <select
          id={`${id}-version`}
          className={input}
          value={version ?? ""}
          onChange={(e) => onChange(selection, e.target.value || null)}
        >
          <option value="">All versions</option>
          {versions.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
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
              className={input}
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
              className={input}
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
