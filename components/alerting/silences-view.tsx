"use client";
// /alerting/silences: every silence with its state, matchers, what it mutes now, and an expire button;
// /alerting/silences/new (?matchers=… from a notification's link) is the form.
import Link from "next/link";
import { useMemo, useState } from "react";
import type { SilenceInfo } from "@/lib/alerts/api-schemas";
import type { Tone } from "@/lib/charts/alert-format";
import { describeSchedule } from "@/lib/charts/alert-silence";
import { formatDateTime } from "@/lib/charts/format";
import { primaryButton, secondaryButton } from "../experiments/form-fields";
import { useExpireSilence, useSilences } from "../hooks/use-alerting-notify";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { LabelChips, PageHeading } from "./alerting-bits";
import { SilenceForm } from "./silence-form";

const STATE_TONE: Record<SilenceInfo["state"], Tone> = { active: "good", pending: "info", expired: "muted" };
const ORDER: Record<SilenceInfo["state"], number> = { active: 0, pending: 1, expired: 2 };

function SilenceCard({ silence, canEdit }: { silence: SilenceInfo; canEdit: boolean }) {
  const expire = useExpireSilence();
  return (
    <li
      className="min-w-0 space-y-2 rounded-lg border border-border bg-surface p-3"
      data-testid="silence-row"
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={STATE_TONE[silence.state]}>{silence.state}</Badge>
        <ul className="flex min-w-0 flex-wrap gap-1" aria-label="Matchers">
          {silence.matchers.map((m) => (
            <li
              key={`${m.name}${m.op}${m.value}`}
              className="break-all rounded border border-border bg-surface-2 px-1.5 py-0.5 font-mono text-[11px]"
            >
              {m.name}
              <span className="text-accent">{m.op}</span>
              {JSON.stringify(m.value)}
            </li>
          ))}
        </ul>
        {canEdit && silence.state !== "expired" && (
          <button
            type="button"
            className={`${secondaryButton} ml-auto h-7 text-xs`}
            disabled={expire.isPending}
            onClick={() => expire.mutate(silence.id)}
            data-testid="silence-expire"
          >
            {expire.isPending ? "Expiring…" : "Expire now"}
          </button>
        )}
      </div>
      <p className="text-xs text-muted">
        {formatDateTime(silence.startsAt)} → {formatDateTime(silence.endsAt)}
        {silence.schedule && <> · recurring {describeSchedule(silence.schedule)}</>}
        {silence.createdBy && <> · by {silence.createdBy}</>}
      </p>
      {silence.comment && <p className="break-words text-sm">{silence.comment}</p>}
      <div className="text-xs">
        {silence.mutes.length === 0 ? (
          <span className="text-muted">Mutes no current alert.</span>
        ) : (
          <details>
            <summary className="cursor-pointer">
              Mutes {silence.mutes.length} current {silence.mutes.length === 1 ? "alert" : "alerts"}
            </summary>
            <ul className="mt-1 space-y-1">
              {silence.mutes.map((a) => (
                <li key={`${a.groupId}/${a.fingerprint}`}>
                  <LabelChips labels={a.labels} />
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      {expire.error && <p className="text-xs text-bad">{expire.error.message}</p>}
    </li>
  );
}

export function SilencesView({ canEdit }: { canEdit: boolean }) {
  const list = useSilences();
  const [showExpired, setShowExpired] = useState(false);
  const all = list.data?.silences;
  const shown = useMemo(
    () =>
      (all ?? [])
        .filter((s) => showExpired || s.state !== "expired")
        .sort((a, b) => ORDER[a.state] - ORDER[b.state] || b.startsAt.localeCompare(a.startsAt)),
    [all, showExpired],
  );
  const active = all?.filter((s) => s.state === "active").length ?? 0;
  return (
    <div className="space-y-4">
      <PageHeading
        title="Silences"
        lead={
          all
            ? `${active} active, ${all.filter((s) => s.state === "pending").length} scheduled. A silenced alert still fires but sends no notification.`
            : "A silenced alert still fires but sends no notification."
        }
        actions={
          canEdit ? (
            <Link href="/alerting/silences/new" className={primaryButton} data-testid="silence-new">
              New silence
            </Link>
          ) : undefined
        }
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={showExpired} onChange={(e) => setShowExpired(e.target.checked)} />
        Show expired silences
      </label>
      {list.isPending ? (
        <LoadingRegion label="Loading silences">
          <Skeleton className="h-24 w-full" />
        </LoadingRegion>
      ) : list.error && !all ? (
        <EmptyState title="Could not load the silences">
          <p>{list.error.message}</p>
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title={all && all.length > 0 ? "No active or scheduled silence" : "No silences yet"}>
          <p>
            Silence alerts during maintenance with “New silence”, or follow the “Silence” link in any
            notification: it opens the form with that alert's labels filled in.
          </p>
        </EmptyState>
      ) : (
        <ul className="space-y-2">
          {shown.map((s) => (
            <SilenceCard key={s.id} silence={s} canEdit={canEdit} />
          ))}
        </ul>
      )}
    </div>
  );
}

export function NewSilenceView({ canEdit }: { canEdit: boolean }) {
  return (
    <div className="space-y-4">
      <PageHeading
        title="New silence"
        lead={
          <>
            Mute the notifications of alerts whose labels match, for a while or on a weekly schedule.{" "}
            <Link href="/alerting/silences" className="text-accent hover:underline">
              All silences
            </Link>
          </>
        }
      />
      {canEdit ? (
        <SilenceForm />
      ) : (
        <EmptyState title="Only editors and admins can create silences">
          <p>Ask an admin to open this link.</p>
        </EmptyState>
      )}
    </div>
  );
}
