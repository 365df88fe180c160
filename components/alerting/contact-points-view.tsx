"use client";
// /alerting/contact-points: where notifications go. Each card shows the settings (never a secret), the last
// delivery's status and error (permanent failures highlighted: they are not retried), "Send test
// notification" with the receiver's answer verbatim, edit and delete.
import { useState } from "react";
import type { ContactPointInfo } from "@/lib/alerts/api-schemas";
import { DELIVERY_LABEL, DELIVERY_TONE } from "@/lib/charts/alert-format";
import { ConfirmButton, primaryButton, secondaryButton } from "../experiments/form-fields";
import { useContactPoints, useDeleteContactPoint, useTestContactPoint } from "../hooks/use-alerting-notify";
import { useNow } from "../hooks/use-now";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { PageHeading, Verbatim, When } from "./alerting-bits";
import { ContactPointForm } from "./contact-point-form";

function target(cp: ContactPointInfo): string {
  const s = cp.settings;
  if (cp.kind === "webhook") return String(s.url ?? "");
  if (cp.kind === "email")
    return `${Array.isArray(s.to) ? s.to.join(", ") : ""} via ${String(s.host ?? "")}:${String(s.port ?? "")}`;
  return cp.hasSecret ? "incoming webhook (set)" : "no webhook URL set";
}

function Card({
  cp,
  canEdit,
  onEdit,
  now,
}: {
  cp: ContactPointInfo;
  canEdit: boolean;
  onEdit: () => void;
  now: number;
}) {
  const test = useTestContactPoint();
  const remove = useDeleteContactPoint();
  const [confirming, setConfirming] = useState(false);
  const outcome = test.data?.outcome;
  return (
    <li
      className="min-w-0 space-y-2 rounded-lg border border-border bg-surface p-4"
      data-testid="contact-point"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="font-semibold">{cp.name}</h2>
        <Badge tone="neutral">{cp.kind}</Badge>
        {cp.hasSecret && <Badge tone="muted">secret set</Badge>}
        {cp.lastStatus ? (
          <Badge tone={DELIVERY_TONE[cp.lastStatus]}>{DELIVERY_LABEL[cp.lastStatus]}</Badge>
        ) : (
          <Badge tone="muted">nothing sent yet</Badge>
        )}
        {cp.lastAttemptAt && (
          <span className="text-xs text-muted">
            last attempt <When iso={cp.lastAttemptAt} now={now} />
          </span>
        )}
      </div>
      <p className="break-all font-mono text-xs text-muted">{target(cp)}</p>
      {cp.lastError && (
        <div>
          <p className={`text-xs font-medium ${cp.lastStatus === "permanent" ? "text-bad" : "text-warn"}`}>
            {cp.lastStatus === "permanent"
              ? "Permanent failure: notifications to this contact point are dropped until its settings are fixed."
              : "Last error (retried):"}
          </p>
          <Verbatim text={cp.lastError} tone={cp.lastStatus === "permanent" ? "bad" : "muted"} />
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        {canEdit && (
          <>
            <button
              type="button"
              className={secondaryButton}
              disabled={test.isPending}
              onClick={() => test.mutate(cp.id)}
              data-testid="cp-test"
            >
              {test.isPending ? "Sending…" : "Send test notification"}
            </button>
            <button type="button" className={secondaryButton} onClick={onEdit}>
              Edit
            </button>
            <ConfirmButton
              label="Delete"
              question={`Delete ${cp.name}? Policies that name it must be changed first.`}
              confirmLabel="Delete"
              danger
              busy={remove.isPending}
              open={confirming}
              onOpenChange={setConfirming}
              onConfirm={() => remove.mutate(cp.id)}
              testId="cp-delete"
            />
          </>
        )}
      </div>
      {outcome && (
        <div data-testid="cp-test-outcome" aria-live="polite">
          <p className="text-xs">
            Test: <Badge tone={DELIVERY_TONE[outcome.kind]}>{DELIVERY_LABEL[outcome.kind]}</Badge> — the
            receiver answered:
          </p>
          <Verbatim
            text={outcome.detail || "(empty answer)"}
            tone={outcome.kind === "sent" ? "muted" : "bad"}
            testId="cp-test-answer"
          />
        </div>
      )}
      {(test.error ?? remove.error) && (
        <p role="alert" className="text-xs text-bad">
          {(test.error ?? remove.error)?.message}
        </p>
      )}
    </li>
  );
}

export function ContactPointsView({ canEdit }: { canEdit: boolean }) {
  const list = useContactPoints();
  const now = useNow(15_000);
  const [editing, setEditing] = useState<ContactPointInfo | "new" | null>(null);
  const all = list.data?.contactPoints;
  const failing = all?.filter((c) => c.lastStatus === "permanent").length ?? 0;
  return (
    <div className="space-y-4">
      <PageHeading
        title="Contact points"
        lead={
          failing > 0
            ? `${failing} contact ${failing === 1 ? "point fails" : "points fail"} permanently: fix the settings below.`
            : "Email, Slack and webhook receivers. The notification policy decides which alerts go where."
        }
        actions={
          canEdit ? (
            <button
              type="button"
              className={primaryButton}
              onClick={() => setEditing("new")}
              data-testid="cp-new"
            >
              New contact point
            </button>
          ) : undefined
        }
      />
      {editing && canEdit && (
        <ContactPointForm
          key={editing === "new" ? "new" : editing.id}
          contactPoint={editing === "new" ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {list.isPending ? (
        <LoadingRegion label="Loading contact points">
          <Skeleton className="h-32 w-full" />
        </LoadingRegion>
      ) : list.error && !all ? (
        <EmptyState title="Could not load the contact points">
          <p>{list.error.message}</p>
        </EmptyState>
      ) : !all || all.length === 0 ? (
        <EmptyState title="No contact points yet">
          <p>
            Add one with “New contact point”: alerts have nowhere to go until there is one. The first contact
            point becomes the default policy's receiver.
          </p>
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {all.map((cp) => (
            <Card key={cp.id} cp={cp} canEdit={canEdit} onEdit={() => setEditing(cp)} now={now} />
          ))}
        </ul>
      )}
    </div>
  );
}
