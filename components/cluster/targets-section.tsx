"use client";
// Scrape targets: what Vigil scrapes, whether the last scrape worked (up), when, how long it took, how many
// samples, and the error when it failed. Admins add, edit, delete and "scrape now" (the answer is shown in the
// row: up, samples, duration, error).
import { useState } from "react";
import { formatInteger } from "@/lib/charts/format";
import type { TargetInfo } from "@/lib/cluster/targets";
import { When } from "../alerting/alerting-bits";
import { ConfirmButton, primaryButton } from "../experiments/form-fields";
import { useScrapeTargets } from "../hooks/use-cluster";
import { type ScrapeResult, useDeleteTarget, useScrapeNow } from "../hooks/use-cluster-mutations";
import { useNow } from "../hooks/use-now";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { TableHead } from "../ui/table-head";
import { TargetForm } from "./target-form";

const small =
  "inline-flex h-7 items-center rounded-md border border-border px-2 text-xs hover:bg-surface-2 disabled:opacity-50";

function UpBadge({ target }: { target: TargetInfo }) {
  const last = target.lastScrape;
  if (!last) return <Badge tone="muted">not scraped yet</Badge>;
  return (
    <span data-testid="target-up" data-up={last.up}>
      <Badge tone={last.up === 1 ? "good" : "bad"}>up = {last.up}</Badge>
    </span>
  );
}

function ScrapeAnswer({ result }: { result: ScrapeResult }) {
  return (
    <p className="text-xs" data-testid="scrape-result" role="status">
      Scraped now: <span className={result.up === 1 ? "text-good" : "text-bad"}>up = {result.up}</span>,{" "}
      {formatInteger(result.samples)} samples in {formatInteger(result.durationMs)} ms
      {result.staleMarked > 0 && `, ${result.staleMarked} series marked stale`}
      {result.error && <span className="text-bad"> — {result.error}</span>}
    </p>
  );
}

function TargetRow({
  target,
  canEdit,
  now,
  onEdit,
}: {
  target: TargetInfo;
  canEdit: boolean;
  now: number;
  onEdit: () => void;
}) {
  const scrape = useScrapeNow();
  const remove = useDeleteTarget();
  const [confirming, setConfirming] = useState(false);
  const last = target.lastScrape;
  return (
    <tr
      className="border-b border-border align-top last:border-0"
      data-testid="target-row"
      data-job={target.job}
      data-instance={target.instance}
    >
      <td className="px-3 py-2">
        <Badge tone="info">{target.kind}</Badge>
        {!target.enabled && (
          <div className="mt-1">
            <Badge tone="muted">disabled</Badge>
          </div>
        )}
      </td>
      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{target.job}</td>
      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{target.instance}</td>
      <td className="min-w-48 max-w-64 break-all px-3 py-2 font-mono text-xs">
        {target.url}
        {target.hasAuthorization && (
          <div className="mt-0.5 font-sans text-muted">with Authorization header</div>
        )}
      </td>
      <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap">
        {target.intervalSeconds} s<div className="text-xs text-muted">timeout {target.timeoutSeconds} s</div>
      </td>
      <td className="px-3 py-2">
        <UpBadge target={target} />
      </td>
      <td className="px-3 py-2 whitespace-nowrap">
        <When iso={last?.at ?? null} now={now} />
      </td>
      <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap">
        {last ? `${formatInteger(last.durationMs)} ms` : "—"}
      </td>
      <td className="px-3 py-2 text-right tabular-nums" data-testid="target-samples">
        {last ? formatInteger(last.samples) : "—"}
      </td>
      <td className="max-w-72 break-words px-3 py-2 text-xs text-bad" data-testid="target-error">
        {last?.error ?? ""}
      </td>
      {canEdit && (
        <td className="space-y-1.5 px-3 py-2">
          <div className="flex flex-wrap gap-1.5">
            <button
              type="button"
              className={small}
              disabled={scrape.isPending}
              onClick={() => scrape.mutate(target.id)}
              data-testid="target-scrape"
            >
              {scrape.isPending ? "Scraping…" : "Scrape now"}
            </button>
            <button type="button" className={small} onClick={onEdit} data-testid="target-edit">
              Edit
            </button>
          </div>
          <ConfirmButton
            label="Delete"
            question={`Delete target ${target.job}/${target.instance}? Its series get stale markers.`}
            confirmLabel="Delete"
            onConfirm={() => remove.mutate(target.id)}
            busy={remove.isPending}
            danger
            open={confirming}
            onOpenChange={setConfirming}
            testId="target-delete"
          />
          {scrape.data && <ScrapeAnswer result={scrape.data.result} />}
          {(scrape.error ?? remove.error) && (
            <p className="text-xs text-bad" role="alert">
              {(scrape.error ?? remove.error)?.message}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}

const HEADERS = [
  "Kind",
  "Job",
  "Instance",
  "URL",
  "Interval",
  "Up",
  "Last scrape",
  "Duration",
  "Samples",
  "Error",
];

export function TargetsSection({ canEdit }: { canEdit: boolean }) {
  const list = useScrapeTargets();
  const now = useNow(15_000);
  // null: no form; "new"; or the id of the target being edited
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const targets = list.data?.targets ?? [];
  const edited = typeof editing === "number" ? (targets.find((t) => t.id === editing) ?? null) : null;
  const down = targets.filter((t) => t.lastScrape && t.lastScrape.up === 0).length;

  return (
    <div id="scrape-targets" className="scroll-mt-16">
      <Panel
        title="Scrape targets"
        testId="targets-section"
        description={
          list.data
            ? `${targets.length} target${targets.length === 1 ? "" : "s"}${down ? `, ${down} down` : ""}. Each is scraped on its interval by the worker; its series are queryable with PromQL.`
            : "The /metrics endpoints Vigil scrapes (DCGM exporters, model servers, node exporters)."
        }
        actions={
          canEdit && editing !== "new" ? (
            <button
              type="button"
              className={primaryButton}
              onClick={() => setEditing("new")}
              data-testid="target-new"
            >
              Add target
            </button>
          ) : undefined
        }
      >
        <div className="space-y-3">
          {canEdit && (editing === "new" || edited) && (
            <TargetForm key={editing ?? "none"} target={edited} onDone={() => setEditing(null)} />
          )}
          {list.isPending ? (
            <LoadingRegion label="Loading scrape targets">
              <Skeleton className="h-24 w-full" />
            </LoadingRegion>
          ) : list.error && !list.data ? (
            <EmptyState title="Could not load the scrape targets">
              <p>{list.error.message}</p>
            </EmptyState>
          ) : targets.length === 0 ? (
            <EmptyState title="No scrape targets yet">
              <p>
                {canEdit
                  ? "Add a DCGM exporter, a model server's metrics port or a node exporter with “Add target”: the host is enough, the kind's default port and path are filled in."
                  : "An admin can add DCGM exporters, model servers and node exporters here."}
              </p>
            </EmptyState>
          ) : (
            <div className="relative overflow-x-auto rounded-md border border-border">
              <table className="w-full text-sm" data-testid="targets-table">
                <TableHead
                  headers={HEADERS}
                  numeric={["Interval", "Duration", "Samples"]}
                  actions={canEdit}
                />
                <tbody>
                  {targets.map((t) => (
                    <TargetRow
                      key={t.id}
                      target={t}
                      canEdit={canEdit}
                      now={now}
                      onEdit={() => setEditing(t.id)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {!canEdit && targets.length > 0 && (
            <p className="text-xs text-muted">Only admins can add, change or scrape targets.</p>
          )}
        </div>
      </Panel>
    </div>
  );
}
