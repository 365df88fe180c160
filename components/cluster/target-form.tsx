"use client";
// Add or edit a scrape target: kind, URL (or only a host for the kind's default port and path), job, interval,
// timeout, sample limit, enabled, and a write-only Authorization header. The API's 400 message is split per
// field and shown under the field it names.
import { useState } from "react";
import { fieldIssues, type Issues } from "@/lib/charts/cluster-fields";
import {
  TARGET_FIELDS,
  TARGET_KIND_OPTIONS,
  type TargetDraft,
  type TargetKindOption,
  targetBodyOf,
  targetDraftOf,
} from "@/lib/charts/cluster-target-form";
import type { TargetInfo } from "@/lib/cluster/targets";
import {
  controlClass,
  Field,
  Issues as IssueList,
  primaryButton,
  secondaryButton,
} from "../experiments/form-fields";
import { useSaveTarget } from "../hooks/use-cluster-mutations";
import { AuthorizationField, RemoveAuthorizationToggle } from "./authorization-field";

export function TargetForm({ target, onDone }: { target: TargetInfo | null; onDone: () => void }) {
  const [d, setD] = useState<TargetDraft>(() => targetDraftOf(target));
  const [issues, setIssues] = useState<Issues>({});
  const [general, setGeneral] = useState<string[]>([]);
  const save = useSaveTarget(target?.id ?? null);
  const set = (patch: Partial<TargetDraft>) => setD((cur) => ({ ...cur, ...patch }));
  const editing = target !== null;

  function submit() {
    const built = targetBodyOf(d, editing);
    setIssues(built.issues);
    setGeneral([]);
    if (!built.body) return;
    save.mutate(built.body, {
      onSuccess: onDone,
      onError: (error) => {
        const split = fieldIssues(error.message, TARGET_FIELDS);
        setIssues(split.byField);
        setGeneral(split.general);
      },
    });
  }

  return (
    <form
      className="min-w-0 space-y-3 rounded-lg border border-border bg-surface-2/40 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      aria-label={editing ? `Edit scrape target ${target.job}/${target.instance}` : "New scrape target"}
      data-testid="target-form"
      noValidate
    >
      <h3 className="text-sm font-semibold">
        {editing ? `Edit target ${target.job} · ${target.instance}` : "New scrape target"}
      </h3>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field label="Kind" field="target-kind" issues={issues.kind}>
          {(p) => (
            <select
              {...p}
              className={controlClass}
              value={d.kind}
              onChange={(e) => set({ kind: e.target.value as TargetKindOption })}
            >
              {TARGET_KIND_OPTIONS.map((o) => (
                <option key={o.kind} value={o.kind}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="URL"
          hint="a full http(s) metrics URL, or only host[:port] for the kind's default"
          field="target-url"
          issues={issues.url}
          className="sm:col-span-2"
        >
          {(p) => (
            <input
              {...p}
              className={`${controlClass} font-mono`}
              value={d.url}
              placeholder="gpu-node-1 or http://gpu-node-1:9400/metrics"
              onChange={(e) => set({ url: e.target.value })}
            />
          )}
        </Field>
        <Field label="Job" hint="the job label (default: the kind)" field="target-job" issues={issues.job}>
          {(p) => (
            <input
              {...p}
              className={`${controlClass} font-mono`}
              value={d.job}
              placeholder={d.kind}
              onChange={(e) => set({ job: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Interval (s)"
          hint="default 15, at least 5"
          field="target-interval"
          issues={issues.intervalSeconds}
        >
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              className={controlClass}
              value={d.intervalSeconds}
              placeholder="15"
              onChange={(e) => set({ intervalSeconds: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Timeout (s)"
          hint="default 10, at most the interval"
          field="target-timeout"
          issues={issues.timeoutSeconds}
        >
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              className={controlClass}
              value={d.timeoutSeconds}
              placeholder="10"
              onChange={(e) => set({ timeoutSeconds: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Sample limit"
          hint="default 50000"
          field="target-sample-limit"
          issues={issues.sampleLimit}
        >
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              className={controlClass}
              value={d.sampleLimit}
              placeholder="50000"
              onChange={(e) => set({ sampleLimit: e.target.value })}
            />
          )}
        </Field>
        <AuthorizationField
          stored={target?.hasAuthorization ?? false}
          value={d.authorization}
          removing={d.removeAuthorization}
          onChange={(authorization) => set({ authorization })}
          hint={'sent as is, e.g. "Bearer …"; stored encrypted, never shown again'}
          field="target-authorization"
          issues={issues.authorization}
          className="sm:col-span-2"
        />
      </div>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          Enabled (scraped on its interval)
        </label>
        <RemoveAuthorizationToggle
          stored={target?.hasAuthorization ?? false}
          removing={d.removeAuthorization}
          onChange={(removeAuthorization) => set({ removeAuthorization })}
        />
      </div>
      <IssueList messages={[...general, ...(issues.enabled ?? [])]} testId="target-form-error" />
      <div className="flex gap-2">
        <button type="submit" className={primaryButton} disabled={save.isPending} data-testid="target-save">
          {save.isPending ? "Saving…" : editing ? "Save target" : "Add target"}
        </button>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
