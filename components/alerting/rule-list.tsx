"use client";
// The group's rules, in evaluation order: pick one to edit; add an alerting or recording rule or one from a
// template. A rule with server problems is marked.
import type { RuleDraft, RuleField } from "@/lib/charts/alert-editor";
import { secondaryButton } from "../experiments/form-fields";

export function RuleList({
  rules,
  selected,
  onSelect,
  onAdd,
  onTemplate,
  problems,
}: {
  rules: RuleDraft[];
  selected: number;
  onSelect: (index: number) => void;
  onAdd?: (kind: "alert" | "record") => void;
  onTemplate?: () => void;
  problems: Record<number, Partial<Record<RuleField, string[]>>>;
}) {
  return (
    <nav aria-label="Rules in this group" className="min-w-0 space-y-2">
      <ol className="space-y-1">
        {rules.map((r, i) => (
          <li key={r.key}>
            <button
              type="button"
              aria-current={i === selected ? "true" : undefined}
              onClick={() => onSelect(i)}
              className="flex w-full min-w-0 items-center gap-2 rounded-md border border-border bg-surface px-2 py-1.5 text-left text-sm hover:bg-surface-2 aria-[current=true]:border-accent aria-[current=true]:bg-accent/10"
              data-testid="rule-tab"
            >
              <span className="w-5 shrink-0 text-xs text-muted tabular-nums">{i + 1}.</span>
              <span className="min-w-0 flex-1 truncate">
                {r.name || <em className="text-muted">unnamed</em>}
              </span>
              <span className="shrink-0 text-[10px] uppercase text-muted">{r.kind}</span>
              {problems[i] && (
                <span className="shrink-0 text-xs font-medium text-bad" title="This rule has problems">
                  !
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
      {onAdd && (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={secondaryButton}
            onClick={() => onAdd("alert")}
            data-testid="rule-add"
          >
            + Alert rule
          </button>
          <button type="button" className={secondaryButton} onClick={() => onAdd("record")}>
            + Recording rule
          </button>
          {onTemplate && (
            <button
              type="button"
              className={secondaryButton}
              onClick={onTemplate}
              data-testid="rule-add-template"
            >
              + From template
            </button>
          )}
        </div>
      )}
    </nav>
  );
}
