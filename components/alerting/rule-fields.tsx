"use client";
// The selected rule's fields: kind, name, the PromQL expression (the explore page's editor), for /
// keep_firing_for, severity, labels, annotations, and what to do on no data or a query error.
import dynamic from "next/dynamic";
import { useState } from "react";
import { MISSING_POLICIES, SEVERITIES } from "@/lib/alerts/api-schemas";
import type { MissingPolicy, RuleDraft, RuleField, Severity } from "@/lib/charts/alert-editor";
import { ConfirmButton, controlClass, Field, Issues } from "../experiments/form-fields";
import { Skeleton } from "../ui/skeleton";
import { PairsEditor } from "./pairs-editor";

const PromQLEditor = dynamic(() => import("../explore/promql-editor").then((m) => m.PromQLEditor), {
  ssr: false,
  loading: () => <Skeleton className="h-10 min-w-0 flex-1" />,
});

const POLICY_HELP: Record<MissingPolicy, string> = {
  ok: "treat as OK (resolve)",
  alerting: "fire an alert",
  keep_last: "keep the last state",
};

export function RuleFields({
  rule,
  index,
  onChange,
  onRemove,
  issues,
  disabled,
}: {
  rule: RuleDraft;
  index: number;
  onChange: (next: RuleDraft) => void;
  onRemove?: () => void;
  issues: Partial<Record<RuleField, string[]>>;
  disabled: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const set = (patch: Partial<RuleDraft>) => onChange({ ...rule, ...patch });
  const alerting = rule.kind === "alert";
  return (
    <fieldset
      disabled={disabled}
      className="min-w-0 space-y-3 rounded-lg border border-border bg-surface p-4"
      data-testid="rule-fields"
    >
      <legend className="sr-only">Rule {index + 1}</legend>
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Kind" field="rule-kind" className="w-40">
          {(p) => (
            <select
              {...p}
              className={controlClass}
              value={rule.kind}
              onChange={(e) => set({ kind: e.target.value as RuleDraft["kind"] })}
            >
              <option value="alert">Alerting rule</option>
              <option value="record">Recording rule</option>
            </select>
          )}
        </Field>
        <Field
          label={alerting ? "Alert name" : "Record (metric name)"}
          field="rule-name"
          issues={issues.name}
          className="min-w-[12rem] flex-1"
        >
          {(p) => (
            <input
              {...p}
              className={`${controlClass} font-mono`}
              value={rule.name}
              placeholder={alerting ? "AccuracyLow" : "job:vigil_predictions:rate5m"}
              onChange={(e) => set({ name: e.target.value })}
            />
          )}
        </Field>
        {onRemove && (
          <ConfirmButton
            label="Remove rule"
            question="Remove this rule from the group?"
            confirmLabel="Remove"
            danger
            busy={false}
            open={confirming}
            onOpenChange={setConfirming}
            onConfirm={() => {
              setConfirming(false);
              onRemove();
            }}
            testId="rule-remove"
          />
        )}
      </div>
      <div className="min-w-0">
        <p className="text-xs font-medium text-muted">Expression (PromQL)</p>
        <div className="mt-0.5 flex min-w-0">
          <PromQLEditor
            value={rule.expr}
            onChange={(expr) => set({ expr })}
            onRun={(expr) => set({ expr })}
            errorSpot={null}
          />
        </div>
        <Issues messages={issues.expr} testId="issue-rule-expr" />
      </div>
      {alerting && (
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="For (pending before firing)" field="rule-for" issues={issues.for}>
            {(p) => (
              <input
                {...p}
                className={controlClass}
                value={rule.for}
                placeholder="0s"
                onChange={(e) => set({ for: e.target.value })}
              />
            )}
          </Field>
          <Field label="Keep firing for" field="rule-keep" issues={issues.keep_firing_for}>
            {(p) => (
              <input
                {...p}
                className={controlClass}
                value={rule.keepFiringFor}
                placeholder="0s"
                onChange={(e) => set({ keepFiringFor: e.target.value })}
              />
            )}
          </Field>
          <Field label="Severity" field="rule-severity">
            {(p) => (
              <select
                {...p}
                className={controlClass}
                value={rule.severity}
                onChange={(e) => set({ severity: e.target.value as Severity | "" })}
              >
                <option value="">none</option>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="When the query returns no data" field="rule-nodata" issues={issues.no_data}>
            {(p) => (
              <select
                {...p}
                className={controlClass}
                value={rule.noData}
                onChange={(e) => set({ noData: e.target.value as MissingPolicy | "" })}
              >
                <option value="">default (OK)</option>
                {MISSING_POLICIES.map((m) => (
                  <option key={m} value={m}>
                    {POLICY_HELP[m]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="When the query fails" field="rule-onerror" issues={issues.on_error}>
            {(p) => (
              <select
                {...p}
                className={controlClass}
                value={rule.onError}
                onChange={(e) => set({ onError: e.target.value as MissingPolicy | "" })}
              >
                <option value="">default (keep the last state)</option>
                {MISSING_POLICIES.map((m) => (
                  <option key={m} value={m}>
                    {POLICY_HELP[m]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
      <div className="grid min-w-0 gap-4 md:grid-cols-2">
        <PairsEditor
          legend="Labels"
          pairs={rule.labels}
          onChange={(labels) => set({ labels })}
          issues={issues.labels}
          valuePlaceholder="value"
          testId="rule-labels"
        />
        {alerting && (
          <PairsEditor
            legend="Annotations"
            pairs={rule.annotations}
            onChange={(annotations) => set({ annotations })}
            issues={issues.annotations}
            valuePlaceholder="{{ $labels.model }} accuracy is {{ $value | humanizePercentage }}"
            multiline
            testId="rule-annotations"
          />
        )}
      </div>
      <Issues messages={issues.rule} />
    </fieldset>
  );
}
