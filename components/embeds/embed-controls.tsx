"use client";
// The parameters an embed's viewer may change: one control per editable variable (a custom list as a select,
// others as a text field applied on Enter), nothing for locked or fixed ones. Options come from the dashboard
// definition only: an embed cannot list models or label values (no session, no API key).
import { useState } from "react";
import type { Variable } from "@/lib/dashboards/schema";
import { controlBase } from "../experiments/form-fields";

function TextVariable({
  variable,
  values,
  onChange,
}: {
  variable: Variable;
  values: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const [draft, setDraft] = useState(values.join(", "));
  const label = variable.label ?? variable.name;
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        const next = (variable.multi ? draft.split(",") : [draft]).map((v) => v.trim()).filter(Boolean);
        if (next.length > 0) onChange(next);
      }}
    >
      <label className="text-xs text-muted" htmlFor={`embed-var-${variable.name}`}>
        {label}
      </label>
      <input
        id={`embed-var-${variable.name}`}
        className={`${controlBase} w-40`}
        value={draft}
        maxLength={200}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={(e) => e.currentTarget.form?.requestSubmit()}
        data-testid={`embed-variable-${variable.name}`}
      />
    </form>
  );
}

export function EmbedVariables({
  variables,
  values,
  onChange,
}: {
  variables: readonly Variable[];
  values: Readonly<Record<string, readonly string[]>>;
  onChange: (name: string, values: string[]) => void;
}) {
  if (variables.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="embed-variables">
      {variables.map((v) =>
        v.type === "custom" && v.options && !v.multi ? (
          <div key={v.name} className="flex items-center gap-1">
            <label className="text-xs text-muted" htmlFor={`embed-var-${v.name}`}>
              {v.label ?? v.name}
            </label>
            <select
              id={`embed-var-${v.name}`}
              className={controlBase}
              value={values[v.name]?.[0] ?? ""}
              onChange={(e) => onChange(v.name, [e.target.value])}
              data-testid={`embed-variable-${v.name}`}
            >
              {v.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <TextVariable
            key={v.name}
            variable={v}
            values={values[v.name] ?? []}
            onChange={(list) => onChange(v.name, list)}
          />
        ),
      )}
    </div>
  );
}
