"use client";
// Mode (table | graph) and its settings: evaluation time for the table; range, end, step and stacking for
// the graph. Every change goes to the URL through `onChange`.
import { useId, useState } from "react";
import { EXPLORE_RANGES, parseDuration } from "@/lib/charts/prom-step";
import { autoStepLabel, type ExploreState } from "@/lib/charts/prom-url";
import { fromLocalInput, toLocalInput } from "@/lib/charts/range";
import { useDataSources } from "../hooks/use-prom-datasources";

const seg =
  "px-3 py-1 text-sm border-border first:rounded-l-md last:rounded-r-md border -ml-px first:ml-0 aria-pressed:bg-accent aria-pressed:text-accent-fg aria-pressed:border-accent hover:bg-surface-2 aria-pressed:hover:bg-accent";
const input = "rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg";
const small = "text-xs text-muted";

/** A text field that commits on Enter or blur, and only a valid duration (or empty, when allowed). */
function DurationField({
  id,
  label,
  value,
  placeholder,
  allowEmpty,
  onCommit,
}: {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  allowEmpty: boolean;
  onCommit: (v: string | null) => void;
}) {
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  if (synced !== value) {
    setSynced(value);
    setText(value);
  }
  const trimmed = text.trim();
  const valid = trimmed === "" ? allowEmpty : parseDuration(trimmed) !== null;
  const showInvalid = trimmed !== "" && !valid;
  const commit = () => {
    if (!valid || trimmed === value) return;
    onCommit(trimmed === "" ? null : trimmed);
  };
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className={small}>
        {label}
      </label>
      <input
        id={id}
        value={text}
        placeholder={placeholder}
        aria-invalid={showInvalid}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
        }}
        className={`${input} w-28 font-mono aria-invalid:border-bad`}
      />
    </div>
  );
}

function TimeField({
  id,
  label,
  iso,
  onChange,
}: {
  id: string;
  label: string;
  iso: string | null;
  onChange: (iso: string | null) => void;
}) {
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className={small}>
        {label}
      </label>
      <input
        id={id}
        type="datetime-local"
        className={input}
        value={iso ? toLocalInput(iso) : ""}
        onChange={(e) => onChange(fromLocalInput(e.target.value))}
      />
      {iso && (
        <button type="button" onClick={() => onChange(null)} className="text-xs text-accent hover:underline">
          Now
        </button>
      )}
    </div>
  );
}

export function ExploreControls({
  state,
  onChange,
}: {
  state: ExploreState;
  onChange: (patch: Partial<ExploreState>) => void;
}) {
  const id = useId();
  const preset = (EXPLORE_RANGES as readonly string[]).includes(state.range);
  const sources = useDataSources().data?.datasources ?? [];
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      {(sources.length > 0 || state.ds) && (
        <label className="flex items-center gap-2 text-sm">
          <span className="text-muted">Source</span>
          <select
            data-testid="datasource-select"
            value={state.ds ?? ""}
            onChange={(e) => onChange({ ds: e.target.value || null })}
            className="rounded-md border border-border bg-surface px-2 py-1"
          >
            <option value="">Vigil</option>
            {sources.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset className="flex">
        <legend className="sr-only">Mode</legend>
        <button
          type="button"
          className={seg}
          aria-pressed={state.mode === "table"}
          onClick={() => onChange({ mode: "table" })}
        >
          Table
        </button>
        <button
          type="button"
          className={seg}
          aria-pressed={state.mode === "graph"}
          onClick={() => onChange({ mode: "graph" })}
        >
          Graph
        </button>
      </fieldset>
      {state.mode === "table" ? (
        <TimeField
          id={`${id}-time`}
          label="Evaluation time"
          iso={state.time}
          onChange={(time) => onChange({ time })}
        />
      ) : (
        <>
          <fieldset className="flex flex-wrap">
            <legend className="sr-only">Range</legend>
            {EXPLORE_RANGES.map((r) => (
              <button
                key={r}
                type="button"
                className={seg}
                aria-pressed={state.range === r}
                onClick={() => onChange({ range: r })}
              >
                {r}
              </button>
            ))}
          </fieldset>
          <DurationField
            id={`${id}-range`}
            label={preset ? "Custom" : "Range"}
            value={preset ? "" : state.range}
            placeholder="e.g. 3d"
            allowEmpty={false}
            onCommit={(v) => v && onChange({ range: v })}
          />
          <TimeField id={`${id}-end`} label="End" iso={state.end} onChange={(end) => onChange({ end })} />
          <DurationField
            id={`${id}-step`}
            label="Step"
            value={state.step ?? ""}
            placeholder={autoStepLabel(state.range)}
            allowEmpty
            onCommit={(step) => onChange({ step })}
          />
          <button
            type="button"
            aria-pressed={state.stacked}
            onClick={() => onChange({ stacked: !state.stacked })}
            className="rounded-md border border-border px-3 py-1 text-sm hover:bg-surface-2 aria-pressed:border-accent aria-pressed:bg-accent aria-pressed:text-accent-fg aria-pressed:hover:bg-accent"
          >
            Stacked
          </button>
        </>
      )}
    </div>
  );
}
