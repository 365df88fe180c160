"use client";
// The group's own settings: name, evaluation interval and data source (Vigil's series or an external
// Prometheus from GET /api/v1/datasources).
import type { GroupDraft } from "@/lib/charts/alert-editor";
import { controlClass, Field } from "../experiments/form-fields";
import { useDataSources } from "../hooks/use-prom-datasources";

export function GroupFields({
  draft,
  onChange,
  issues,
  disabled,
}: {
  draft: GroupDraft;
  onChange: (patch: Partial<GroupDraft>) => void;
  issues: Partial<Record<"name" | "interval" | "datasource" | "rules", string[]>>;
  disabled: boolean;
}) {
  const sources = useDataSources();
  const names = sources.data?.datasources.map((d) => d.name) ?? [];
  if (draft.datasource && !names.includes(draft.datasource)) names.push(draft.datasource);
  return (
    <fieldset
      disabled={disabled}
      className="grid min-w-0 gap-3 rounded-lg border border-border bg-surface p-4 sm:grid-cols-3"
      data-testid="group-fields"
    >
      <legend className="sr-only">Rule group</legend>
      <Field label="Group name" field="group-name" issues={issues.name}>
        {(p) => (
          <input
            {...p}
            className={controlClass}
            value={draft.name}
            placeholder="model-quality"
            onChange={(e) => onChange({ name: e.target.value })}
          />
        )}
      </Field>
      <Field
        label="Evaluation interval"
        hint="at least 10s; default 1m"
        field="group-interval"
        issues={issues.interval}
      >
        {(p) => (
          <input
            {...p}
            className={controlClass}
            value={draft.interval}
            placeholder="1m"
            onChange={(e) => onChange({ interval: e.target.value })}
          />
        )}
      </Field>
      <Field label="Data source" field="group-datasource" issues={issues.datasource}>
        {(p) => (
          <select
            {...p}
            className={controlClass}
            value={draft.datasource}
            onChange={(e) => onChange({ datasource: e.target.value })}
          >
            <option value="">Vigil (its own series)</option>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        )}
      </Field>
      {issues.rules && <p className="text-xs text-bad sm:col-span-3">{issues.rules.join("; ")}</p>}
    </fieldset>
  );
}
