"use client";
// /alerting/policy: the routing tree (readable), the "which route would take these labels?" tester, the
// inhibition rules, and a validated JSON editor for the whole policy (checked as the server checks it before
// it is sent).
import { useMemo, useState } from "react";
import type { PolicyResponse } from "@/lib/alerts/api-schemas";
import { effectiveTree, parsePolicyText, readLabels, testRouting } from "@/lib/charts/alert-policy";
import { controlClass, primaryButton, secondaryButton } from "../experiments/form-fields";
import { useContactPoints, usePolicy, useSavePolicy } from "../hooks/use-alerting-notify";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { PageHeading } from "./alerting-bits";
import { PolicyTree } from "./policy-tree";

function editableText(p: PolicyResponse): string {
  return JSON.stringify(
    { tree: p.tree, inhibit_rules: p.inhibit_rules, time_intervals: p.time_intervals },
    null,
    2,
  );
}

function PolicyEditor({
  policy,
  contactPoints,
  onDone,
}: {
  policy: PolicyResponse;
  contactPoints: string[];
  onDone: () => void;
}) {
  const [text, setText] = useState(() => editableText(policy));
  const save = useSavePolicy();
  const parsed = useMemo(() => parsePolicyText(text, contactPoints), [text, contactPoints]);
  return (
    <Panel
      title="Edit the policy"
      description="JSON in Alertmanager's field names (route tree, inhibit_rules, time_intervals)."
    >
      <label className="sr-only" htmlFor="policy-text">
        Policy JSON
      </label>
      <textarea
        id="policy-text"
        className={`${controlClass} min-h-[20rem] font-mono text-xs`}
        spellCheck={false}
        value={text}
        aria-invalid={parsed.error !== null}
        aria-describedby="policy-text-status"
        onChange={(e) => setText(e.target.value)}
        data-testid="policy-text"
      />
      <p
        id="policy-text-status"
        className={`mt-1 text-xs ${parsed.error ? "text-bad" : "text-good"}`}
        aria-live="polite"
      >
        {parsed.error ?? "Valid."}
      </p>
      {save.error && (
        <p role="alert" className="text-sm text-bad">
          {save.error.message}
        </p>
      )}
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          className={primaryButton}
          disabled={parsed.body === null || save.isPending}
          onClick={() => parsed.body && save.mutate(parsed.body, { onSuccess: onDone })}
          data-testid="policy-save"
        >
          {save.isPending ? "Saving…" : "Save policy"}
        </button>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Cancel
        </button>
      </div>
    </Panel>
  );
}

export function PolicyView({ canEdit }: { canEdit: boolean }) {
  const policy = usePolicy();
  const contactPoints = useContactPoints();
  const [editing, setEditing] = useState(false);
  const [labelsText, setLabelsText] = useState('{alertname="AccuracyLow", severity="critical"}');
  const names = useMemo(
    () => contactPoints.data?.contactPoints.map((c) => c.name) ?? [],
    [contactPoints.data],
  );
  const built = useMemo(() => (policy.data ? effectiveTree(policy.data.tree) : null), [policy.data]);
  const labels = readLabels(labelsText);
  const matched = built?.route && labels.labels ? testRouting(built.route, labels.labels) : [];
  const hits = new Set(matched.map((m) => m.route.id));

  if (policy.isPending)
    return (
      <LoadingRegion label="Loading the policy">
        <Skeleton className="h-64 w-full" />
      </LoadingRegion>
    );
  if (!policy.data)
    return (
      <EmptyState title="Could not load the notification policy">
        <p>{policy.error?.message}</p>
      </EmptyState>
    );
  const p = policy.data;
  return (
    <div className="space-y-4">
      <PageHeading
        title="Notification policy"
        lead={
          p.isDefault
            ? "The built-in default: every alert goes to the first contact point, grouped by alertname. Edit it to route by labels."
            : "Alerts walk the tree from the top; the first matching route takes them (more with continue)."
        }
        actions={
          canEdit && !editing ? (
            <button
              type="button"
              className={primaryButton}
              onClick={() => setEditing(true)}
              data-testid="policy-edit"
            >
              Edit policy
            </button>
          ) : undefined
        }
      />
      {editing && <PolicyEditor policy={p} contactPoints={names} onDone={() => setEditing(false)} />}
      <div className="grid min-w-0 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Panel title="Routing tree">
          {built?.route ? (
            <PolicyTree route={built.route} body={p.tree} hits={hits} />
          ) : (
            <p className="text-sm text-bad">{built?.error}</p>
          )}
        </Panel>
        <div className="min-w-0 space-y-4">
          <Panel title="Which route would take these labels?" testId="policy-tester">
            <label className="sr-only" htmlFor="policy-test-labels">
              Alert labels
            </label>
            <input
              id="policy-test-labels"
              className={`${controlClass} w-full font-mono`}
              value={labelsText}
              onChange={(e) => setLabelsText(e.target.value)}
            />
            {labels.error ? (
              <p className="mt-1 text-xs text-bad">{labels.error}</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm" data-testid="policy-test-result">
                {matched.map((m) => (
                  <li key={m.route.id} className="break-words">
                    <Badge tone="info">{m.route.receiver}</Badge>{" "}
                    <span className="text-xs text-muted">
                      route {m.route.id === "0" ? "default" : m.route.id} · group{" "}
                      {JSON.stringify(m.groupLabels)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel
            title="Inhibition rules"
            description="While a source alert fires, matching target alerts send nothing."
          >
            {p.inhibit_rules.length === 0 ? (
              <p className="text-sm text-muted">
                None. Add inhibit_rules in the editor, e.g. mute warnings while a critical alert of the same
                model fires.
              </p>
            ) : (
              <ul className="space-y-2 text-xs">
                {p.inhibit_rules.map((r) => (
                  <li
                    key={JSON.stringify(r)}
                    className="break-words rounded-md border border-border p-2 font-mono"
                  >
                    <span className="text-muted">when </span>
                    {r.source_matchers.join(", ")}
                    <span className="text-muted"> fires, mute </span>
                    {r.target_matchers.join(", ")}
                    {r.equal.length > 0 && (
                      <>
                        <span className="text-muted"> with equal </span>
                        {r.equal.join(", ")}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </div>
      </div>
    </div>
  );
}
