"use client";
// The panel editor's queries: a PromQL editor per query (the explore page's, with completion), its data source
// (Vigil or an external Prometheus) and legend template. Enter in an editor runs the preview.
import dynamic from "next/dynamic";
import { LIMITS, type Target } from "@/lib/dashboards/schema";
import { controlBase, secondaryButton } from "../experiments/form-fields";
import { useDataSources } from "../hooks/use-prom-datasources";
import { Skeleton } from "../ui/skeleton";

const PromQLEditor = dynamic(() => import("../explore/promql-editor").then((m) => m.PromQLEditor), {
  ssr: false,
  loading: () => <Skeleton className="h-10 min-w-0 flex-1" />,
});

const letter = (i: number) => String.fromCharCode(65 + i);
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${var} syntax, shown as an example
const BRACED = "${version}";

export function QueriesEditor({
  targets,
  onChange,
  onRun,
  issues,
}: {
  targets: Target[];
  onChange: (targets: Target[]) => void;
  /** run the preview with these queries */
  onRun: (targets: Target[]) => void;
  /** problems by query index */
  issues: Record<number, string[]>;
}) {
  const sources = useDataSources();
  const update = (i: number, patch: Partial<Target>) =>
    onChange(targets.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  return (
    <fieldset className="space-y-3" data-testid="panel-queries">
      <legend className="mb-1 text-sm font-semibold">Queries</legend>
      {targets.map((t, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: queries have no id; the index is their name (A, B, …)
          key={i}
          className="space-y-2 rounded-md border border-border p-2"
          data-testid="panel-query"
        >
          <div className="flex items-center gap-2">
            <span
              className="w-5 shrink-0 text-center font-mono text-xs font-semibold text-muted"
              title={`Query ${letter(i)}`}
            >
              {letter(i)}
            </span>
            <PromQLEditor
              value={t.expr}
              onChange={(expr) => update(i, { expr })}
              onRun={(expr) => {
                const next = targets.map((x, j) => (j === i ? { ...x, expr } : x));
                onChange(next);
                onRun(next);
              }}
              errorSpot={null}
            />
            <button
              type="button"
              className="rounded px-2 py-1 text-muted hover:bg-surface-2 hover:text-bad"
              aria-label={`Remove query ${letter(i)}`}
              onClick={() => onChange(targets.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>
          <div className="flex flex-wrap items-center gap-2 pl-7">
            <label className="flex items-center gap-1 text-xs text-muted">
              Data source
              <select
                className={controlBase}
                value={t.datasource ?? ""}
                onChange={(e) => update(i, { datasource: e.target.value || null })}
              >
                <option value="">Vigil</option>
                {(sources.data?.datasources ?? []).map((d) => (
                  <option key={d.name} value={d.name}>
                    {d.name}
                  </option>
                ))}
                {t.datasource && !sources.data?.datasources.some((d) => d.name === t.datasource) && (
                  <option value={t.datasource}>{t.datasource} (unknown)</option>
                )}
              </select>
            </label>
            <label className="flex min-w-0 flex-1 items-center gap-1 text-xs text-muted">
              Series name
              <input
                className={`${controlBase} min-w-0 flex-1 font-mono`}
                value={t.legend ?? ""}
                placeholder="{{version}} (default: the labels)"
                onChange={(e) => update(i, { legend: e.target.value || undefined })}
              />
            </label>
          </div>
          {issues[i]?.length ? (
            <ul className="pl-7 text-xs text-bad" data-testid="query-issues">
              {issues[i]!.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      <div className="flex items-center gap-2">
        <button
          type="button"
          className={`${secondaryButton} h-8`}
          disabled={targets.length >= LIMITS.targets}
          onClick={() => onChange([...targets, { expr: "" }])}
        >
          Add query
        </button>
        <button type="button" className={`${secondaryButton} h-8`} onClick={() => onRun(targets)}>
          Run queries
        </button>
        <span className="text-xs text-muted">
          Variables: <code>$model</code>, <code>{BRACED}</code>, <code>$__rate_interval</code>,{" "}
          <code>$__interval</code>, <code>$__range</code>
        </span>
      </div>
    </fieldset>
  );
}
