"use client";
// The variables bar: one control per dashboard variable — a select, or for a multi-value variable a list of
// checkboxes in a disclosure. A change goes to the URL (`var-<name>=…`), and the panels query again.
import { useEffect, useRef, useState } from "react";
import { controlBase } from "../experiments/form-fields";
import type { VariableState } from "../hooks/use-dashboard-variables";

function MultiSelect({
  id,
  state,
  onChange,
}: {
  id: string;
  state: VariableState;
  onChange: (values: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const name = state.variable.label ?? state.variable.name;
  const options = [...new Set([...(state.options ?? []), ...state.values])];
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onEscape = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", onEscape);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", onEscape);
    };
  }, [open]);
  return (
    <div ref={root} className="relative">
      <button
        id={id}
        type="button"
        aria-expanded={open}
        aria-label={`${name}: ${state.values.join(", ") || "none"}`}
        className={`${controlBase} max-w-64 truncate text-left`}
        onClick={() => setOpen((o) => !o)}
        data-testid={`variable-${state.variable.name}`}
      >
        {state.values.length ? state.values.join(", ") : "none"}
      </button>
      {open && (
        <fieldset className="absolute z-20 mt-1 max-h-64 min-w-48 overflow-y-auto rounded-md border border-border bg-surface p-2 shadow-lg">
          <legend className="sr-only">{name}</legend>
          {options.map((o) => (
            <label key={o} className="flex items-center gap-2 px-1 py-0.5 text-sm">
              <input
                type="checkbox"
                checked={state.values.includes(o)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...state.values, o] : state.values.filter((v) => v !== o))
                }
              />
              <span className="font-mono">{o}</span>
            </label>
          ))}
          {options.length === 0 && <p className="text-xs text-muted">No values</p>}
        </fieldset>
      )}
    </div>
  );
}

export function VariablesBar({
  states,
  onChange,
}: {
  states: VariableState[];
  onChange: (name: string, values: string[]) => void;
}) {
  if (states.length === 0) return null;
  return (
    <div className="flex flex-wrap items-end gap-3" data-testid="variables-bar">
      {states.map((s) => {
        const v = s.variable;
        const id = `var-${v.name}`;
        const options = [...new Set([...(s.options ?? []), ...s.values])];
        return (
          <div key={v.name} className="flex min-w-0 flex-col gap-0.5">
            <label htmlFor={id} className="text-xs text-muted">
              {v.label ?? v.name}
            </label>
            {v.multi ? (
              <MultiSelect id={id} state={s} onChange={(values) => onChange(v.name, values)} />
            ) : (
              <select
                id={id}
                className={`${controlBase} max-w-64`}
                value={s.values[0] ?? ""}
                onChange={(e) => onChange(v.name, [e.target.value])}
                disabled={s.loading && options.length === 0}
                data-testid={`variable-${v.name}`}
              >
                {options.length === 0 && <option value="">{s.loading ? "Loading…" : "No values"}</option>}
                {options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            )}
            {s.error && (
              <span className="max-w-64 truncate text-xs text-bad" title={s.error}>
                {s.error}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
