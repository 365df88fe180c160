"use client";
// "New experiment" (admins): key, model, name, description, variants, metrics, guardrails, start/end,
// covariate and alpha. Checked on submit with the server's own schema (each issue next to its field); the
// server's refusal is shown verbatim. A created experiment opens its page.
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import {
  checkExperimentForm,
  defaultFormValues,
  type ExperimentFormValues,
  type FieldIssues,
  modelVersions,
} from "@/lib/charts/experiment-form";
import { useCreateExperiment } from "../hooks/use-experiments";
import { useModels } from "../hooks/use-models";
import { controlClass, Field, Issues, primaryButton, secondaryButton } from "./form-fields";
import { GuardrailChecks, MetricChips } from "./form-metrics";
import { VariantRows } from "./form-variants";

export function ExperimentForm({ model, onClose }: { model: string | null; onClose: () => void }) {
  const router = useRouter();
  const models = useModels();
  const create = useCreateExperiment();
  const [values, setValues] = useState<ExperimentFormValues>(() => defaultFormValues(model ?? ""));
  const [issues, setIssues] = useState<FieldIssues>({});
  const [checked, setChecked] = useState(false);

  const modelList = models.data?.models ?? [];
  const versions = modelVersions(modelList, values.model);
  const set = <K extends keyof ExperimentFormValues>(k: K, value: ExperimentFormValues[K]) => {
    const next = { ...values, [k]: value };
    setValues(next);
    // After a first submit, issues follow the typing so a fixed field loses its message at once.
    if (checked) {
      const r = checkExperimentForm(next);
      setIssues(r.ok ? {} : r.issues);
    }
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    const r = checkExperimentForm(values);
    if (!r.ok) {
      setIssues(r.issues);
      return;
    }
    setIssues({});
    create.mutate(r.body, {
      onSuccess: ({ experiment }) => router.push(`/experiments/${encodeURIComponent(experiment.key)}`),
    });
  }

  const issueCount = Object.keys(issues).length;

  return (
    <section
      aria-label="New experiment"
      className="rounded-lg border border-border bg-surface p-4 shadow-sm"
      data-testid="experiment-form"
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <fieldset disabled={create.isPending} className="min-w-0 space-y-4">
          <legend className="text-base font-semibold">New experiment</legend>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Field label="Key" field="key" issues={issues.key} hint="Used in the API and the URL">
              {(p) => (
                <input
                  {...p}
                  value={values.key}
                  onChange={(e) => set("key", e.target.value)}
                  placeholder="ranker-ab"
                  autoComplete="off"
                  className={`${controlClass} font-mono`}
                />
              )}
            </Field>
            <Field label="Model" field="model" issues={issues.model}>
              {(p) => (
                <select
                  {...p}
                  value={values.model}
                  onChange={(e) => set("model", e.target.value)}
                  className={controlClass}
                >
                  <option value="">{models.isPending ? "Loading models…" : "Choose a model"}</option>
                  {modelList.map((m) => (
                    <option key={m.name} value={m.name}>
                      {m.displayName ? `${m.displayName} (${m.name})` : m.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Name (optional)" field="name" issues={issues.name} className="lg:col-span-2">
              {(p) => (
                <input
                  {...p}
                  value={values.name}
                  onChange={(e) => set("name", e.target.value)}
                  placeholder="Ranker v2 vs v1"
                  className={controlClass}
                />
              )}
            </Field>
          </div>
          <Field label="Description (optional)" field="description" issues={issues.description}>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={values.description}
                onChange={(e) => set("description", e.target.value)}
                placeholder="What is being tested, and what would make you ship it"
                className={controlClass}
              />
            )}
          </Field>
          <VariantRows
            variants={values.variants}
            versions={versions}
            issues={issues}
            onChange={(v) => set("variants", v)}
          />
          <MetricChips
            quality={values.qualityMetrics}
            events={values.events}
            issues={issues}
            onQuality={(q) => set("qualityMetrics", q)}
            onEvents={(ev) => set("events", ev)}
          />
          <GuardrailChecks
            guardrails={values.guardrails}
            issues={issues}
            onChange={(g) => set("guardrails", g)}
          />
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Field label="Start (optional)" field="startAt" issues={issues.startAt} hint="Default: now">
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  value={values.startAt}
                  onChange={(e) => set("startAt", e.target.value)}
                  className={controlClass}
                />
              )}
            </Field>
            <Field
              label="End (optional)"
              field="endAt"
              issues={issues.endAt}
              hint="Default: runs until stopped"
            >
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
            <Field
              label="Covariate (optional)"
              field="covariate"
              issues={issues.covariate}
              hint="A numeric feature known before the model answered (CUPED)"
            >
              {(p) => (
                <input
                  {...p}
                  value={values.covariate}
                  onChange={(e) => set("covariate", e.target.value)}
                  placeholder="past_orders"
                  className={`${controlClass} font-mono`}
                />
              )}
            </Field>
            <Field label="Alpha" field="alpha" issues={issues.alpha} hint="Significance level, e.g. 0.05">
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  value={values.alpha}
                  onChange={(e) => set("alpha", e.target.value)}
                  className={`${controlClass} tabular-nums`}
                />
              )}
            </Field>
          </div>
        </fieldset>
        {issueCount > 0 && (
          <p role="alert" className="text-sm text-bad" data-testid="experiment-form-invalid">
            Fix the {issueCount === 1 ? "field" : `${issueCount} fields`} marked above.
          </p>
        )}
        {create.error && (
          <div role="alert" className="rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm text-bad">
            <p className="font-medium">The server refused the experiment</p>
            <Issues messages={[create.error.message]} testId="experiment-form-server-error" />
          </div>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={primaryButton} disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create experiment"}
          </button>
          <button type="button" onClick={onClose} className={secondaryButton}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
