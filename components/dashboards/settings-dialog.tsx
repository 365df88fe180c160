"use client";
// Dashboard settings: title, variables, the default time range and refresh, the dashboard's JSON (to read, copy
// or download), and removing the dashboard. Changes apply to the working copy; Save stores them.
import { useState } from "react";
import { type Definition, definitionSchema, issuePath, titleSchema } from "@/lib/dashboards/schema";
import { isTimeExpr, REFRESH_INTERVALS, type RefreshInterval } from "@/lib/dashboards/time";
import {
  ConfirmButton,
  controlBase,
  controlClass,
  primaryButton,
  secondaryButton,
} from "../experiments/form-fields";
import { exportUrl } from "../hooks/use-dashboards";
import { CodeBlock } from "../ui/code-block";
import { Dialog } from "./dialog";
import { VariablesEditor } from "./variables-editor";

export function SettingsDialog({
  uid,
  title,
  definition,
  onApply,
  onClose,
  onDelete,
  deleting,
}: {
  uid: string;
  title: string;
  definition: Definition;
  onApply: (title: string, definition: Definition) => void;
  onClose: () => void;
  onDelete: () => void;
  deleting: boolean;
}) {
  const [draftTitle, setTitle] = useState(title);
  const [draft, setDraft] = useState(definition);
  const [problems, setProblems] = useState<{
    general: string[];
    byVariable: Record<number, string[]>;
  } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  function apply() {
    const general: string[] = [];
    const byVariable: Record<number, string[]> = {};
    const t = titleSchema.safeParse(draftTitle);
    if (!t.success) general.push(`title: ${t.error.issues[0]?.message}`);
    const d = definitionSchema.safeParse(draft);
    if (!d.success)
      for (const issue of d.error.issues) {
        const index = issue.path[1];
        if (issue.path[0] === "variables" && typeof index === "number") {
          const where = issuePath(issue.path.slice(2));
          byVariable[index] = [
            ...(byVariable[index] ?? []),
            where ? `${where}: ${issue.message}` : issue.message,
          ];
        } else general.push(`${issuePath(issue.path)}: ${issue.message}`);
      }
    if (general.length || Object.keys(byVariable).length) {
      setProblems({ general, byVariable });
      return;
    }
    onApply(t.data!, d.data!);
  }

  const json = JSON.stringify({ uid, title: draftTitle, definition: draft }, null, 2);
  return (
    <Dialog
      open
      onClose={onClose}
      title="Dashboard settings"
      variant="drawer"
      testId="dashboard-settings"
      footer={
        <>
          {problems && <span className="mr-auto text-sm text-bad">Fix the problems marked above.</span>}
          <button type="button" className={secondaryButton} onClick={onClose}>
            Cancel
          </button>
          <button type="button" className={primaryButton} onClick={apply} data-testid="settings-apply">
            Apply
          </button>
        </>
      }
    >
      <div className="space-y-5">
        <label className="flex flex-col gap-0.5 text-xs font-medium text-muted">
          Title
          <input
            className={controlClass}
            value={draftTitle}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="settings-title"
          />
        </label>
        <fieldset className="flex flex-wrap items-end gap-2">
          <legend className="mb-1 text-sm font-semibold">Default time range and refresh</legend>
          <label className="flex flex-col gap-0.5 text-xs text-muted">
            From
            <input
              className={`${controlBase} font-mono`}
              value={draft.time.from}
              aria-invalid={!isTimeExpr(draft.time.from) || undefined}
              onChange={(e) => setDraft({ ...draft, time: { ...draft.time, from: e.target.value } })}
            />
          </label>
          <label className="flex flex-col gap-0.5 text-xs text-muted">
            To
            <input
              className={`${controlBase} font-mono`}
              value={draft.time.to}
              aria-invalid={!isTimeExpr(draft.time.to) || undefined}
              onChange={(e) => setDraft({ ...draft, time: { ...draft.time, to: e.target.value } })}
            />
          </label>
          <label className="flex flex-col gap-0.5 text-xs text-muted">
            Refresh
            <select
              className={controlBase}
              value={draft.refresh}
              onChange={(e) => setDraft({ ...draft, refresh: e.target.value as RefreshInterval })}
            >
              {REFRESH_INTERVALS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <VariablesEditor
          variables={draft.variables}
          onChange={(variables) => setDraft({ ...draft, variables })}
          issues={problems?.byVariable ?? {}}
        />
        {problems && problems.general.length > 0 && (
          <ul className="text-sm text-bad" data-testid="settings-issues">
            {problems.general.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
        <section aria-label="JSON model" className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">JSON model</h3>
            <a
              className={`${secondaryButton} h-8`}
              href={exportUrl(uid)}
              download
              data-testid="settings-export"
            >
              Download JSON (saved version)
            </a>
          </div>
          <div className="max-h-80 overflow-auto">
            <CodeBlock code={json} />
          </div>
        </section>
        <section aria-label="Danger zone" className="space-y-2 border-t border-border pt-3">
          <ConfirmButton
            label="Delete dashboard"
            question="Delete this dashboard for everyone?"
            confirmLabel="Delete"
            onConfirm={onDelete}
            busy={deleting}
            danger
            open={confirmDelete}
            onOpenChange={setConfirmDelete}
            testId="delete-dashboard"
          />
        </section>
      </div>
    </Dialog>
  );
}
