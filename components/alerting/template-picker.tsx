"use client";
// Ready-made rules: pick a template, adjust its parameters (defaults filled in), and the rule the server
// renders lands in the editor, to be reviewed and saved like any other.
import { useState } from "react";
import type { RuleBody, RuleTemplateInfo } from "@/lib/alerts/api-schemas";
import { controlClass, Field, primaryButton, secondaryButton } from "../experiments/form-fields";
import { useRenderTemplate, useRuleTemplates } from "../hooks/use-alerting-rules";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { LoadingRegion, Skeleton } from "../ui/skeleton";

type Params = Record<string, string | number>;

function defaults(t: RuleTemplateInfo): Params {
  return Object.fromEntries(t.parameters.map((p) => [p.name, p.default]));
}

export function TemplatePicker({
  onPick,
  onClose,
}: {
  onPick: (rule: RuleBody, groupName: string) => void;
  onClose: () => void;
}) {
  const templates = useRuleTemplates();
  const render = useRenderTemplate();
  const [chosen, setChosen] = useState<RuleTemplateInfo | null>(null);
  const [params, setParams] = useState<Params>({});

  function choose(t: RuleTemplateInfo) {
    setChosen(t);
    setParams(defaults(t));
    render.reset();
  }

  function use() {
    if (!chosen) return;
    render.mutate({ id: chosen.id, params }, { onSuccess: ({ rule }) => onPick(rule, chosen.id) });
  }

  return (
    <Panel
      title="Start from a template"
      description="Common model-monitoring rules over the series Vigil writes. The rendered rule opens in the editor."
      actions={
        <button type="button" className={secondaryButton} onClick={onClose}>
          Close
        </button>
      }
      testId="template-picker"
    >
      {templates.isPending ? (
        <LoadingRegion label="Loading templates">
          <Skeleton className="h-40 w-full" />
        </LoadingRegion>
      ) : templates.error || !templates.data ? (
        <EmptyState title="Could not load the templates">
          <p>{templates.error?.message}. Write the rule from scratch instead.</p>
        </EmptyState>
      ) : (
        <div className="grid min-w-0 gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <ul className="space-y-1" aria-label="Templates">
            {templates.data.templates.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  aria-pressed={chosen?.id === t.id}
                  onClick={() => choose(t)}
                  className="w-full rounded-md border border-border px-3 py-2 text-left hover:bg-surface-2 aria-pressed:border-accent aria-pressed:bg-accent/10"
                  data-testid="template-option"
                >
                  <span className="block text-sm font-medium">{t.title}</span>
                  <span className="block text-xs text-muted">{t.description}</span>
                </button>
              </li>
            ))}
          </ul>
          {chosen ? (
            <form
              className="min-w-0 space-y-3"
              onSubmit={(e) => {
                e.preventDefault();
                use();
              }}
              data-testid="template-params"
            >
              <p className="text-sm font-medium">{chosen.title}</p>
              {chosen.parameters.length === 0 && <p className="text-xs text-muted">No parameters.</p>}
              {chosen.parameters.map((p) => (
                <Field
                  key={p.name}
                  label={p.label}
                  hint={`${p.kind}, default ${p.default}`}
                  field={`param-${p.name}`}
                >
                  {(a) => (
                    <input
                      {...a}
                      className={`${controlClass} font-mono`}
                      inputMode={p.kind === "number" ? "decimal" : undefined}
                      value={String(params[p.name] ?? "")}
                      onChange={(e) => {
                        const raw = e.target.value;
                        const n = Number(raw);
                        setParams((cur) => ({
                          ...cur,
                          [p.name]: p.kind === "number" && raw.trim() !== "" && Number.isFinite(n) ? n : raw,
                        }));
                      }}
                    />
                  )}
                </Field>
              ))}
              {render.error && (
                <p role="alert" className="text-sm text-bad">
                  {render.error.message}
                </p>
              )}
              <button
                type="submit"
                className={primaryButton}
                disabled={render.isPending}
                data-testid="template-use"
              >
                {render.isPending ? "Rendering…" : "Use this template"}
              </button>
            </form>
          ) : (
            <p className="text-sm text-muted">Choose a template to see its parameters.</p>
          )}
        </div>
      )}
    </Panel>
  );
}
