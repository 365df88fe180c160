"use client";
// The dashboard settings' variables: name, label, type (model, version of the chosen model, a custom list,
// or label_values() query), options or query, multi-value and default. Reordering matters: a variable's query
// may use the variables above it.
import { useState } from "react";
import { LIMITS, VARIABLE_TYPES, type Variable, type VariableType } from "@/lib/dashboards/schema";
import { controlBase, secondaryButton } from "../experiments/form-fields";

const TYPE_LABELS: Record<VariableType, string> = {
  model: "Model (from Vigil's models)",
  version: "Version (of the chosen model)",
  custom: "Custom list",
  query: "Label values query",
};

// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${var} syntax, shown as an example
const BRACED = "${name}";

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** A comma-separated list kept as typed (a trailing comma stays) while the parsed list goes up. */
function ListInput({
  id,
  value,
  onChange,
  className,
  placeholder,
}: {
  id: string;
  value: string[];
  onChange: (values: string[]) => void;
  className: string;
  placeholder?: string;
}) {
  const [text, setText] = useState(value.join(", "));
  return (
    <input
      id={id}
      className={className}
      value={text}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value);
        onChange(list(e.target.value));
      }}
    />
  );
}

function nextName(variables: readonly Variable[]): string {
  for (let i = 1; ; i++) if (!variables.some((v) => v.name === `var${i}`)) return `var${i}`;
}

export function VariablesEditor({
  variables,
  onChange,
  issues,
}: {
  variables: Variable[];
  onChange: (variables: Variable[]) => void;
  /** problems by variable index */
  issues: Record<number, string[]>;
}) {
  const set = (i: number, patch: Partial<Variable>) =>
    onChange(variables.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  const swap = (i: number, j: number) => {
    const next = [...variables];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  return (
    <fieldset className="space-y-2" data-testid="variables-editor">
      <legend className="mb-1 text-sm font-semibold">Variables</legend>
      <p className="text-xs text-muted">
        Use them in queries as <code>$name</code>, <code>{BRACED}</code> or <code>[[name]]</code>; in the URL
        as <code>var-name=value</code>.
      </p>
      {variables.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a variable's name is being edited here; the index is stable
        <div key={i} className="space-y-2 rounded-md border border-border p-2" data-testid="variable-row">
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            <label className="flex flex-col gap-0.5 text-xs text-muted">
              Name
              <input
                className={`${controlBase} font-mono`}
                value={v.name}
                onChange={(e) => set(i, { name: e.target.value })}
              />
            </label>
            <label className="flex flex-col gap-0.5 text-xs text-muted">
              Label
              <input
                className={controlBase}
                value={v.label ?? ""}
                onChange={(e) => set(i, { label: e.target.value || undefined })}
              />
            </label>
            <label className="flex flex-col gap-0.5 text-xs text-muted">
              Type
              <select
                className={controlBase}
                value={v.type}
                onChange={(e) => {
                  const type = e.target.value as VariableType;
                  set(i, {
                    type,
                    options: type === "custom" ? (v.options ?? []) : undefined,
                    query:
                      type === "query" ? (v.query ?? "label_values(vigil_model_accuracy, model)") : undefined,
                    datasource: type === "query" ? v.datasource : undefined,
                  });
                }}
              >
                {VARIABLE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-0.5 text-xs text-muted" htmlFor={`variable-${i}-default`}>
              Default
              <ListInput
                id={`variable-${i}-default`}
                className={controlBase}
                value={Array.isArray(v.default) ? v.default : v.default ? [v.default] : []}
                placeholder={v.multi ? "every value" : "the first value"}
                onChange={(values) =>
                  set(i, { default: values.length === 0 ? undefined : v.multi ? values : values.join(",") })
                }
              />
            </label>
          </div>
          {v.type === "custom" && (
            <label className="flex flex-col gap-0.5 text-xs text-muted" htmlFor={`variable-${i}-options`}>
              Options (comma separated)
              <ListInput
                id={`variable-${i}-options`}
                className={controlBase}
                value={v.options ?? []}
                onChange={(options) => set(i, { options })}
              />
            </label>
          )}
          {v.type === "query" && (
            <label className="flex flex-col gap-0.5 text-xs text-muted">
              Query
              <input
                className={`${controlBase} font-mono`}
                value={v.query ?? ""}
                placeholder='label_values(vigil_model_accuracy{model="$model"}, version)'
                onChange={(e) => set(i, { query: e.target.value })}
              />
            </label>
          )}
          <div className="flex flex-wrap items-center gap-3 text-xs">
            <label className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={v.multi ?? false}
                onChange={(e) => set(i, { multi: e.target.checked || undefined })}
              />
              Several values
            </label>
            <button
              type="button"
              className="text-muted hover:text-fg disabled:opacity-40"
              disabled={i === 0}
              onClick={() => swap(i, i - 1)}
            >
              Move up
            </button>
            <button
              type="button"
              className="text-muted hover:text-fg disabled:opacity-40"
              disabled={i === variables.length - 1}
              onClick={() => swap(i, i + 1)}
            >
              Move down
            </button>
            <button
              type="button"
              className="ml-auto text-bad"
              onClick={() => onChange(variables.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
          {issues[i]?.length ? (
            <ul className="text-xs text-bad">
              {issues[i]!.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      <button
        type="button"
        className={`${secondaryButton} h-8`}
        disabled={variables.length >= LIMITS.variables}
        onClick={() =>
          onChange([
            ...variables,
            variables.some((v) => v.type === "model")
              ? { name: nextName(variables), type: "custom", options: ["a", "b"] }
              : { name: "model", type: "model" },
          ])
        }
      >
        Add variable
      </button>
    </fieldset>
  );
}
