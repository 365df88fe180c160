"use client";
// The panel editor (a drawer): title and description, queries, visualisation and its options, with a live
// preview drawn by the same PanelView as the dashboard. The preview runs the queries when asked (Enter in an
// editor, "Run queries"), not on every keystroke. "Apply" checks the panel with the schema and hands it back;
// the dashboard is saved with its own Save button.
import { useMemo, useState } from "react";
import type { RunPanelQuery } from "@/lib/dashboards/panel-query";
import { issuePath, type Panel, panelSchema } from "@/lib/dashboards/schema";
import type { ResolvedTime } from "@/lib/dashboards/time";
import type { VariableValues } from "@/lib/dashboards/variables";
import { controlClass, primaryButton, secondaryButton } from "../experiments/form-fields";
import { Dialog } from "./dialog";
import { OptionsEditor } from "./panel-editor-options";
import { QueriesEditor } from "./panel-editor-queries";
import { PanelView } from "./panel-view";

interface Issues {
  general: string[];
  byTarget: Record<number, string[]>;
}

/** The panel as it will be saved: blank queries dropped. */
function cleaned(panel: Panel): Panel {
  return { ...panel, targets: panel.targets.filter((t) => t.expr.trim() !== "") };
}

function check(panel: Panel): Issues | null {
  const parsed = panelSchema.safeParse(panel);
  if (parsed.success) return null;
  const issues: Issues = { general: [], byTarget: {} };
  for (const issue of parsed.error.issues) {
    if (issue.path[0] === "targets" && typeof issue.path[1] === "number") {
      const index = issue.path[1];
      issues.byTarget[index] = [...(issues.byTarget[index] ?? []), issue.message];
    } else {
      const path = issuePath(issue.path);
      issues.general.push(path ? `${path}: ${issue.message}` : issue.message);
    }
  }
  return issues;
}

export function PanelEditor({
  panel,
  isNew,
  variables,
  range,
  runQuery,
  onApply,
  onClose,
}: {
  panel: Panel;
  isNew: boolean;
  variables: VariableValues;
  range: ResolvedTime;
  runQuery: RunPanelQuery;
  onApply: (panel: Panel) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<Panel>(panel);
  // The queries the preview shows: the draft's, as of the last run.
  const [ran, setRan] = useState(panel.targets);
  const [issues, setIssues] = useState<Issues | null>(null);
  const preview = useMemo(
    () => cleaned({ ...draft, targets: draft.type === "builtin" ? [] : ran }),
    [draft, ran],
  );
  const previewValid = panelSchema.safeParse(preview).success;
  const update = (patch: Partial<Panel>) => setDraft((d) => ({ ...d, ...patch }));

  function apply() {
    const next = cleaned(draft);
    const problems = check(next);
    setIssues(problems);
    if (!problems) onApply(next);
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={isNew ? "New panel" : `Edit panel: ${panel.title || "untitled"}`}
      variant="drawer"
      testId="panel-editor"
      footer={
        <>
          {issues && <span className="mr-auto text-sm text-bad">Fix the problems marked above.</span>}
          <button type="button" className={secondaryButton} onClick={onClose}>
            Cancel
          </button>
          <button type="button" className={primaryButton} onClick={apply} data-testid="panel-apply">
            Apply
          </button>
        </>
      }
    >
      <div className="space-y-4">
        <section aria-label="Preview" className="h-72 shrink-0" data-testid="panel-preview">
          {previewValid ? (
            <PanelView
              panel={preview}
              variables={variables}
              range={range}
              runQuery={runQuery}
              scope="editor"
            />
          ) : (
            <div className="flex h-full items-center justify-center rounded-lg border border-dashed border-border text-sm text-muted">
              The preview appears once the panel is complete.
            </div>
          )}
        </section>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          <label className="flex flex-col gap-0.5 text-xs font-medium text-muted">
            Title
            <input
              className={controlClass}
              value={draft.title}
              onChange={(e) => update({ title: e.target.value })}
              data-testid="panel-title"
            />
          </label>
          <label className="flex flex-col gap-0.5 text-xs font-medium text-muted">
            Description
            <input
              className={controlClass}
              value={draft.description ?? ""}
              onChange={(e) => update({ description: e.target.value || undefined })}
            />
          </label>
        </div>
        <OptionsEditor panel={draft} onChange={update} />
        {draft.type !== "builtin" && (
          <QueriesEditor
            targets={draft.targets}
            onChange={(targets) => update({ targets })}
            onRun={setRan}
            issues={issues?.byTarget ?? {}}
          />
        )}
        {issues && issues.general.length > 0 && (
          <ul className="space-y-0.5 text-sm text-bad" data-testid="panel-issues">
            {issues.general.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
