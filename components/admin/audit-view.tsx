"use client";
// Administration → Audit log: who changed what, newest first; filter by actor, target type and time, and page
// back through older events.
import { type FormEvent, useState } from "react";
import { AUDIT_TARGET_TYPES } from "@/lib/audit/target-types";
import { controlClass, Field, primaryButton, secondaryButton } from "../experiments/form-fields";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import type { AuditFilters } from "./admin-types";
import { AuditTable } from "./audit-table";
import { useAudit } from "./use-admin";

const NO_FILTERS: AuditFilters = { actor: "", targetType: "", from: "", to: "" };

export function AuditView() {
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  /** cursors of the pages before this one; the last is this page's (empty: the newest page) */
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1) ?? null;
  const audit = useAudit(filters, cursor);
  const set = (patch: Partial<AuditFilters>) => setDraft((d) => ({ ...d, ...patch }));

  function apply(e: FormEvent) {
    e.preventDefault();
    setFilters(draft);
    setCursors([]);
  }

  const events = audit.data?.events;
  const next = audit.data?.nextCursor ?? null;
  return (
    <Panel
      title="Audit log"
      description="Every change to rules, silences, channels, policies, keys, users, data sources, cluster settings, retention, shadows, experiments, dashboards and embeds."
    >
      <form
        onSubmit={apply}
        aria-label="Filter the audit log"
        className="mb-4 flex flex-wrap items-end gap-3"
      >
        <Field label="Actor" field="actor" className="w-44" hint="username, key name, cli">
          {(p) => (
            <input
              {...p}
              value={draft.actor}
              onChange={(e) => set({ actor: e.target.value })}
              className={controlClass}
            />
          )}
        </Field>
        <Field label="Target" field="targetType" className="w-48">
          {(p) => (
            <select
              {...p}
              value={draft.targetType}
              onChange={(e) => set({ targetType: e.target.value })}
              className={controlClass}
            >
              <option value="">All</option>
              {AUDIT_TARGET_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="From" field="from" className="w-52">
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={draft.from}
              onChange={(e) => set({ from: e.target.value })}
              className={controlClass}
            />
          )}
        </Field>
        <Field label="To" field="to" className="w-52">
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={draft.to}
              onChange={(e) => set({ to: e.target.value })}
              className={controlClass}
            />
          )}
        </Field>
        <button type="submit" className={primaryButton}>
          Apply
        </button>
        <button
          type="button"
          className={secondaryButton}
          onClick={() => {
            setDraft(NO_FILTERS);
            setFilters(NO_FILTERS);
            setCursors([]);
          }}
        >
          Clear
        </button>
      </form>
      {audit.error ? (
        <p role="alert" className="text-sm text-bad">
          {audit.error.message}
        </p>
      ) : !events ? (
        <LoadingRegion label="Loading the audit log">
          <Skeleton className="h-32 w-full" />
        </LoadingRegion>
      ) : events.length === 0 ? (
        <EmptyState title={cursor ? "No older events" : "Nothing recorded for these filters"}>
          <p>Changes appear here as soon as they are made: try clearing the filters.</p>
        </EmptyState>
      ) : (
        <AuditTable events={events} />
      )}
      <div className="mt-3 flex items-center gap-2">
        <button
          type="button"
          className={secondaryButton}
          disabled={cursors.length === 0}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Newer
        </button>
        <button
          type="button"
          className={secondaryButton}
          disabled={!next}
          onClick={() => next && setCursors((c) => [...c, next])}
        >
          Older
        </button>
        <span className="text-xs text-muted">Page {cursors.length + 1}</span>
      </div>
    </Panel>
  );
}
