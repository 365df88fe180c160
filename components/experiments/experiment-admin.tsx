"use client";
// Admin actions on one experiment: edit name, description and end (PATCH); stop or resume (PATCH status) and
// delete, each after an inline confirmation. Server refusals are shown verbatim.
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import {
  checkEditForm,
  type EditValues,
  type FieldIssues,
  isoToLocalInput,
} from "@/lib/charts/experiment-form";
import type { ExperimentInfo } from "@/lib/experiments/schemas";
import { useDeleteExperiment, useUpdateExperiment } from "../hooks/use-experiments";
import { ConfirmButton, controlClass, Field, primaryButton, secondaryButton } from "./form-fields";

type Confirming = "status" | "delete" | null;

export function ExperimentActions({ experiment }: { experiment: ExperimentInfo }) {
  const router = useRouter();
  const update = useUpdateExperiment(experiment.key);
  const remove = useDeleteExperiment(experiment.key);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const running = experiment.status === "running";
  const error = update.error ?? remove.error;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2" data-testid="experiment-actions">
        <button
          type="button"
          className={secondaryButton}
          aria-expanded={editing}
          onClick={() => setEditing((e) => !e)}
          data-testid="experiment-edit"
        >
          Edit
        </button>
        <ConfirmButton
          label={running ? "Stop" : "Resume"}
          question={
            running
              ? `Stop ${experiment.key}? Assignment ends and the results freeze.`
              : `Resume ${experiment.key}? Units are assigned again.`
          }
          confirmLabel={running ? "Stop experiment" : "Resume experiment"}
          busy={update.isPending}
          open={confirming === "status"}
          onOpenChange={(o) => setConfirming(o ? "status" : null)}
          onConfirm={() =>
            update.mutate(
              { status: running ? "stopped" : "running" },
              { onSuccess: () => setConfirming(null) },
            )
          }
          testId="experiment-status"
        />
        <ConfirmButton
          label="Delete"
          question={`Delete ${experiment.key} and its results? This cannot be undone.`}
          confirmLabel="Delete experiment"
          danger
          busy={remove.isPending}
          open={confirming === "delete"}
          onOpenChange={(o) => setConfirming(o ? "delete" : null)}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => router.push("/experiments") })}
          testId="experiment-delete"
        />
      </div>
      {error && (
        <p role="alert" className="text-sm text-bad" data-testid="experiment-action-error">
          {error.message}
        </p>
      )}
      {editing && <EditForm experiment={experiment} onDone={() => setEditing(false)} />}
    </div>
  );
}

function EditForm({ experiment, onDone }: { experiment: ExperimentInfo; onDone: () => void }) {
  const update = useUpdateExperiment(experiment.key);
  const [values, setValues] = useState<EditValues>({
    name: experiment.name ?? "",
    description: experiment.description ?? "",
    endAt: isoToLocalInput(experiment.endAt),
  });
  const [issues, setIssues] = useState<FieldIssues>({});
  const set = (k: keyof EditValues, v: string) => setValues((x) => ({ ...x, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const r = checkEditForm(values);
    if (!r.ok) {
      setIssues(r.issues);
      return;
    }
    setIssues({});
    update.mutate(r.body, { onSuccess: onDone });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-lg border border-border bg-surface p-4 shadow-sm"
      aria-label="Edit experiment"
      data-testid="experiment-edit-form"
    >
      <fieldset disabled={update.isPending} className="grid min-w-0 grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Name" field="name" issues={issues.name}>
          {(p) => (
            <input
              {...p}
              value={values.name}
              onChange={(e) => set("name", e.target.value)}
              className={controlClass}
            />
          )}
        </Field>
        <Field label="End" field="endAt" issues={issues.endAt} hint="Empty: runs until stopped">
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={values.endAt}
              onChange={(e) => set("endAt", e.target.value)}
              className={controlClass}
            />
          )}
        </Field>
        <Field label="Description" field="description" issues={issues.description} className="sm:col-span-2">
          {(p) => (
            <textarea
              {...p}
              rows={3}
              value={values.description}
              onChange={(e) => set("description", e.target.value)}
              className={controlClass}
            />
          )}
        </Field>
      </fieldset>
      {update.error && (
        <p role="alert" className="text-sm text-bad">
          {update.error.message}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primaryButton} disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save"}
        </button>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
