"use client";
// Metrics and guardrails of the create form: the quality metrics as toggle chips, business events added by
// name (type auto / binary / mean, optionally "lower is better"), and the guardrail checkboxes.
import { useId, useState } from "react";
import {
  type EventMetricType,
  type EventMetricValues,
  eventNameProblem,
  type FieldIssues,
  GUARDRAILS,
  QUALITY_METRICS,
} from "@/lib/charts/experiment-form";
import { metricLabel } from "@/lib/charts/experiment-format";
import { controlClass, Issues, secondaryButton } from "./form-fields";

const TYPE_HINT: Record<EventMetricType, string> = {
  auto: "auto",
  binary: "binary: share of units with the event",
  mean: "mean: average event value per unit",
};

const chip =
  "inline-flex items-center gap-1 rounded-full border px-2.5 py-1 text-xs font-medium aria-pressed:border-accent aria-pressed:bg-accent/10 aria-pressed:text-fg";

export function MetricChips({
  quality,
  events,
  issues,
  onQuality,
  onEvents,
}: {
  quality: string[];
  events: EventMetricValues[];
  issues: FieldIssues;
  onQuality: (next: string[]) => void;
  onEvents: (next: EventMetricValues[]) => void;
}) {
  const id = useId();
  const [name, setName] = useState("");
  const [type, setType] = useState<EventMetricType>("auto");
  const [inverse, setInverse] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const taken = [...quality, ...events.map((e) => e.key)];

  function addEvent() {
    const p = eventNameProblem(name, taken);
    setProblem(p);
    if (p) return;
    onEvents([...events, { key: name.trim(), type, inverse: type !== "auto" && inverse }]);
    setName("");
    setInverse(false);
  }

  return (
    <fieldset className="min-w-0 space-y-2" data-testid="experiment-metrics">
      <legend className="text-sm font-medium">Metrics</legend>
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="text-xs text-muted">From labels:</span>
        {QUALITY_METRICS.map((m) => {
          const on = quality.includes(m);
          return (
            <button
              key={m}
              type="button"
              aria-pressed={on}
              onClick={() => onQuality(on ? quality.filter((q) => q !== m) : [...quality, m])}
              className={`${chip} border-border text-muted hover:text-fg`}
            >
              {on ? "✓ " : "+ "}
              {metricLabel(m)}
            </button>
          );
        })}
      </div>
      {events.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Event metrics">
          {events.map((e) => (
            <li key={e.key} className={`${chip} border-accent bg-accent/10 text-fg`}>
              <span className="font-mono">{e.key}</span>
              <span className="text-muted">
                {e.type}
                {e.inverse ? ", lower is better" : ""}
              </span>
              <button
                type="button"
                aria-label={`Remove metric ${e.key}`}
                onClick={() => onEvents(events.filter((x) => x.key !== e.key))}
                className="ml-0.5 rounded px-1 text-muted hover:text-fg"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-0.5 sm:max-w-56">
          <label htmlFor={`${id}-event`} className="text-xs text-muted">
            Event name
          </label>
          <input
            id={`${id}-event`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                addEvent();
              }
            }}
            placeholder="conversion"
            aria-invalid={problem !== null}
            className={`${controlClass} font-mono`}
          />
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-type`} className="text-xs text-muted">
            Type
          </label>
          <select
            id={`${id}-type`}
            value={type}
            onChange={(e) => setType(e.target.value as EventMetricType)}
            className={controlClass}
          >
            {(Object.keys(TYPE_HINT) as EventMetricType[]).map((t) => (
              <option key={t} value={t}>
                {TYPE_HINT[t]}
              </option>
            ))}
          </select>
        </div>
        <label className="flex h-8 items-center gap-1.5 text-xs">
          <input
            type="checkbox"
            checked={inverse}
            disabled={type === "auto"}
            onChange={(e) => setInverse(e.target.checked)}
            className="h-4 w-4 accent-accent"
          />
          lower is better
        </label>
        <button type="button" onClick={addEvent} className={`${secondaryButton} h-8`}>
          Add metric
        </button>
      </div>
      <Issues messages={problem ? [problem] : undefined} />
      <Issues messages={issues.metrics} testId="issue-metrics" />
    </fieldset>
  );
}

export function GuardrailChecks({
  guardrails,
  issues,
  onChange,
}: {
  guardrails: string[];
  issues: FieldIssues;
  onChange: (next: string[]) => void;
}) {
  return (
    <fieldset className="min-w-0 space-y-1">
      <legend className="text-sm font-medium">Guardrails</legend>
      <p className="text-xs text-muted">Flag a variant that makes these worse than the control.</p>
      <div className="flex flex-wrap gap-4">
        {GUARDRAILS.map((g) => (
          <label key={g} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={guardrails.includes(g)}
              onChange={(e) =>
                onChange(e.target.checked ? [...guardrails, g] : guardrails.filter((x) => x !== g))
              }
              className="h-4 w-4 accent-accent"
            />
            {metricLabel(g)}
          </label>
        ))}
      </div>
      <Issues messages={issues.guardrails} testId="issue-guardrails" />
    </fieldset>
  );
}
